import { BlockStack, Text } from "@shopify/polaris";
import { ruleLabel, type ReasonView } from "../admin/reasons";

/** Why the engine decided what it did: one line per rule that fired. */
export function ReasonsList({ reasons }: { reasons: ReasonView[] }) {
  if (reasons.length === 0)
    return (
      <Text as="span" tone="subdued">
        No rule fired
      </Text>
    );
  return (
    <BlockStack gap="100">
      {reasons.map((r, i) => (
        <Text as="p" key={i}>
          <Text as="span" fontWeight="semibold">
            {ruleLabel(r.rule)}:
          </Text>{" "}
          {r.detail}
        </Text>
      ))}
    </BlockStack>
  );
}
