import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineGrid, List, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import type { ThemeEditorLinks } from "../admin/theme-editor";
import { ThemeBlockCard } from "./ThemeBlockCard";

interface OnboardingProps {
  offerSummary: string;
  rewardSummary: string;
  themeEditor: ThemeEditorLinks;
  oneSided: boolean;
  error: string | null;
}

/**
 * The first visit: what the program does in a few lines, and one button that creates
 * the friend discount in Shopify and turns the program on with the default offer (which
 * the settings page can change at any time).
 */
export function Onboarding({ offerSummary, rewardSummary, themeEditor, oneSided, error }: OnboardingProps) {
  const navigation = useNavigation();
  const activating = navigation.state !== "idle" && navigation.formData?.get("intent") === "activate";
  return (
    <Page>
      <TitleBar title="Set up your referral program" />
      <BlockStack gap="400">
        {error ? (
          <Banner tone="critical" title="The program could not be turned on">
            <p>{error}</p>
          </Banner>
        ) : null}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Turn your customers into your best marketing
            </Text>
            <List type="number">
              <List.Item>Every customer gets a personal code and link to share with friends.</List.Item>
              <List.Item>{offerSummary}</List.Item>
              <List.Item>{rewardSummary}</List.Item>
              <List.Item>
                Self-referrals and suspicious orders are blocked or held for your review, and you see what every
                referral costs and earns.
              </List.Item>
            </List>
            <Form method="post">
              <input type="hidden" name="intent" value="activate" />
              <Button submit variant="primary" loading={activating}>
                Create the friend discount and turn the program on
              </Button>
            </Form>
            <Text as="p" variant="bodySm" tone="subdued">
              This creates one discount in Shopify that carries every customer’s code. You can change the offer, the
              reward and the rules in Settings at any time.
            </Text>
          </BlockStack>
        </Card>
        <InlineGrid columns={1}>
          <ThemeBlockCard themeEditor={themeEditor} oneSided={oneSided} />
        </InlineGrid>
      </BlockStack>
    </Page>
  );
}
