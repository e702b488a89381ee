import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { BlockStack, Card, EmptySearchResult, IndexTable, Page, Text } from "@shopify/polaris";
import { isDomainError, isMessage, type ActionResult } from "../admin/action-result";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { parseRewardCommand, rewardRefusal, runRewardCommand } from "../admin/reward-actions.server";
import { countRewards, listRewards } from "../admin/rewards.server";
import { REWARD_FILTERS, oneOf, statusLabelKey, type RewardFilter } from "../admin/statuses";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { PersonCell } from "../components/PersonCell";
import { RewardActionBanner, RewardActions, useRewardActionToast } from "../components/RewardActions";
import { rewardKind, rewardValue, rewardWhen } from "../components/reward-text";
import { ResultCount } from "../components/ResultCount";
import { StatusBadge } from "../components/StatusBadge";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.rewards");

const FILTERS = Object.keys(REWARD_FILTERS) as RewardFilter[];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const params = new URL(request.url).searchParams;
  const filter = oneOf(FILTERS, params.get("state")) ?? "all";
  const [{ rows, pageInfo }, total] = await Promise.all([
    listRewards(shop, filter, pageRequestFrom(params)),
    countRewards(shop, filter),
  ]);
  return { rows, pageInfo, filter, total };
}

// Retry a failed reward or void an issued one; another shop's id is a 404 from the engine.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  const cmd = parseRewardCommand(await request.formData());
  if (isMessage(cmd)) return data<ActionResult>({ ok: false, messages: [cmd] }, { status: 400 });
  try {
    return data<ActionResult>({ ok: true, messages: [await runRewardCommand(shop, actor, cmd)] });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data<ActionResult>({ ok: false, messages: [rewardRefusal(cmd, error.status)] }, { status: error.status });
  }
}

export default function RewardsPage() {
  const { rows, pageInfo, filter, total } = useLoaderData<typeof loader>();
  const { t, format } = useI18n();
  const pagination = usePagination(pageInfo);
  useRewardActionToast();
  const tabs = FILTERS.map((f) => ({
    label: f === "all" ? t("lists.all") : f === "pending" ? t("rewards.tabPending") : t(statusLabelKey(f)),
    value: f === "all" ? null : f,
  }));
  return (
    <Page fullWidth>
      <TitleBar title={t("nav.rewards")} />
      <BlockStack gap="400">
        <RewardActionBanner />
        <Card padding="0">
          <ListControls
            tabs={tabs}
            tabParam="state"
            selected={filter === "all" ? null : filter}
            query=""
            searchLabel=""
            hideSearch
          />
          <ResultCount count={total} />
          <IndexTable
            resourceName={{ singular: t("rewards.resourceOne"), plural: t("rewards.resourceMany") }}
            itemCount={rows.length}
            selectable={false}
            pagination={pagination}
            headings={[
              { title: t("rewards.table.created") },
              { title: t("rewards.table.advocate") },
              { title: t("rewards.table.kind") },
              { title: t("rewards.table.value") },
              { title: t("rewards.table.state") },
              { title: t("rewards.table.code") },
              { title: t("rewards.table.due") },
              { title: t("rewards.table.lastError") },
              { title: t("rewards.table.actions") },
            ]}
            emptyState={
              <EmptySearchResult
                title={filter === "all" ? t("rewards.emptyTitle") : t("rewards.noMatchTitle")}
                description={filter === "all" ? t("rewards.emptyBody") : t("rewards.noMatchBody")}
                withIllustration
              />
            }
          >
            {rows.map((r, i) => (
              <IndexTable.Row id={r.id} key={r.id} position={i}>
                <IndexTable.Cell>{format.date(r.createdAt)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Link to={`/app/advocates/${r.advocateId}`}>
                    <PersonCell name={r.advocateName} email={r.advocateEmail} fallback={r.advocateCode} />
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {r.referralId ? (
                    <Link to={`/app/referrals/${r.referralId}`}>
                      {`${rewardKind(r, t)} ${r.orderName ?? ""}`.trim()}
                    </Link>
                  ) : (
                    rewardKind(r, t)
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>{rewardValue(r, t, format)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <StatusBadge status={r.state} />
                </IndexTable.Cell>
                <IndexTable.Cell>{r.state === "issued" ? r.code : "—"}</IndexTable.Cell>
                <IndexTable.Cell>{rewardWhen(r, t, format)}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" tone={r.lastError ? "critical" : "subdued"} truncate>
                    {r.lastError ?? "—"}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <RewardActions rewardId={r.id} state={r.state} used={Boolean(r.usedAt)} />
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}
