import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, List, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { ownerSummary, type OfferValues } from "../admin/offer-text";
import type { StorefrontSetup } from "../admin/storefront-surfaces";
import { useI18n } from "../i18n/I18nProvider";
import { StorefrontSurfacesCard } from "./StorefrontSurfacesCard";

interface OnboardingProps {
  offer: OfferValues;
  storefront: StorefrontSetup;
  error: string | null;
}

/**
 * The first visit: what the program does in a few lines, and one button that creates
 * the friend discount in Shopify and turns the program on with the default offer (which
 * the settings page can change at any time).
 */
export function Onboarding({ offer, storefront, error }: OnboardingProps) {
  const { t, format } = useI18n();
  const summary = ownerSummary(offer, t, format);
  const navigation = useNavigation();
  const activating = navigation.state !== "idle" && navigation.formData?.get("intent") === "activate";
  return (
    <Page>
      <TitleBar title={t("onboarding.title")} />
      <BlockStack gap="400">
        {error ? (
          <Banner tone="critical" title={t("onboarding.errorTitle")}>
            <p>{error}</p>
          </Banner>
        ) : null}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t("onboarding.heading")}
            </Text>
            <List type="number">
              <List.Item>{t("onboarding.stepCode")}</List.Item>
              <List.Item>{summary.offer}</List.Item>
              <List.Item>{summary.reward}</List.Item>
              <List.Item>{t("onboarding.stepRules")}</List.Item>
            </List>
            <Form method="post">
              <input type="hidden" name="intent" value="activate" />
              <Button submit variant="primary" loading={activating}>
                {t("onboarding.activate")}
              </Button>
            </Form>
            <Text as="p" variant="bodySm" tone="subdued">
              {t("onboarding.activateNote")}
            </Text>
          </BlockStack>
        </Card>
        <InlineGrid columns={1}>
          <StorefrontSurfacesCard setup={storefront} />
        </InlineGrid>
      </BlockStack>
    </Page>
  );
}
