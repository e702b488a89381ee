import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, EmptySearchResult, Page } from "@shopify/polaris";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { listReferrals } from "../admin/referrals.server";
import { normaliseQuery } from "../admin/search";
import { REFERRAL_STATUSES, oneOf, statusLabel } from "../admin/statuses";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { ReferralsTable } from "../components/ReferralsTable";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.referrals");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const params = new URL(request.url).searchParams;
  const status = oneOf(REFERRAL_STATUSES, params.get("status"));
  const query = normaliseQuery(params.get("q"));
  const { rows, pageInfo } = await listReferrals(shop, { status, query, ...pageRequestFrom(params) });
  return { rows, pageInfo, status, query };
}

const TABS = [{ label: "All", value: null }, ...REFERRAL_STATUSES.map((s) => ({ label: statusLabel(s), value: s }))];

export default function ReferralsPage() {
  const { rows, pageInfo, status, query } = useLoaderData<typeof loader>();
  const pagination = usePagination(pageInfo);
  return (
    <Page fullWidth>
      <TitleBar title="Referrals" />
      <Card padding="0">
        <ListControls
          tabs={TABS}
          tabParam="status"
          selected={status}
          query={query}
          searchLabel="Search by code, email, name or order"
        />
        <ReferralsTable
          rows={rows}
          pagination={pagination}
          emptyState={
            <EmptySearchResult
              title={query || status ? "No referrals match" : "No referrals yet"}
              description={
                query || status
                  ? "Try another status or search."
                  : "When a friend places a first order with an advocate's code, it appears here."
              }
              withIllustration
            />
          }
        />
      </Card>
    </Page>
  );
}
