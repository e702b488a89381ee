/** @jsxImportSource preact */
import type { Format } from "./format";
import { rules, shareLinks } from "./format";
import type { AdvocateView, ProgramView } from "./types";

/**
 * Pieces every surface shows the same way, in Polaris web components that exist both on
 * customer account pages and in checkout. `notify` tells the customer a copy worked (a
 * toast on account pages, a line of text on the thank-you page).
 */

export type Notify = (message: string) => void;

/** A value with a copy button: Shopify's clipboard item does the copying, in any browser. */
export function CopyValue(props: {
  id: string;
  label: string;
  value: string;
  copyLabel: string;
  f: Format;
  notify: Notify;
}) {
  const { id, label, value, copyLabel, f, notify } = props;
  return (
    <s-stack direction="inline" gap="base" alignItems="center" justifyContent="space-between">
      <s-stack direction="block" gap="small-400">
        <s-text color="subdued">{label}</s-text>
        <s-text type="strong">{value}</s-text>
      </s-stack>
      <s-clipboard-item
        id={id}
        text={value}
        onCopy={() => notify(f.t("copy.done"))}
        onCopyError={() => notify(f.t("copy.failed"))}
      />
      <s-button variant="secondary" command="--copy" commandFor={id}>
        {copyLabel}
      </s-button>
    </s-stack>
  );
}

/** Whether the device offers its own share sheet (not in every browser, nor in a worker). */
function nativeShare(): ((data: ShareData) => Promise<void>) | null {
  if (typeof navigator === "undefined" || typeof navigator.share !== "function") return null;
  return (data) => navigator.share(data);
}

/** The device's share sheet where there is one, then the theme block's share links. */
export function ShareActions(props: { advocate: AdvocateView; f: Format }) {
  const { advocate, f } = props;
  const share = nativeShare();
  const subject = f.t("share.emailSubject");
  return (
    <s-stack direction="block" gap="small">
      <s-text type="strong">{f.t("share.heading")}</s-text>
      {share && (
        <s-button
          variant="primary"
          onClick={() =>
            share({ title: subject, text: advocate.shareMessage, url: advocate.link }).catch(() => undefined)
          }
        >
          {f.t("share.native")}
        </s-button>
      )}
      <s-stack direction="inline" gap="base">
        {shareLinks(advocate, subject).map(({ network, url }) => (
          <s-link key={network} href={url} target="_blank">
            {f.t(`share.${network}`)}
          </s-link>
        ))}
      </s-stack>
    </s-stack>
  );
}

/** The code and the link, each with its copy button. */
export function CodeAndLink(props: { advocate: AdvocateView; f: Format; notify: Notify; idPrefix: string }) {
  const { advocate, f, notify, idPrefix } = props;
  return (
    <s-stack direction="block" gap="base">
      <CopyValue
        id={`${idPrefix}-code`}
        label={f.t("code.label")}
        value={advocate.code}
        copyLabel={f.t("code.copy")}
        f={f}
        notify={notify}
      />
      <CopyValue
        id={`${idPrefix}-link`}
        label={f.t("link.label")}
        value={advocate.link}
        copyLabel={f.t("link.copy")}
        f={f}
        notify={notify}
      />
    </s-stack>
  );
}

/** The program's rules in plain words. */
export function Rules(props: { program: ProgramView; f: Format }) {
  return (
    <s-unordered-list>
      {rules(props.program, props.f).map((sentence) => (
        <s-list-item key={sentence}>{sentence}</s-list-item>
      ))}
    </s-unordered-list>
  );
}
