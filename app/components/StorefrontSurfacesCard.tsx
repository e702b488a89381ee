import { useCallback, useEffect, useState } from "react";
import { Badge, BlockStack, Button, Card, Divider, InlineStack, Text } from "@shopify/polaris";
import {
  surfaceStatuses,
  type ExtensionInfo,
  type StorefrontSetup,
  type SurfaceKey,
  type SurfaceStatus,
} from "../admin/storefront-surfaces";
import { useI18n } from "../i18n/I18nProvider";

/** How long the card waits for App Bridge before saying it could not check. */
const EXTENSIONS_TIMEOUT_MS = 10_000;

/**
 * App Bridge's list of the app's extensions and where they are live; null when App
 * Bridge cannot say (an older App Bridge, outside the admin, or no answer in time).
 */
async function readExtensions(): Promise<ExtensionInfo[] | null> {
  const app = typeof window === "undefined" ? undefined : window.shopify?.app;
  if (!app || typeof app.extensions !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), EXTENSIONS_TIMEOUT_MS)));
    const answer = await Promise.race([app.extensions() as Promise<ExtensionInfo[]>, timeout]);
    return Array.isArray(answer) ? answer : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The live state of the app's extensions as App Bridge reports it: undefined while asking. */
function useExtensionStatus() {
  const [extensions, setExtensions] = useState<ExtensionInfo[] | null | undefined>(undefined);
  const check = useCallback(() => {
    let current = true;
    setExtensions(undefined);
    void readExtensions().then((answer) => {
      if (current) setExtensions(answer);
    });
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => check(), [check]);
  return { extensions, check };
}

const LABELS: Record<SurfaceKey, { heading: string; body: string; button: string }> = {
  accountPage: { heading: "surfaces.pageHeading", body: "surfaces.pageBody", button: "surfaces.pageButton" },
  profileBlock: { heading: "surfaces.profileHeading", body: "surfaces.profileBody", button: "surfaces.profileButton" },
  accountBlock: { heading: "surfaces.blockHeading", body: "theme.blockBody", button: "theme.blockButton" },
  trackingEmbed: { heading: "surfaces.embedHeading", body: "theme.embedBody", button: "theme.embedButton" },
  thankYouBlock: {
    heading: "surfaces.thankYouHeading",
    body: "surfaces.thankYouBody",
    button: "surfaces.thankYouButton",
  },
};

function StatusBadge({ status, checking }: { status: SurfaceStatus; checking: boolean }) {
  const { t } = useI18n();
  const embed = status.key === "trackingEmbed";
  if (checking) return <Badge>{t("surfaces.checking")}</Badge>;
  if (status.state === "unknown") return <Badge tone="attention">{t("surfaces.unknown")}</Badge>;
  if (status.state === "live")
    return <Badge tone="success">{embed ? t("surfaces.embedOn") : t("surfaces.added")}</Badge>;
  return (
    <Badge tone={status.blocker ? "critical" : "attention"}>
      {embed ? t("surfaces.embedOff") : t("surfaces.notAdded")}
    </Badge>
  );
}

/**
 * Where customers see the program, what is live there, and one click to fix each part.
 * Shops on the current customer accounts get the "Refer a friend" page (for the account
 * menu) and the profile block; shops on legacy accounts the theme block; every shop the
 * tracking embed, which a one-sided program cannot do without. The status comes from
 * App Bridge (`shopify.app.extensions()`); until it answers, or when it cannot, the
 * links are all there.
 */
export function StorefrontSurfacesCard({ setup }: { setup: StorefrontSetup }) {
  const { t } = useI18n();
  const { extensions, check } = useExtensionStatus();
  const checking = extensions === undefined;
  const statuses = surfaceStatuses(checking ? null : extensions, setup);
  const intro =
    setup.accounts === "current"
      ? t("surfaces.currentIntro")
      : setup.accounts === "legacy"
        ? t("surfaces.legacyIntro")
        : t("surfaces.unknownIntro");
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t("surfaces.heading")}
            </Text>
            <Button variant="plain" onClick={() => check()} disabled={checking}>
              {t("surfaces.checkAgain")}
            </Button>
          </InlineStack>
          <Text as="p" tone="subdued">
            {intro}
          </Text>
          {extensions === null ? (
            <Text as="p" tone="subdued">
              {t("surfaces.cannotCheck")}
            </Text>
          ) : null}
        </BlockStack>
        {statuses.map((status, i) => {
          const labels = LABELS[status.key];
          // A live surface is one line; what needs doing says why and links to the fix.
          const needsAction = checking || status.state !== "live";
          return (
            <BlockStack gap="200" key={status.key}>
              {i > 0 ? <Divider /> : null}
              <div
                data-surface={status.key}
                data-state={checking ? "checking" : status.state}
                data-blocker={status.blocker ? "true" : undefined}
              >
                <BlockStack gap="200">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {t(labels.heading)}
                    </Text>
                    <StatusBadge status={status} checking={checking} />
                  </InlineStack>
                  {needsAction ? <Text as="p">{t(labels.body)}</Text> : null}
                  {needsAction && status.key === "trackingEmbed" ? (
                    <Text
                      as="p"
                      fontWeight={setup.oneSided ? "semibold" : "regular"}
                      tone={setup.oneSided ? "critical" : "subdued"}
                    >
                      {setup.oneSided ? t("theme.embedOneSided") : t("theme.embedTwoSided")}
                    </Text>
                  ) : null}
                  {needsAction ? (
                    <InlineStack gap="200">
                      <Button
                        url={status.fixUrl}
                        target="_top"
                        variant={
                          status.blocker || (status.key === "trackingEmbed" && setup.oneSided) ? "primary" : undefined
                        }
                      >
                        {t(labels.button)}
                      </Button>
                      {status.key === "accountPage" ? (
                        <Button url={setup.links.accountMenu} target="_top" variant="plain">
                          {t("surfaces.menuButton")}
                        </Button>
                      ) : null}
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </div>
            </BlockStack>
          );
        })}
      </BlockStack>
    </Card>
  );
}
