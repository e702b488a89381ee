/** @jsxImportSource preact */
import { CodeAndLink, CopyValue } from "../../shared/components";
import { giveGet, makeFormat } from "../../shared/format";
import { useReferral } from "../../shared/use-referral";

/** The full "Refer a friend" page, another extension of this app. */
export const PAGE_URL = "extension://referral-account-page";

/**
 * One compact block for both targets. The profile block shows the code and links to the
 * full page; the order status block leads with "give X, get Y" and adds the link. Nothing
 * shows while the program is off, as with the theme block.
 */
export function Block(props: { variant: "profile" | "order-status" }) {
  const f = makeFormat(shopify);
  const [state, retry] = useReferral(shopify, "customer-account");
  const notify = (message: string) => void shopify.toast.show(message);
  if (state.kind === "off") return null;
  if (state.kind === "loading")
    return (
      <s-section>
        <s-spinner accessibilityLabel={f.t("states.loading")} />
      </s-section>
    );
  if (state.kind === "error")
    return (
      <s-section>
        <s-stack direction="block" gap="small">
          <s-text>{f.t("states.error")}</s-text>
          <s-button variant="secondary" onClick={retry}>
            {f.t("states.retry")}
          </s-button>
        </s-stack>
      </s-section>
    );
  const offer = giveGet(state.program, f);
  const heading = props.variant === "profile" ? f.t("block.heading") : offer;
  return (
    <s-section heading={heading}>
      <s-stack direction="block" gap="base">
        {state.kind === "ready" ? (
          <>
            {props.variant === "profile" ? (
              <>
                <s-paragraph>{offer}</s-paragraph>
                <CopyValue
                  id="referral-block-code"
                  label={f.t("code.label")}
                  value={state.advocate.code}
                  copyLabel={f.t("code.copy")}
                  f={f}
                  notify={notify}
                />
              </>
            ) : (
              <>
                <s-paragraph>{f.t("block.orderIntro")}</s-paragraph>
                <CodeAndLink advocate={state.advocate} f={f} notify={notify} idPrefix="referral-order" />
              </>
            )}
          </>
        ) : (
          <s-paragraph>
            {f.t(
              state.kind === "banned" ? "states.banned" : state.kind === "guest" ? "states.guest" : "states.preparing",
            )}
          </s-paragraph>
        )}
        {state.kind !== "guest" && <s-link href={PAGE_URL}>{f.t("block.open")}</s-link>}
      </s-stack>
    </s-section>
  );
}
