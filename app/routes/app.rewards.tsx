import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import { Card, EmptySearchResult, IndexTable, Page, Text } from "@shopify/polaris";
import { isDomainError } from "../admin/action-result";
import { adminContext } from "../admin/context.server";
import { pageRequestFrom } from "../admin/cursor";
import { parseRewardCommand, runRewardCommand } from "../admin/reward-actions.server";
import { listRewards } from "../admin/rewards.server";
import { REWARD_FILTERS, oneOf, statusLabel, type RewardFilter } from "../admin/statuses";
import { formatDate } from "../components/format";
import { ListControls } from "../components/ListControls";
import { usePagination } from "../components/list-navigation";
import { RewardActions, useRewardActionToast } from "../components/RewardActions";
import { rewardKind, rewardValue } from "../components/reward-text";
import { StatusBadge } from "../components/StatusBadge";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.rewards");

const FILTERS = Object.keys(REWARD_FILTERS) as RewardFilter[];

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const params = new URL(request.url).searchParams;
  const filter = oneOf(FILTERS, params.get("state")) ?? "all";
  const { rows, pageInfo } = await listRewards(shop, filter, pageRequestFrom(params));
  return { rows, pageInfo, filter };
}

// Retry a failed reward or void an issued one; another shop's id is a 404 from the engine.
export async function action({ request }: ActionFunctionArgs) {
  const { shop, actor } = await adminContext(request);
  const cmd = parseRewardCommand(await request.formData());
  if (typeof cmd === "string") return data({ ok: false, message: cmd }, { status: 400 });
  try {
    return { ok: true, message: await runRewardCommand(shop, actor, cmd) };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return data({ ok: false, message: error.message }, { status: error.status });
  }
}

const TABS = FILTERS.map((f) => ({
  label: f === "pending" ? "Pending" : statusLabel(f),
  value: f === "all" ? null : f,
}));

export default function RewardsPage() {
  const { rows, pageInfo, filter } = useLoaderData<typeof loader>();
  const pagination = usePagination(pageInfo);
  useRewardActionToast();
  return (
    <Page fullWidth>
      <TitleBar title="Rewards" />
      <Card padding="0">
        <ListControls
          tabs={TABS}
          tabParam="state"
          selected={filter === "all" ? null : filter}
          query=""
          searchLabel="Search is on the referrals page"
          hideSearch
        />
        <IndexTable
          resourceName={{ singular: "reward", plural: "rewards" }}
          itemCount={rows.length}
          selectable={false}
          pagination={pagination}
          headings={[
            { title: "Created" },
            { title: "Advocate" },
            { title: "Kind" },
            { title: "Value" },
            { title: "State" },
            { title: "Code" },
            { title: "Due / issued" },
            { title: "Last error" },
            { title: "Actions" },
          ]}
          emptyState={
            <EmptySearchResult
              title={filter === "all" ? "No rewards yet" : `No ${filter} rewards`}
              description={
                filter === "all"
                  ? "Rewards are created when a referred friend's first order qualifies."
                  : "Try another tab."
              }
              withIllustration
            />
          }
        >
          {rows.map((r, i) => (
            <IndexTable.Row id={r.id} key={r.id} position={i}>
              <IndexTable.Cell>{formatDate(r.createdAt)}</IndexTable.Cell>
              <IndexTable.Cell>
                <Link to={`/app/advocates/${r.advocateId}`}>{r.advocateEmail || r.advocateCode}</Link>
              </IndexTable.Cell>
              <IndexTable.Cell>
                {r.referralId ? (
                  <Link to={`/app/referrals/${r.referralId}`}>{`${rewardKind(r)} ${r.orderName ?? ""}`.trim()}</Link>
                ) : (
                  rewardKind(r)
                )}
              </IndexTable.Cell>
              <IndexTable.Cell>{rewardValue(r)}</IndexTable.Cell>
              <IndexTable.Cell>
                <StatusBadge status={r.state} />
              </IndexTable.Cell>
              <IndexTable.Cell>{r.state === "issued" ? r.code : "—"}</IndexTable.Cell>
              <IndexTable.Cell>
                {r.usedAt
                  ? `Used ${formatDate(r.usedAt)}`
                  : r.issuedAt
                    ? `Issued ${formatDate(r.issuedAt)}`
                    : `Due ${formatDate(r.dueAt)}`}
              </IndexTable.Cell>
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
    </Page>
  );
}
