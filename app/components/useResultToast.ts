import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect } from "react";
import type { ActionResult } from "../admin/action-result";
import { useI18n } from "../i18n/I18nProvider";

export type { ActionResult } from "../admin/action-result";

// A keyed fetcher's answer can be seen by more than one component (a card and the next
// page); each answer is announced once.
const announced = new WeakSet<object>();

/**
 * Shows a successful action's answer as an App Bridge toast once, when the fetcher
 * settles. Failures are never toasts (they vanish): the page shows them with
 * ActionErrorBanner, which stays until the owner acts again or dismisses it.
 */
export function useResultToast(state: "idle" | "loading" | "submitting", result: ActionResult | undefined) {
  const shopify = useAppBridge();
  const { tm } = useI18n();
  useEffect(() => {
    if (state !== "idle" || !result?.ok || !result.messages?.length || announced.has(result)) return;
    announced.add(result);
    shopify.toast.show(result.messages.map(tm).join(" "));
  }, [state, result, shopify, tm]);
}
