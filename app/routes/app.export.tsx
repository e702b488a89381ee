import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, FormLayout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { adminContext } from "../admin/context.server";
import { addDays } from "../admin/date-range";
import { dayInTimeZone } from "../i18n/time-zone";
import { shopTimeZone } from "../shops/time-zone.server";
import { EXPORT_KINDS } from "../admin/export-kinds";
import { parseExportRequest } from "../admin/export-params";
import { downloadWithSessionToken } from "../components/downloadWithSessionToken";
import { useI18n } from "../i18n/I18nProvider";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.export");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  const today = dayInTimeZone(new Date(), await shopTimeZone(shop));
  return { from: addDays(today, -29), to: today };
}

export default function ExportPage() {
  const defaults = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
  const { t, timeZone } = useI18n();
  const [failed, setFailed] = useState(false);
  const [kind, setKind] = useState<string>("referrals");
  const [from, setFrom] = useState(defaults.from);
  const [to, setTo] = useState(defaults.to);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState(false);

  // The same checks the server makes, so a wrong date is a message here, not a broken file.
  const download = async () => {
    const parsed = parseExportRequest(new URLSearchParams({ kind, from, to }));
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setFailed(false);
    setStarting(true);
    try {
      await downloadWithSessionToken("/app/export-csv", { kind, from, to });
      shopify.toast.show(t("export.started"));
    } catch {
      setFailed(true);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Page>
      <TitleBar title={t("nav.export")} />
      <Card>
        <BlockStack gap="400">
          {failed ? (
            <Banner tone="critical" onDismiss={() => setFailed(false)}>
              <p>{t("export.failed")}</p>
            </Banner>
          ) : null}
          <Text as="p">{t("export.intro", { timeZone })}</Text>
          <FormLayout>
            <Select
              label={t("export.what")}
              options={EXPORT_KINDS.map((k) => ({ label: t(`export.${k}`), value: k }))}
              value={kind}
              onChange={setKind}
              error={errors.kind && t(errors.kind)}
            />
            <FormLayout.Group>
              <TextField
                label={t("export.from")}
                type="date"
                autoComplete="off"
                value={from}
                onChange={setFrom}
                error={errors.from && t(errors.from)}
              />
              <TextField
                label={t("export.to")}
                type="date"
                autoComplete="off"
                value={to}
                onChange={setTo}
                error={errors.to && t(errors.to)}
              />
            </FormLayout.Group>
          </FormLayout>
          <div>
            <Button variant="primary" onClick={download} loading={starting}>
              {t("export.download")}
            </Button>
          </div>
        </BlockStack>
      </Card>
    </Page>
  );
}
