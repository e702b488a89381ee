import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { LedgerEventView } from "../admin/referrals.server";
import { statusLabelKey } from "../admin/statuses";
import { useI18n } from "../i18n/I18nProvider";
import type { Translate } from "../i18n/translate";

/** An event type in words; a type the catalogue does not name reads as its words. */
function eventLabel(type: string, t: Translate): string {
  const key = `history.events.${type}`;
  const label = t(key);
  if (label !== key) return label;
  const words = type.replace(/_/g, " ");
  return words[0]?.toUpperCase() + words.slice(1);
}

function stateLabel(state: string | null, t: Translate): string {
  if (!state) return "—";
  const key = statusLabelKey(state);
  const label = t(key);
  return label === key ? state : label;
}

function actorLabel(actor: string, t: Translate): string {
  if (actor === "system") return t("history.system");
  if (actor.startsWith("staff")) return t("history.staff");
  return actor;
}

/** Every ledger event of a referral and its rewards, oldest first (newest last). */
export function HistoryTimeline({ events }: { events: LedgerEventView[] }) {
  const { t, format } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("history.heading")}
        </Text>
        {events.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("history.empty")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={[
              t("history.when"),
              t("history.event"),
              t("history.change"),
              t("history.reason"),
              t("history.by"),
            ]}
            rows={events.map((e) => [
              format.dateTime(e.createdAt),
              e.rewardId ? t("history.rewardSuffix", { event: eventLabel(e.type, t) }) : eventLabel(e.type, t),
              e.fromState || e.toState ? `${stateLabel(e.fromState, t)} → ${stateLabel(e.toState, t)}` : "",
              e.reason || "—",
              actorLabel(e.actor, t),
            ])}
            verticalAlign="top"
          />
        )}
      </BlockStack>
    </Card>
  );
}
