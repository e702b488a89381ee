import { Box, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/I18nProvider";

/** "12 results" above a list: how many match the tab and search, across every page. */
export function ResultCount({ count }: { count: number }) {
  const { t } = useI18n();
  return (
    <Box paddingInlineStart="300" paddingBlockEnd="200">
      <Text as="p" variant="bodySm" tone="subdued">
        <span data-testid="result-count">{t("lists.count", { count })}</span>
      </Text>
    </Box>
  );
}
