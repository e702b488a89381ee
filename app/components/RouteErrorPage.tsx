import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Card, EmptyState, Page } from "@shopify/polaris";
import { useI18n } from "../i18n/I18nProvider";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";

/**
 * A page's own error boundary, inside the admin layout: a 404 (an id that is not this
 * shop's, or no longer exists) is a normal page with a way back, not a crash. Other
 * errors bubble to the layout's Shopify boundary.
 */
export function RouteErrorPage({
  backUrl,
  backKey,
  titleKey,
  headingKey,
}: {
  backUrl: string;
  backKey: string;
  titleKey: string;
  headingKey: string;
}) {
  const error = useRouteError();
  const { t } = useI18n();
  if (isRouteErrorResponse(error) && (error.status === 404 || error.status === 400)) {
    const back = t(backKey);
    return (
      <Page backAction={{ content: back, url: backUrl }} title={t(titleKey)}>
        <Card>
          <EmptyState heading={t(headingKey)} action={{ content: back, url: backUrl }} image={EMPTY_ILLUSTRATION}>
            <p>{t("common.notFound.body")}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  throw error;
}
