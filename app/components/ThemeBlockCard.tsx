import { BlockStack, Button, Card, Divider, Text } from "@shopify/polaris";
import type { ThemeEditorLinks } from "../admin/theme-editor";
import { useI18n } from "../i18n/I18nProvider";

/**
 * What the theme needs, one click away each: the account-page block where customers see
 * their code, and the "Referral link tracking" app embed that keeps a referral link's code
 * on the friend's cart. A one-sided program (no friend offer, so no valid code for the
 * friend) credits link referrals only through that embed, and says so plainly.
 */
export function ThemeBlockCard({ themeEditor, oneSided }: { themeEditor: ThemeEditorLinks; oneSided: boolean }) {
  const { t } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("theme.blockHeading")}
          </Text>
          <Text as="p">{t("theme.blockBody")}</Text>
          <div>
            <Button url={themeEditor.accountBlock} target="_top">
              {t("theme.blockButton")}
            </Button>
          </div>
        </BlockStack>
        <Divider />
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {t("theme.embedHeading")}
          </Text>
          <Text as="p">{t("theme.embedBody")}</Text>
          <Text as="p" fontWeight={oneSided ? "semibold" : "regular"} tone={oneSided ? "critical" : "subdued"}>
            {oneSided ? t("theme.embedOneSided") : t("theme.embedTwoSided")}
          </Text>
          <div>
            <Button url={themeEditor.trackingEmbed} target="_top" variant={oneSided ? "primary" : undefined}>
              {t("theme.embedButton")}
            </Button>
          </div>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
