import { BlockStack, Text } from "@shopify/polaris";

/** A person in a list: the name first, the email as secondary text (or the email alone). */
export function PersonCell({
  name,
  email,
  fallback = "—",
}: {
  name: string | null | undefined;
  email: string | null | undefined;
  fallback?: string;
}) {
  if (!name) return <Text as="span">{email || fallback}</Text>;
  return (
    <BlockStack gap="0">
      <Text as="span">{name}</Text>
      {email ? (
        <Text as="span" variant="bodySm" tone="subdued">
          {email}
        </Text>
      ) : null}
    </BlockStack>
  );
}
