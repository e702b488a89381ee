/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { CodeAndLink, CopyValue, Rules, ShareActions } from "../../shared/components";
import { giveGet, makeFormat, perFriend, type Format } from "../../shared/format";
import type { AdvocateView, ProgramView, TierView } from "../../shared/types";
import { useReferral } from "../../shared/use-referral";

/** customer-account.page.render: the advocate's "Refer a friend" page. */
export default async () => {
  render(<ReferralPage />, document.body);
};

const notify = (message: string) => {
  void shopify.toast.show(message);
};

function ReferralPage() {
  const f = makeFormat(shopify);
  const [state, retry] = useReferral(shopify, "customer-account");
  return (
    <s-page heading={f.t("page.heading")} subheading={f.t("page.intro")}>
      {state.kind === "loading" && (
        <s-section>
          <s-stack direction="inline" gap="base" alignItems="center">
            <s-spinner accessibilityLabel={f.t("states.loading")} />
            <s-text>{f.t("states.loading")}</s-text>
          </s-stack>
        </s-section>
      )}
      {state.kind === "error" && (
        <s-section>
          <s-banner tone="critical" heading={f.t("states.error")}>
            <s-button onClick={retry}>{f.t("states.retry")}</s-button>
          </s-banner>
        </s-section>
      )}
      {state.kind === "off" && (
        <s-section>
          <s-paragraph>{f.t("states.off")}</s-paragraph>
        </s-section>
      )}
      {state.kind === "guest" && (
        <>
          <s-section>
            <s-banner tone="info" heading={giveGet(state.program, f)}>
              {f.t("states.guest")}
            </s-banner>
          </s-section>
          <RulesSection program={state.program} f={f} />
        </>
      )}
      {(state.kind === "banned" || state.kind === "preparing") && (
        <>
          <s-section>
            <s-banner tone={state.kind === "banned" ? "warning" : "info"}>
              {f.t(state.kind === "banned" ? "states.banned" : "states.preparing")}
            </s-banner>
          </s-section>
          <RulesSection program={state.program} f={f} />
        </>
      )}
      {state.kind === "ready" && <Ready program={state.program} advocate={state.advocate} f={f} />}
    </s-page>
  );
}

function RulesSection(props: { program: ProgramView; f: Format }) {
  return (
    <s-section heading={props.f.t("rules.heading")}>
      <Rules program={props.program} f={props.f} />
    </s-section>
  );
}

function Ready(props: { program: ProgramView; advocate: AdvocateView; f: Format }) {
  const { program, advocate, f } = props;
  const money = (value: string) => f.money(value, program.currencyCode);
  const next = advocate.nextMilestone;
  const done = next ? Math.max(0, next.count - next.remaining) : 0;
  return (
    <>
      <s-section heading={f.t("page.shareHeading")}>
        <s-stack direction="block" gap="large">
          <s-paragraph>{giveGet(program, f)}</s-paragraph>
          <CodeAndLink advocate={advocate} f={f} notify={notify} idPrefix="referral" />
          <ShareActions advocate={advocate} f={f} />
        </s-stack>
      </s-section>
      <s-section heading={f.t("page.statsHeading")}>
        <s-grid gridTemplateColumns="1fr 1fr 1fr" gap="base">
          <Figure label={f.t("page.statClicks")} value={f.number(advocate.stats.clicks)} />
          <Figure label={f.t("page.statReferred")} value={f.number(advocate.stats.referred)} />
          <Figure label={f.t("page.statQualified")} value={f.number(advocate.stats.qualified)} />
        </s-grid>
      </s-section>
      {advocate.tier && <TierSection tier={advocate.tier} program={program} f={f} />}
      {next && (
        <s-section heading={f.t("page.milestoneHeading")}>
          <s-stack direction="block" gap="small">
            <s-progress
              value={done}
              max={next.count}
              accessibilityLabel={f.t("page.progress", { done: f.number(done), total: f.number(next.count) })}
            />
            <s-paragraph>{f.t("page.milestone", { count: next.remaining, reward: money(next.reward) })}</s-paragraph>
          </s-stack>
        </s-section>
      )}
      <s-section heading={f.t("page.rewardsHeading")}>
        <s-stack direction="block" gap="base">
          <s-grid gridTemplateColumns="1fr 1fr 1fr" gap="base">
            <Figure label={f.t("page.totalEarned")} value={money(advocate.totals.earned)} />
            <Figure label={f.t("page.totalAvailable")} value={money(advocate.totals.available)} />
            <Figure label={f.t("page.totalPending")} value={money(advocate.totals.pending)} />
          </s-grid>
          {advocate.rewards.length === 0 ? (
            <s-paragraph color="subdued">{f.t("page.noRewards")}</s-paragraph>
          ) : (
            advocate.rewards.map((reward, index) => (
              <Reward key={index} index={index} reward={reward} money={money} f={f} />
            ))
          )}
        </s-stack>
      </s-section>
      <RulesSection program={program} f={f} />
    </>
  );
}

function Figure(props: { label: string; value: string }) {
  return (
    <s-stack direction="block" gap="small-400">
      <s-text type="strong">{props.value}</s-text>
      <s-text color="subdued">{props.label}</s-text>
    </s-stack>
  );
}

const BADGE_TONE = {
  available: "auto",
  used: "neutral",
  expired: "neutral",
  pending: "neutral",
  voided: "critical",
} as const;

function Reward(props: {
  index: number;
  reward: AdvocateView["rewards"][number];
  money: (value: string) => string;
  f: Format;
}) {
  const { reward, f } = props;
  const when =
    reward.status === "pending" && reward.availableAt
      ? f.t("page.availableFrom", { date: f.date(reward.availableAt) })
      : reward.status === "available" && reward.expiresAt
        ? f.t("page.expires", { date: f.date(reward.expiresAt) })
        : "";
  return (
    <s-box border="base" borderRadius="base" padding="base">
      <s-stack direction="block" gap="small">
        <s-stack direction="inline" gap="base" alignItems="center">
          <s-text type="strong">{props.money(reward.amount)}</s-text>
          <s-badge tone={BADGE_TONE[reward.status]}>{f.t(`status.${reward.status}`)}</s-badge>
          {when && <s-text color="subdued">{when}</s-text>}
        </s-stack>
        {reward.status === "available" && reward.code && (
          <CopyValue
            id={`reward-${props.index}`}
            label={f.t("page.rewardCode")}
            value={reward.code}
            copyLabel={f.t("code.copy")}
            f={f}
            notify={notify}
          />
        )}
      </s-stack>
    </s-box>
  );
}

/** Tiers for top advocates: where the advocate stands and how many friends to the next tier. */
function TierSection(props: { tier: TierView; program: ProgramView; f: Format }) {
  const { tier, program, f } = props;
  const next = tier.next;
  return (
    <s-section heading={f.t("page.tierHeading")}>
      <s-paragraph>
        {f.t("page.tier", { level: tier.level, levels: tier.levels, reward: perFriend(tier.reward, program, f) })}{" "}
        {next
          ? f.t("page.tierNext", {
              count: next.remaining,
              level: next.level,
              reward: perFriend(next.reward, program, f),
            })
          : f.t("page.tierTop")}
      </s-paragraph>
    </s-section>
  );
}
