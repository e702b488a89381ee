import type { LocalMessage } from "../i18n/translate";
import { retryReward, voidReward } from "../referrals/rewards.server";
import { isPlausibleId } from "./action-result";

export interface RewardCommand {
  intent: "retry" | "void";
  id: string;
  note?: string;
}

/** The reward form as a command, or the message saying what is wrong with it. */
export function parseRewardCommand(form: FormData): RewardCommand | LocalMessage {
  const intent = form.get("intent");
  if (intent !== "retry" && intent !== "void") return { key: "rewards.errors.chooseIntent" };
  const id = form.get("id");
  if (!isPlausibleId(id)) return { key: "rewards.errors.chooseReward" };
  const note = String(form.get("note") ?? "")
    .trim()
    .slice(0, 500);
  return { intent, id, ...(note ? { note } : {}) };
}

/** Runs the command through the engine, which checks the shop and the reward's state. */
export async function runRewardCommand(shop: string, actor: string, cmd: RewardCommand): Promise<LocalMessage> {
  if (cmd.intent === "retry") {
    await retryReward(shop, cmd.id, actor);
    return { key: "rewards.retried" };
  }
  await voidReward(shop, cmd.id, actor, cmd.note);
  return { key: "rewards.voided" };
}

/** Why the engine refused, in the owner's words: the reward is gone or has moved on. */
export function rewardRefusal(cmd: RewardCommand, status: number): LocalMessage {
  if (status === 404) return { key: "rewards.errors.notFound" };
  return { key: cmd.intent === "void" ? "rewards.errors.conflictVoid" : "rewards.errors.conflictRetry" };
}
