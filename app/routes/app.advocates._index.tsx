import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, EmptySearchResult, IndexTable, Page, Text } from "@shopify/polaris";
import { listAdvocates } from "../admin/advocates.server";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { normaliseQuery } from "../admin/search";
import { ADVOCATE_STATUSES, oneOf, statusLabel } from "../admin/statuses";
import { getProgramSettings } from "../referrals/program-settings.server";
import { formatDate } from "../components/format";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { StatusBadge } from "../components/StatusBadge";
import { displayMoney } from "../lib/money";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.advocates");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const params = new URL(request.url).searchParams;
  const status = oneOf(ADVOCATE_STATUSES, params.get("status"));
  const query = normaliseQuery(params.get("q"));
  const [{ rows, pageInfo }, settings] = await Promise.all([
    listAdvocates(shop, { status, query, ...pageRequestFrom(params) }),
    getProgramSettings(shop),
  ]);
  return { rows, pageInfo, status, query, currency: settings.currencyCode };
}

const TABS = [{ label: "All", value: null }, ...ADVOCATE_STATUSES.map((s) => ({ label: statusLabel(s), value: s }))];

export default function AdvocatesPage() {
  const { rows, pageInfo, status, query, currency } = useLoaderData<typeof loader>();
  const pagination = usePagination(pageInfo);
  return (
    <Page fullWidth>
      <TitleBar title="Advocates" />
      <Card padding="0">
        <ListControls
          tabs={TABS}
          tabParam="status"
          selected={status}
          query={query}
          searchLabel="Search by code, email or name"
        />
        <IndexTable
          resourceName={{ singular: "advocate", plural: "advocates" }}
          itemCount={rows.length}
          selectable={false}
          pagination={pagination}
          headings={[
            { title: "Advocate" },
            { title: "Code" },
            { title: "Status" },
            { title: "Clicks", alignment: "end" },
            { title: "Referred", alignment: "end" },
            { title: "Successful", alignment: "end" },
            { title: "Earned", alignment: "end" },
            { title: "Since" },
          ]}
          emptyState={
            <EmptySearchResult
              title={query || status ? "No advocates match" : "No advocates yet"}
              description={
                query || status
                  ? "Try another search."
                  : "Customers become advocates when they open the referral block or are enrolled by an order."
              }
              withIllustration
            />
          }
        >
          {rows.map((a, i) => (
            <IndexTable.Row id={a.id} key={a.id} position={i}>
              <IndexTable.Cell>
                <Link to={`/app/advocates/${a.id}`} data-primary-link>
                  <Text as="span" fontWeight="semibold">
                    {a.name || a.email || a.code}
                  </Text>
                </Link>
                {a.name && a.email ? (
                  <Text as="p" variant="bodySm" tone="subdued">
                    {a.email}
                  </Text>
                ) : null}
              </IndexTable.Cell>
              <IndexTable.Cell>{a.code}</IndexTable.Cell>
              <IndexTable.Cell>
                <StatusBadge status={a.status} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {a.clicks}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {a.referredCount}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {a.qualifiedCount}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {displayMoney(a.earnedMinor, currency)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{formatDate(a.createdAt)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
