import { BlockStack, Button, Card, Text } from "@shopify/polaris";

/** Where customers will see their code: the account-page block, one click away. */
export function ThemeBlockCard({ themeEditorUrl }: { themeEditorUrl: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Show the program on the customer account page
        </Text>
        <Text as="p">
          Customers see their code, share link, friends invited and rewards in the “Referral program” block. Open the theme editor with the
          block ready to add, then click Save in the editor.
        </Text>
        <div>
          <Button url={themeEditorUrl} target="_top">
            Add the block in the theme editor
          </Button>
        </div>
      </BlockStack>
    </Card>
  );
}
