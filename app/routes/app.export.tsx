import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, FormLayout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { adminContext } from "../admin/context.server";
import { addDays, utcDayString } from "../admin/date-range";
import { EXPORT_KINDS } from "../admin/export-kinds";
import { parseExportRequest } from "../admin/export-params";
import { downloadWithSessionToken } from "../components/downloadWithSessionToken";
import { pageTitle } from "../i18n/meta";

export const meta = pageTitle("nav.export");

export async function loader({ request }: LoaderFunctionArgs) {
  await adminContext(request);
  const today = utcDayString(new Date());
  return { from: addDays(today, -29), to: today };
}

export default function ExportPage() {
  const defaults = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
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
    setStarting(true);
    try {
      await downloadWithSessionToken("/app/export-csv", { kind, from, to });
      shopify.toast.show("Export started");
    } finally {
      setStarting(false);
    }
  };

  return (
    <Page>
      <TitleBar title="Export" />
      <Card>
        <BlockStack gap="400">
          <Text as="p">
            Download referrals or rewards created in a date range (UTC days) as a CSV file for a spreadsheet or your
            accounting. Large exports stream row by row, so they start at once.
          </Text>
          <FormLayout>
            <Select
              label="What"
              options={EXPORT_KINDS.map((k) => ({ label: k === "referrals" ? "Referrals" : "Rewards", value: k }))}
              value={kind}
              onChange={setKind}
              error={errors.kind}
            />
            <FormLayout.Group>
              <TextField
                label="From"
                type="date"
                autoComplete="off"
                value={from}
                onChange={setFrom}
                error={errors.from}
              />
              <TextField label="To" type="date" autoComplete="off" value={to} onChange={setTo} error={errors.to} />
            </FormLayout.Group>
          </FormLayout>
          <div>
            <Button variant="primary" onClick={download} loading={starting}>
              Download CSV
            </Button>
          </div>
        </BlockStack>
      </Card>
    </Page>
  );
}
