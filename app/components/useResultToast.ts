import { useAppBridge } from "@shopify/app-bridge-react";
import { useEffect } from "react";

export interface ResultMessage {
  ok: boolean;
  message: string;
}

/** Shows an action's answer as an App Bridge toast once, when the fetcher settles. */
export function useResultToast(state: "idle" | "loading" | "submitting", result: ResultMessage | undefined) {
  const shopify = useAppBridge();
  useEffect(() => {
    if (state === "idle" && result?.message) shopify.toast.show(result.message, { isError: !result.ok });
  }, [state, result, shopify]);
}
