import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, EmptySearchResult, Page } from "@shopify/polaris";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { countReferrals, listReferrals } from "../admin/referrals.server";
import { normaliseQuery } from "../admin/search";
import { REFERRAL_STATUSES, oneOf, statusLabelKey } from "../admin/statuses";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { ReferralsTable } from "../components/ReferralsTable";
import { ResultCount } from "../components/ResultCount";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.referrals");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const params = new URL(request.url).searchParams;
  const status = oneOf(REFERRAL_STATUSES, params.get("status"));
  const query = normaliseQuery(params.get("q"));
  const [{ rows, pageInfo }, total] = await Promise.all([
    listReferrals(shop, { status, query, ...pageRequestFrom(params) }),
    countReferrals(shop, { status, query }),
  ]);
  return { rows, pageInfo, status, query, total };
}

export default function ReferralsPage() {
  const { rows, pageInfo, status, query, total } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const pagination = usePagination(pageInfo);
  const tabs = [
    { label: t("lists.all"), value: null },
    ...REFERRAL_STATUSES.map((s) => ({ label: t(statusLabelKey(s)), value: s })),
  ];
  const filtered = Boolean(query || status);
  return (
    <Page fullWidth>
      <TitleBar title={t("nav.referrals")} />
      <Card padding="0">
        <ListControls
          tabs={tabs}
          tabParam="status"
          selected={status}
          query={query}
          searchLabel={t("referrals.searchLabel")}
        />
        <ResultCount count={total} />
        <ReferralsTable
          rows={rows}
          pagination={pagination}
          emptyState={
            <EmptySearchResult
              title={filtered ? t("referrals.noMatchTitle") : t("referrals.emptyTitle")}
              description={filtered ? t("referrals.noMatchBody") : t("referrals.emptyBody")}
              withIllustration
            />
          }
        />
      </Card>
    </Page>
  );
}
