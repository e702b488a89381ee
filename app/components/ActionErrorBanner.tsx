import { Banner } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { ActionResult } from "../admin/action-result";
import { useI18n } from "../i18n/I18nProvider";

/**
 * A failed action, as a critical banner that stays (Built for Shopify: errors are never
 * only a toast): its title says what did not happen, its text what to do. Dismissing it
 * hides this answer only; the next failure shows again.
 */
export function ActionErrorBanner({
  result,
  state,
  title,
}: {
  result: ActionResult | undefined;
  state: "idle" | "loading" | "submitting";
  title: string;
}) {
  const { tm } = useI18n();
  const [dismissed, setDismissed] = useState<ActionResult | null>(null);
  useEffect(() => {
    if (state !== "idle") setDismissed(null);
  }, [state]);
  if (state !== "idle" || !result || result.ok || dismissed === result) return null;
  return (
    <Banner tone="critical" title={title} onDismiss={() => setDismissed(result)}>
      {result.messages.map((m, i) => (
        <p key={i}>{tm(m)}</p>
      ))}
    </Banner>
  );
}
