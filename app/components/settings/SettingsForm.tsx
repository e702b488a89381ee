import { useFetcher } from "@remix-run/react";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Form, Layout, Page } from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { SETTINGS_FIELDS, type SettingsActionData } from "../../admin/settings-form";
import type { StorefrontSetup } from "../../admin/storefront-surfaces";
import { StorefrontSurfacesCard } from "../StorefrontSurfacesCard";
import { useI18n } from "../../i18n/I18nProvider";
import { EmailSettings, type EmailSetup } from "./EmailSettings";
import { SettingsFields } from "./SettingsFields";
import { SettingsPreview } from "./SettingsPreview";

export const SAVE_BAR_ID = "settings-save-bar";

function differs(a: Record<string, string>, b: Record<string, string>): boolean {
  return SETTINGS_FIELDS.some((f) => (a[f] ?? "") !== (b[f] ?? ""));
}

/**
 * The settings page. The form state lives here; App Bridge's contextual save bar shows
 * while it differs from what is saved, and Save posts every field at once (the server
 * validates all of them and saves all or nothing).
 */
export function SettingsForm({
  shop,
  saved,
  storefront,
  email,
}: {
  shop: string;
  saved: Record<string, string>;
  storefront: StorefrontSetup;
  email: EmailSetup;
}) {
  const shopify = useAppBridge();
  const { t, tm } = useI18n();
  const fetcher = useFetcher<SettingsActionData>();
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const dirty = differs(values, saved);
  const saving = fetcher.state !== "idle";

  const setField = useCallback((field: string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  }, []);

  const save = useCallback(() => fetcher.submit(values, { method: "post" }), [fetcher, values]);
  const discard = useCallback(() => {
    setValues(saved);
    setErrors({});
  }, [saved]);

  // After a save round trip (the page's data is revalidated before the fetcher is idle
  // again), take the saved values as the server normalised them ("10" -> "10.00").
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) {
      setValues(saved);
      setErrors({});
      shopify.toast.show(t("settings.saved"));
    } else {
      // No toast: the critical banner and the fields' own messages stay until fixed.
      const messages: Partial<Record<string, string>> = {};
      for (const [field, message] of Object.entries(fetcher.data.errors)) if (message) messages[field] = tm(message);
      setErrors(messages);
    }
    // Only a new answer from the server should run this, not every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  const errorCount = Object.values(errors).filter(Boolean).length;
  return (
    <Page>
      <TitleBar title={t("nav.settings")} />
      <SaveBar id={SAVE_BAR_ID} open={dirty}>
        <button variant="primary" onClick={save} disabled={saving}>
          {t("settings.save")}
        </button>
        <button onClick={discard} disabled={saving}>
          {t("settings.discard")}
        </button>
      </SaveBar>
      <Form onSubmit={save}>
        <Layout>
          {errorCount > 0 ? (
            <Layout.Section>
              <Banner tone="critical" title={t("settings.errorsTitle", { count: errorCount })}>
                <p>{t("settings.errorsBody")}</p>
              </Banner>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <BlockStack gap="400">
              <SettingsFields values={values} errors={errors} setField={setField} />
              <EmailSettings shop={shop} values={values} errors={errors} setField={setField} email={email} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="400">
              <SettingsPreview shop={shop} values={values} />
              <StorefrontSurfacesCard setup={{ ...storefront, oneSided: values.friendOfferType === "none" }} />
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
      <Box paddingBlockEnd="800" />
    </Page>
  );
}
