import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { adminContext } from "../admin/context.server";
import { config } from "../config.server";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.help");

// The operator's support contact (SUPPORT_EMAIL / SUPPORT_URL) and, in plain words, what
// the app does with customer data, as Built for Shopify and the Partner Dashboard's
// protected customer data review expect an owner to be able to read.
export async function loader({ request }: LoaderFunctionArgs) {
  await adminContext(request);
  return { support: config().support };
}

export default function HelpPage() {
  const { support } = useLoaderData<typeof loader>();
  const { t, timeZone } = useI18n();
  return (
    <Page>
      <TitleBar title={t("help.title")} />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("help.supportHeading")}
              </Text>
              {support.email || support.url ? (
                <>
                  <Text as="p">{t("help.supportBody")}</Text>
                  <InlineStack gap="200">
                    {support.email ? (
                      <Button url={`mailto:${support.email}`} target="_blank" variant="primary">
                        {t("help.email", { email: support.email })}
                      </Button>
                    ) : null}
                    {support.url ? (
                      <Button url={support.url} target="_blank" external>
                        {t("help.website")}
                      </Button>
                    ) : null}
                  </InlineStack>
                </>
              ) : (
                <Text as="p" tone="subdued">
                  {t("help.noContact")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("help.dataHeading")}
              </Text>
              <Text as="p">{t("help.dataReads")}</Text>
              <Text as="p">{t("help.dataUse")}</Text>
              <Text as="p">{t("help.dataRequests")}</Text>
              <div>
                <Link to="/app/privacy">{t("help.privacyLink")}</Link>
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("help.howHeading")}
              </Text>
              <List>
                <List.Item>{t("help.howCodes")}</List.Item>
                <List.Item>{t("help.howReview")}</List.Item>
                <List.Item>{t("help.howDays", { timeZone })}</List.Item>
              </List>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
