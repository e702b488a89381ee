import { BlockStack, Button, Card, Divider, Text } from "@shopify/polaris";
import type { ThemeEditorLinks } from "../admin/theme-editor";

/**
 * What the theme needs, one click away each: the account-page block where customers see
 * their code, and the "Referral link tracking" app embed that keeps a referral link's code
 * on the friend's cart. A one-sided program (no friend offer, so no valid code for the
 * friend) credits link referrals only through that embed, and says so plainly.
 */
export function ThemeBlockCard({ themeEditor, oneSided }: { themeEditor: ThemeEditorLinks; oneSided: boolean }) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Show the program on the customer account page
          </Text>
          <Text as="p">
            Customers see their code, share link, friends invited and rewards in the “Referral program” block. Open the
            theme editor with the block ready to add, then click Save in the editor.
          </Text>
          <div>
            <Button url={themeEditor.accountBlock} target="_top">
              Add the block in the theme editor
            </Button>
          </div>
        </BlockStack>
        <Divider />
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Turn on referral link tracking
          </Text>
          <Text as="p">
            The “Referral link tracking” app embed remembers the code of a referral link on the friend’s cart, so their
            order is credited to the advocate even when no code is entered at checkout.
          </Text>
          <Text as="p" fontWeight={oneSided ? "semibold" : "regular"} tone={oneSided ? "critical" : "subdued"}>
            {oneSided
              ? "Your program is one-sided: friends get no discount code, so orders from referral links are only credited while this embed is on."
              : "One-sided programs (no friend offer) need this embed on; with a friend offer it is a safety net for friends who remove the code."}
          </Text>
          <div>
            <Button url={themeEditor.trackingEmbed} target="_top" variant={oneSided ? "primary" : undefined}>
              Turn on link tracking in the theme editor
            </Button>
          </div>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
