import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { adminContext } from "../admin/context.server";
import { downloadWithSessionToken } from "../components/downloadWithSessionToken";
import { EMPTY_ILLUSTRATION } from "../components/empty-illustration";
import { listDataRequests } from "../privacy/privacy.server";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.privacy");

// Customer data requests Shopify forwarded (customers/data_request): the app assembles
// what it holds about the customer, and the owner downloads it here to send it on.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  return { requests: await listDataRequests(shop) };
}

export default function PrivacyPage() {
  const { requests } = useLoaderData<typeof loader>();
  const { t, format } = useI18n();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const size = (bytes: number) =>
    bytes < 1024
      ? t("privacy.bytes", { size: format.number(bytes) })
      : t("privacy.kilobytes", { size: format.number(bytes / 1024, 1) });
  const download = async (id: string) => {
    setDownloading(id);
    setFailed(false);
    try {
      await downloadWithSessionToken(`/app/privacy-record/${encodeURIComponent(id)}`, {});
    } catch {
      setFailed(true);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Page>
      <TitleBar title={t("nav.privacy")} />
      <BlockStack gap="400">
        {failed ? (
          <Banner tone="critical" onDismiss={() => setFailed(false)}>
            <p>{t("privacy.failed")}</p>
          </Banner>
        ) : null}
        <Card>
          <BlockStack gap="200">
            <Text as="p">{t("privacy.intro")}</Text>
            <Text as="p" tone="subdued">
              {t("privacy.erase")}
            </Text>
          </BlockStack>
        </Card>
        <Card padding="0">
          {requests.length === 0 ? (
            <EmptyState heading={t("privacy.emptyTitle")} image={EMPTY_ILLUSTRATION}>
              <p>{t("privacy.emptyBody")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: t("privacy.resourceOne"), plural: t("privacy.resourceMany") }}
              itemCount={requests.length}
              selectable={false}
              headings={[
                { title: t("privacy.table.requested") },
                { title: t("privacy.table.customerId") },
                { title: t("privacy.table.request") },
                { title: t("privacy.table.status") },
                { title: t("privacy.table.record") },
              ]}
            >
              {requests.map((r, index) => (
                <IndexTable.Row id={r.id} key={r.id} position={index}>
                  <IndexTable.Cell>{format.dateTime(r.createdAt)}</IndexTable.Cell>
                  <IndexTable.Cell>{r.customerId}</IndexTable.Cell>
                  <IndexTable.Cell>{r.requestId}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.status === "completed" ? (
                      <Badge tone="success">{t("privacy.ready")}</Badge>
                    ) : (
                      <Badge tone="attention">{t("privacy.assembling")}</Badge>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.status === "completed" ? (
                      <Button
                        variant="plain"
                        onClick={() => download(r.id)}
                        loading={downloading === r.id}
                        accessibilityLabel={t("privacy.downloadLabel", { customer: r.customerId })}
                      >
                        {t("privacy.download", { size: size(r.bytes) })}
                      </Button>
                    ) : (
                      "—"
                    )}
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
