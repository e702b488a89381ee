// Store credit: accounts per customer and currency, storeCreditAccountCredit/Debit and
// the account views.

import { gid, parseGid } from "../gid.js";
import { addDecimal, compareDecimal, isDecimal, normDecimal, subDecimal } from "../money.js";
import type { StoreCreditAccountRecord, StoreCreditTransactionRecord } from "../state.js";
import { moneyV2, userError, viewUserError } from "./common.js";
import { connection, type ConnectionArgs } from "./connection.js";
import type { ExecContext } from "./context.js";
import { customerView } from "./customers.js";
import { requireGid } from "./nodes.js";

function transactionView(ctx: ExecContext, a: StoreCreditAccountRecord, t: StoreCreditTransactionRecord) {
  const isCredit = t.kind === "credit";
  return {
    __typename: isCredit ? "StoreCreditAccountCreditTransaction" : "StoreCreditAccountDebitTransaction",
    id: gid(isCredit ? "StoreCreditAccountCreditTransaction" : "StoreCreditAccountDebitTransaction", t.id),
    amount: moneyV2(isCredit ? t.amount : `-${t.amount}`, a.currencyCode),
    balanceAfterTransaction: moneyV2(t.balanceAfter, a.currencyCode),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    event: "ADJUSTMENT",
    origin: null,
    remainingAmount: moneyV2(t.amount, a.currencyCode),
    account: () => storeCreditAccountView(ctx, a),
  };
}

export function storeCreditAccountView(ctx: ExecContext, a: StoreCreditAccountRecord): Record<string, unknown> {
  return {
    __typename: "StoreCreditAccount",
    id: gid("StoreCreditAccount", a.id),
    balance: moneyV2(a.balance, a.currencyCode),
    owner: () => {
      const c = ctx.shop.customers.get(a.customerId);
      return c ? customerView(ctx, c) : null;
    },
    transactions: (args: ConnectionArgs) =>
      connection(
        [...a.transactions].reverse(),
        args,
        (t) => t.id,
        (t) => transactionView(ctx, a, t),
      ),
  };
}

type Target =
  { account: StoreCreditAccountRecord } | { customerId: number } | { error: ReturnType<typeof viewUserError> };

