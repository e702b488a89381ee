import { BlockStack, Box, Card, Divider, Text } from "@shopify/polaris";
import { friendOfferText, milestoneText, offerValuesFromInput, rewardText } from "../../admin/offer-text";
import { referralLink } from "../../referrals/links";

/** An example code, shaped like the ones the engine issues (name prefix + 8 characters). */
export const SAMPLE_CODE = "ANNA-7K3QX9PD";

/**
 * What a customer sees in the account-page block with the settings as typed, before
 * saving: their code, the link, the offer text and the ready-made share message.
 */
export function SettingsPreview({ shop, values }: { shop: string; values: Record<string, string> }) {
  const offer = offerValuesFromInput(values);
  const link = referralLink(shop, SAMPLE_CODE);
  const message = (values.shareMessage ?? "").trim();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer preview
        </Text>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              Invite friends, earn rewards
            </Text>
            <div data-testid="preview-offer">
              <Text as="p">{friendOfferText(offer)}</Text>
            </div>
            <div data-testid="preview-reward">
              <Text as="p">{rewardText(offer)}</Text>
            </div>
            {milestoneText(values.milestones ?? "", offer.currencyCode) ? (
              <div data-testid="preview-milestones">
                <Text as="p" tone="subdued">
                  {milestoneText(values.milestones ?? "", offer.currencyCode)}
                </Text>
              </div>
            ) : null}
            <Divider />
            <Text as="p" variant="bodySm" tone="subdued">
              Your code
            </Text>
            <div data-testid="preview-code">
              <Text as="p" variant="headingLg">
                {SAMPLE_CODE}
              </Text>
            </div>
            <Text as="p" variant="bodySm" breakWord>
              {link}
            </Text>
            <Divider />
            <Text as="p" variant="bodySm" tone="subdued">
              Share message
            </Text>
            <div data-testid="preview-message">
              <Text as="p" breakWord>
                {message ? `${message} ${link}` : `No message set: customers share just the link. ${link}`}
              </Text>
            </div>
          </BlockStack>
        </Box>
        <Text as="p" variant="bodySm" tone="subdued">
          Example customer and code; the wording in the theme block can be changed in the theme editor.
        </Text>
      </BlockStack>
    </Card>
  );
}
