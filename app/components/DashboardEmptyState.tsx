import { BlockStack, Card, EmptyState, List } from "@shopify/polaris";
import type { ThemeEditorLinks } from "../admin/theme-editor";
import { ThemeBlockCard } from "./ThemeBlockCard";
import { EMPTY_ILLUSTRATION } from "./empty-illustration";

/** A new shop's dashboard: no numbers yet, so say what brings the first ones. */
export function DashboardEmptyState({ themeEditor, oneSided }: { themeEditor: ThemeEditorLinks; oneSided: boolean }) {
  return (
    <BlockStack gap="400">
      <Card>
        <EmptyState
          heading="No referrals yet"
          action={{ content: "Review the program settings", url: "/app/settings" }}
          image={EMPTY_ILLUSTRATION}
        >
          <BlockStack gap="200">
            <p>Your first clicks and referred orders will show up here. To get them:</p>
            <List type="number">
              <List.Item>
                Add the referral block to the customer account page so customers find their code, and turn on referral
                link tracking.
              </List.Item>
              <List.Item>
                Tell your customers: mention the program in your order confirmation email or newsletter.
              </List.Item>
              <List.Item>Check the friend offer and reward in Settings: a two-sided offer converts best.</List.Item>
            </List>
          </BlockStack>
        </EmptyState>
      </Card>
      <ThemeBlockCard themeEditor={themeEditor} oneSided={oneSided} />
    </BlockStack>
  );
}
