import { useLocation, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonDisplayText, SkeletonPage } from "@shopify/polaris";
import { useEffect, useState, type ReactNode } from "react";

/** How long a page may take before its skeleton replaces the page being left. */
export const SKELETON_AFTER_MS = 300;

/**
 * Between pages: App Bridge's loading bar while the next page loads (Built for Shopify),
 * and, when that takes longer than SKELETON_AFTER_MS, a skeleton of a page instead of the
 * old page, so the owner sees at once that the click worked.
 */
export function NavigationFeedback({ children }: { children: ReactNode }) {
  const shopify = useAppBridge();
  const navigation = useNavigation();
  const location = useLocation();
  const changingPage = navigation.state === "loading" && navigation.location.pathname !== location.pathname;
  const busy = navigation.state !== "idle";
  const [slow, setSlow] = useState(false);

  useEffect(() => {
    shopify.loading(busy);
  }, [busy, shopify]);

  useEffect(() => {
    if (!changingPage) {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), SKELETON_AFTER_MS);
    return () => clearTimeout(timer);
  }, [changingPage]);

  return slow && changingPage ? <PageSkeleton /> : <>{children}</>;
}

export function PageSkeleton() {
  return (
    <div data-testid="page-skeleton">
      <SkeletonPage primaryAction>
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <SkeletonDisplayText size="small" />
                <SkeletonBodyText lines={4} />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    </div>
  );
}

/**
 * The Admin Web Vitals App Bridge measures (LCP, CLS, INP, …) are posted to the app's
 * own log (/app/web-vitals), so slow pages show up where the operator looks. Through
 * fetch, which App Bridge gives the session token; `keepalive` lets a report sent while
 * the page closes arrive.
 */
export function useWebVitalsLog() {
  const shopify = useAppBridge();
  useEffect(() => {
    const onReport = shopify.webVitals?.onReport;
    if (!onReport) return;
    void onReport((report) => {
      void fetch("/app/web-vitals", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ path: window.location.pathname, metrics: report.metrics }),
        keepalive: true,
      }).catch(() => undefined);
    });
    return () => {
      void onReport(null);
    };
  }, [shopify]);
}
