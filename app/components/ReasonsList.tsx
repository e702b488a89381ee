import { BlockStack, Text } from "@shopify/polaris";
import { reasonDetail, ruleLabelKey, type ReasonView } from "../admin/reasons";
import { useI18n } from "../i18n/I18nProvider";

/** Why the engine decided what it did: one line per rule that fired, in plain words. */
export function ReasonsList({ reasons }: { reasons: ReasonView[] }) {
  const { t, tm } = useI18n();
  if (reasons.length === 0)
    return (
      <Text as="span" tone="subdued">
        {t("reasons.none")}
      </Text>
    );
  return (
    <BlockStack gap="100">
      {reasons.map((r, i) => {
        const detail = reasonDetail(r);
        return (
          <Text as="p" key={i}>
            <Text as="span" fontWeight="semibold">
              {t(ruleLabelKey(r.rule))}:
            </Text>{" "}
            {typeof detail === "string" ? detail : tm(detail)}
          </Text>
        );
      })}
    </BlockStack>
  );
}
