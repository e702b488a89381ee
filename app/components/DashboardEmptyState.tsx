import { BlockStack, Card, EmptyState, List } from "@shopify/polaris";
import type { CustomerAccountsKind } from "../admin/storefront-surfaces";
import { useI18n } from "../i18n/I18nProvider";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";

/** A new shop's dashboard: no numbers yet, so say what brings the first ones. */
export function DashboardEmptyState({ accounts }: { accounts: CustomerAccountsKind }) {
  const { t } = useI18n();
  return (
    <BlockStack gap="400">
      <Card>
        <EmptyState
          heading={t("dashboard.empty.heading")}
          action={{ content: t("dashboard.empty.action"), url: "/app/settings" }}
          image={EMPTY_ILLUSTRATION}
        >
          <BlockStack gap="200">
            <p>{t("dashboard.empty.intro")}</p>
            <List type="number">
              <List.Item>
                {accounts === "current" ? t("surfaces.emptyStepCurrent") : t("dashboard.empty.step1")}
              </List.Item>
              <List.Item>{t("dashboard.empty.step2")}</List.Item>
              <List.Item>{t("dashboard.empty.step3")}</List.Item>
            </List>
          </BlockStack>
        </EmptyState>
      </Card>
    </BlockStack>
  );
}