function resolveTarget(ctx: ExecContext, id: string, currencyCode: string, create: boolean): Target {
  const parsed = parseGid(id);
  if (parsed?.type === "StoreCreditAccount") {
    const account = ctx.shop.storeCreditAccounts.get(parsed.id);
    return account
      ? { account }
      : { error: viewUserError(userError(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND")) };
  }
  if (parsed?.type === "Customer") {
    if (!ctx.shop.customers.has(parsed.id))
      return { error: viewUserError(userError(["id"], "Owner does not exist.", "OWNER_NOT_FOUND")) };
    const account = [...ctx.shop.storeCreditAccounts.values()].find(
      (a) => a.customerId === parsed.id && a.currencyCode === currencyCode,
    );
    if (account) return { account };
    return create
      ? { customerId: parsed.id }
      : { error: viewUserError(userError(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND")) };
  }
  if (parsed?.type === "CompanyLocation")
    throw new Error("The Shopify simulator does not support store credit for company locations");
  return { error: viewUserError(userError(["id"], "Owner does not exist.", "OWNER_NOT_FOUND")) };
}

export const storeCreditMutations = {
  storeCreditAccountCredit(
    ctx: ExecContext,
    args: {
      id: string;
      creditInput: {
        creditAmount: { amount: string | number; currencyCode: string };
        expiresAt?: string | null;
        notify?: boolean | null;
      };
    },
  ) {
    const { creditAmount, expiresAt } = args.creditInput;
    const fail = (field: string[], message: string, code: string) => ({
      storeCreditAccountTransaction: null,
      userErrors: [viewUserError(userError(field, message, code))],
    });
    if (!isDecimal(creditAmount.amount) || compareDecimal(creditAmount.amount, "0") <= 0)
      return fail(
        ["creditInput", "creditAmount", "amount"],
        "A positive amount must be used to credit a store credit account.",
        "NEGATIVE_OR_ZERO_AMOUNT",
      );
    if (expiresAt && Date.parse(expiresAt) <= ctx.shop.clock.now())
      return fail(["creditInput", "expiresAt"], "The expiry date must be in the future.", "EXPIRES_AT_IN_PAST");
    const target = resolveTarget(ctx, args.id, creditAmount.currencyCode, true);
    if ("error" in target) return { storeCreditAccountTransaction: null, userErrors: [target.error] };
    let account: StoreCreditAccountRecord;
    if ("account" in target) {
      account = target.account;
      if (account.currencyCode !== creditAmount.currencyCode)
        return fail(
          ["creditInput", "creditAmount", "currencyCode"],
          "The currency provided does not match the currency of the store credit account.",
          "MISMATCHING_CURRENCY",
        );
    } else {
      account = {
        id: ctx.shop.nextId(),
        customerId: target.customerId,
        currencyCode: creditAmount.currencyCode,
        balance: "0.0",
        transactions: [],
      };
      ctx.shop.storeCreditAccounts.set(account.id, account);
    }
    const amount = normDecimal(creditAmount.amount);
    account.balance = addDecimal(account.balance, amount);
    const t: StoreCreditTransactionRecord = {
      id: ctx.shop.nextId(),
      accountId: account.id,
      kind: "credit",
      amount,
      balanceAfter: account.balance,
      createdAt: ctx.shop.now(),
      expiresAt: expiresAt ? new Date(Date.parse(expiresAt)).toISOString() : null,
      notify: args.creditInput.notify ?? false,
    };
    account.transactions.push(t);
    return { storeCreditAccountTransaction: transactionView(ctx, account, t), userErrors: [] };
  },

  storeCreditAccountDebit(
    ctx: ExecContext,
    args: { id: string; debitInput: { debitAmount: { amount: string | number; currencyCode: string } } },
  ) {
    const { debitAmount } = args.debitInput;
    const fail = (field: string[] | null, message: string, code: string) => ({
      storeCreditAccountTransaction: null,
      userErrors: [viewUserError(userError(field, message, code))],
    });
    if (!isDecimal(debitAmount.amount) || compareDecimal(debitAmount.amount, "0") <= 0)
      return fail(
        ["debitInput", "debitAmount", "amount"],
        "A positive amount must be used to debit a store credit account.",
        "NEGATIVE_OR_ZERO_AMOUNT",
      );
    const target = resolveTarget(ctx, args.id, debitAmount.currencyCode, false);
    // The debit error enum has no OWNER_NOT_FOUND: a missing owner is a missing account there.
    if ("error" in target)
      return { storeCreditAccountTransaction: null, userErrors: [{ ...target.error, code: "ACCOUNT_NOT_FOUND" }] };
    if (!("account" in target)) return fail(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND");
    const account = target.account;
    if (account.currencyCode !== debitAmount.currencyCode)
      return fail(
        ["debitInput", "debitAmount", "currencyCode"],
        "The currency provided does not match the currency of the store credit account.",
        "MISMATCHING_CURRENCY",
      );
    if (compareDecimal(account.balance, debitAmount.amount) < 0)
      return fail(
        ["debitInput", "debitAmount", "amount"],
        "The store credit account does not have sufficient funds.",
        "INSUFFICIENT_FUNDS",
      );
    const amount = normDecimal(debitAmount.amount);
    account.balance = subDecimal(account.balance, amount);
    const t: StoreCreditTransactionRecord = {
      id: ctx.shop.nextId(),
      accountId: account.id,
      kind: "debit",
      amount,
      balanceAfter: account.balance,
      createdAt: ctx.shop.now(),
      expiresAt: null,
      notify: false,
    };
    account.transactions.push(t);
    return { storeCreditAccountTransaction: transactionView(ctx, account, t), userErrors: [] };
  },
};

export const storeCreditQueries = {
  storeCreditAccount(ctx: ExecContext, args: { id: string }) {
    const id = requireGid(args.id, "StoreCreditAccount");
    const a = id === null ? undefined : ctx.shop.storeCreditAccounts.get(id);
    return a ? storeCreditAccountView(ctx, a) : null;
  },
};
