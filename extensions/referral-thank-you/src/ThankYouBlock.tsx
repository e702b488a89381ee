/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useState } from "preact/hooks";
import { CodeAndLink, ShareActions } from "../../shared/components";
import { giveGet, makeFormat } from "../../shared/format";
import { useReferral } from "../../shared/use-referral";

/** purchase.thank-you.block.render: share your own code right after ordering. */
export default async () => {
  render(<ThankYouBlock />, document.body);
};

function ThankYouBlock() {
  const f = makeFormat(shopify);
  const [state] = useReferral(shopify, "checkout");
  // Checkout has no toast: the copy result is a line of text under the buttons.
  const [copied, setCopied] = useState("");
  if (state.kind === "loading") return <s-spinner accessibilityLabel={f.t("states.loading")} />;
  // The order is placed whatever happens here: when the program is off or the app cannot
  // be reached, the thank-you page shows nothing rather than a broken block.
  if (state.kind === "error" || state.kind === "off") return null;
  const offer = giveGet(state.program, f);
  if (state.kind === "guest") {
    const storefront = shopify.shop.storefrontUrl;
    return (
      <s-section heading={offer}>
        <s-stack direction="block" gap="base">
          <s-paragraph>{f.t("thankYou.guest")}</s-paragraph>
          {storefront && <s-link href={`${storefront.replace(/\/+$/, "")}/account`}>{f.t("thankYou.signIn")}</s-link>}
        </s-stack>
      </s-section>
    );
  }
  if (state.kind !== "ready")
    return (
      <s-section heading={offer}>
        <s-paragraph>{f.t(state.kind === "banned" ? "states.banned" : "states.preparing")}</s-paragraph>
      </s-section>
    );
  return (
    <s-section heading={offer}>
      <s-stack direction="block" gap="base">
        <s-paragraph>{f.t("thankYou.intro")}</s-paragraph>
        <CodeAndLink advocate={state.advocate} f={f} notify={setCopied} idPrefix="referral-thank-you" />
        {copied && <s-text tone="success">{copied}</s-text>}
        <ShareActions advocate={state.advocate} f={f} />
      </s-stack>
    </s-section>
  );
}
