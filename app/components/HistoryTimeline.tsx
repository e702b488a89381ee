import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { LedgerEventView } from "../admin/referrals.server";
import { formatDateTime } from "./format";

function eventLabel(type: string): string {
  const words = type.replace(/_/g, " ");
  return words[0]?.toUpperCase() + words.slice(1);
}

function actorLabel(actor: string): string {
  if (actor === "system") return "System";
  if (actor.startsWith("staff")) return "Staff";
  return actor;
}

/** Every ledger event of a referral and its rewards, oldest first (newest last). */
export function HistoryTimeline({ events }: { events: LedgerEventView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          History
        </Text>
        {events.length === 0 ? (
          <Text as="p" tone="subdued">
            No events recorded.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text"]}
            headings={["When", "Event", "Change", "Reason", "By"]}
            rows={events.map((e) => [
              formatDateTime(e.createdAt),
              `${eventLabel(e.type)}${e.rewardId ? " (reward)" : ""}`,
              e.fromState || e.toState ? `${e.fromState ?? "—"} → ${e.toState ?? "—"}` : "",
              e.reason || "—",
              actorLabel(e.actor),
            ])}
            verticalAlign="top"
          />
        )}
      </BlockStack>
    </Card>
  );
}
