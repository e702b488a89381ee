import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect } from "react";

export interface ResultMessage {
  ok: boolean;
  message: string;
}

// A keyed fetcher's answer can be seen by more than one component (a card and the next
// page); each answer is announced once.
const announced = new WeakSet<object>();

/** Shows an action's answer as an App Bridge toast once, when the fetcher settles. */
export function useResultToast(state: "idle" | "loading" | "submitting", result: ResultMessage | undefined) {
  const shopify = useAppBridge();
  useEffect(() => {
    if (state !== "idle" || !result?.message || announced.has(result)) return;
    announced.add(result);
    shopify.toast.show(result.message, { isError: !result.ok });
  }, [state, result, shopify]);
}
