import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import { adminContext } from "../admin/context.server";
import { downloadWithSessionToken } from "../components/downloadWithSessionToken";
import { EMPTY_ILLUSTRATION } from "../components/empty-illustration";
import { formatDateTime } from "../components/format";
import { listDataRequests } from "../privacy/privacy.server";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.privacy");

// Customer data requests Shopify forwarded (customers/data_request): the app assembles
// what it holds about the customer, and the owner downloads it here to send it on.
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  return { requests: await listDataRequests(shop) };
}

function size(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export default function PrivacyPage() {
  const { requests } = useLoaderData<typeof loader>();
  const [downloading, setDownloading] = useState<string | null>(null);
  const download = async (id: string) => {
    setDownloading(id);
    try {
      await downloadWithSessionToken(`/app/privacy-record/${encodeURIComponent(id)}`, {});
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Page>
      <TitleBar title="Privacy" />
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="200">
            <Text as="p">
              When a customer asks your store for their data, Shopify tells the app, and the app puts together
              everything it holds about them: their referral code, the referrals they made and the one that referred
              them, their rewards, the history of each, and clicks on their link. Download the file and send it to the
              customer.
            </Text>
            <Text as="p" tone="subdued">
              When Shopify asks to erase a customer, the app removes their name, email and ids for good while keeping
              your totals right; their code stops working. When you uninstall the app, your program pauses and your data
              is kept for 48 hours, until Shopify asks to delete it.
            </Text>
          </BlockStack>
        </Card>
        <Card padding="0">
          {requests.length === 0 ? (
            <EmptyState heading="No data requests" image={EMPTY_ILLUSTRATION}>
              <p>Customer data requests forwarded by Shopify appear here.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "data request", plural: "data requests" }}
              itemCount={requests.length}
              selectable={false}
              headings={[
                { title: "Requested" },
                { title: "Customer ID" },
                { title: "Shopify request" },
                { title: "Status" },
                { title: "Record" },
              ]}
            >
              {requests.map((r, index) => (
                <IndexTable.Row id={r.id} key={r.id} position={index}>
                  <IndexTable.Cell>{formatDateTime(r.createdAt)}</IndexTable.Cell>
                  <IndexTable.Cell>{r.customerId}</IndexTable.Cell>
                  <IndexTable.Cell>{r.requestId}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.status === "completed" ? (
                      <Badge tone="success">Ready</Badge>
                    ) : (
                      <Badge tone="attention">Being assembled</Badge>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {r.status === "completed" ? (
                      <Button
                        variant="plain"
                        onClick={() => download(r.id)}
                        loading={downloading === r.id}
                        accessibilityLabel={`Download the data of customer ${r.customerId}`}
                      >
                        {`Download JSON (${size(r.bytes)})`}
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
