import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Card, EmptyState, Page } from "@shopify/polaris";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";

/**
 * A page's own error boundary, inside the admin layout: a 404 (an id that is not this
 * shop's, or no longer exists) is a normal page with a way back, not a crash. Other
 * errors bubble to the layout's Shopify boundary.
 */
export function RouteErrorPage({ backUrl, backLabel, what }: { backUrl: string; backLabel: string; what: string }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 400)) {
    return (
      <Page backAction={{ content: backLabel, url: backUrl }} title={`${what} not found`}>
        <Card>
          <EmptyState
            heading={`This ${what.toLowerCase()} does not exist in your shop`}
            action={{ content: backLabel, url: backUrl }}
            image={EMPTY_ILLUSTRATION}
          >
            <p>It may have been removed, or the link is wrong.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  throw error;
}
