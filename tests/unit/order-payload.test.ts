import { describe, expect, it } from "vitest";
import { readOrder, readRefund } from "../../app/referrals/order-payload";

/**
 * A friend paying in another currency than the shop's: the referral's subtotal and its
 * refunds are measured in the shop's money (the payload's shop_money), never in the
 * customer's presentment currency.
 */
const set = (shop: string, shopCurrency: string, presentment: string, presentmentCurrency: string) => ({
  shop_money: { amount: shop, currency_code: shopCurrency },
  presentment_money: { amount: presentment, currency_code: presentmentCurrency },
});

describe("order payload money", () => {
  it("reads the subtotal of an order paid in euros on a złoty shop in złoty", () => {
    const order = readOrder(
      {
        id: 7001,
        created_at: "2026-03-01T10:00:00Z",
        currency: "EUR",
        presentment_currency: "EUR",
        current_subtotal_price: "100.00",
        current_subtotal_price_set: set("432.10", "PLN", "100.00", "EUR"),
        subtotal_price: "100.00",
        subtotal_price_set: set("432.10", "PLN", "100.00", "EUR"),
      },
      "PLN",
    );
    expect(order).toMatchObject({ currency: "PLN", subtotalMinor: 43210 });
  });

  it("reads refunded line items in the shop's money", () => {
    const refund = readRefund(
      {
        id: 9001,
        order_id: 7001,
        refund_line_items: [
          { subtotal: 50, subtotal_set: set("216.05", "PLN", "50.00", "EUR") },
          { subtotal: 10, subtotal_set: set("43.21", "PLN", "10.00", "EUR") },
        ],
      },
      "PLN",
    );
    expect(refund).toEqual({ refundId: "9001", orderId: "7001", refundedMinor: 25926 });
  });

  it("falls back to the plain amount, in the shop's currency, when a payload has no price sets", () => {
    expect(readOrder({ id: 7002, current_subtotal_price: "12.50" }, "USD")).toMatchObject({
      currency: "USD",
      subtotalMinor: 1250,
    });
  });
});
