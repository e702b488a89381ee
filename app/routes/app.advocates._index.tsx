import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, EmptySearchResult, IndexTable, Page, Text } from "@shopify/polaris";
import { countAdvocates, listAdvocates } from "../admin/advocates.server";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { normaliseQuery } from "../admin/search";
import { ADVOCATE_STATUSES, oneOf, statusLabelKey } from "../admin/statuses";
import { getProgramSettings } from "../referrals/program-settings.server";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { ResultCount } from "../components/ResultCount";
import { StatusBadge } from "../components/StatusBadge";
import { useI18n } from "../i18n/I18nProvider";
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
  const total = await countAdvocates(shop, { status, query });
  return { rows, pageInfo, status, query, currency: settings.currencyCode, total };
}

export default function AdvocatesPage() {
  const { rows, pageInfo, status, query, currency, total } = useLoaderData<typeof loader>();
  const { t, format } = useI18n();
  const pagination = usePagination(pageInfo);
  const tabs = [
    { label: t("lists.all"), value: null },
    ...ADVOCATE_STATUSES.map((s) => ({ label: t(statusLabelKey(s)), value: s })),
  ];
  const filtered = Boolean(query || status);
  return (
    <Page fullWidth>
      <TitleBar title={t("nav.advocates")} />
      <Card padding="0">
        <ListControls
          tabs={tabs}
          tabParam="status"
          selected={status}
          query={query}
          searchLabel={t("advocates.searchLabel")}
        />
        <ResultCount count={total} />
        <IndexTable
          resourceName={{ singular: t("advocates.resourceOne"), plural: t("advocates.resourceMany") }}
          itemCount={rows.length}
          selectable={false}
          pagination={pagination}
          headings={[
            { title: t("advocates.table.advocate") },
            { title: t("advocates.table.code") },
            { title: t("advocates.table.status") },
            { title: t("advocates.table.clicks"), alignment: "end" },
            { title: t("advocates.table.referred"), alignment: "end" },
            { title: t("advocates.table.successful"), alignment: "end" },
            { title: t("advocates.table.earned"), alignment: "end" },
            { title: t("advocates.table.since") },
          ]}
          emptyState={
            <EmptySearchResult
              title={filtered ? t("advocates.noMatchTitle") : t("advocates.emptyTitle")}
              description={filtered ? t("advocates.noMatchBody") : t("advocates.emptyBody")}
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
                  {format.number(a.clicks)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {format.number(a.referredCount)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {format.number(a.qualifiedCount)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {format.money(a.earnedMinor, currency)}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{format.date(a.createdAt)}</IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </Card>
    </Page>
  );
}
