import { BlockStack, Box, Card, Divider, Text } from "@shopify/polaris";
import { friendOfferText, milestoneText, offerValuesFromInput, rewardText } from "../../admin/offer-text";
import { useI18n } from "../../i18n/I18nProvider";
import { referralLink } from "../../referrals/links";

/** An example code, shaped like the ones the engine issues (name prefix + 8 characters). */
export const SAMPLE_CODE = "ANNA-7K3QX9PD";

/**
 * What a customer sees in the account-page block with the settings as typed, before
 * saving: their code, the link, the offer text and the ready-made share message.
 */
export function SettingsPreview({ shop, values }: { shop: string; values: Record<string, string> }) {
  const { t, format } = useI18n();
  const offer = offerValuesFromInput(values);
  const milestones = milestoneText(values.milestones ?? "", offer.currencyCode, t, format);
  const link = referralLink(shop, SAMPLE_CODE);
  const message = (values.shareMessage ?? "").trim();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("preview.heading")}
        </Text>
        <Box background="bg-surface-secondary" padding="300" borderRadius="200">
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("preview.blockTitle")}
            </Text>
            <div data-testid="preview-offer">
              <Text as="p">{friendOfferText(offer, t, format)}</Text>
            </div>
            <div data-testid="preview-reward">
              <Text as="p">{rewardText(offer, t, format)}</Text>
            </div>
            {milestones ? (
              <div data-testid="preview-milestones">
                <Text as="p" tone="subdued">
                  {milestones}
                </Text>
              </div>
            ) : null}
            <Divider />
            <Text as="p" variant="bodySm" tone="subdued">
              {t("preview.yourCode")}
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
              {t("preview.shareMessage")}
            </Text>
            <div data-testid="preview-message">
              <Text as="p" breakWord>
                {message ? `${message} ${link}` : t("preview.noMessage", { link })}
              </Text>
            </div>
          </BlockStack>
        </Box>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("preview.note")}
        </Text>
      </BlockStack>
    </Card>
  );
}
