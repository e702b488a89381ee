import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { adminContext } from "../admin/context.server";
import { settingsInputFrom, type SettingsActionData } from "../admin/settings-form";
import { storefrontSetup } from "../admin/storefront.server";
import { SettingsForm } from "../components/settings/SettingsForm";
import { getProgramSettings, saveProgramSettings, validateShopSettings } from "../referrals/program-settings.server";
import { settingsToInput } from "../referrals/program-settings";
import { pageTitle } from "../i18n/meta";
import { shopCurrencyFor } from "../shops/currency.server";
import { emailSetup, testEmailAction } from "../admin/email-settings.server";

export const meta = pageTitle("nav.settings");

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await adminContext(request);
  // First, so the form shows amounts in the shop's currency as Shopify has it now.
  await shopCurrencyFor(shop);
  const settings = await getProgramSettings(shop);
  return {
    shop,
    values: settingsToInput(settings),
    storefront: await storefrontSetup(shop, settings.friendOfferType === "none"),
    email: await emailSetup(shop),
  };
}

// All or nothing: any invalid field refuses the whole save, with a message per field.
export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await adminContext(request);
  const form = await request.formData();
  if (form.get("intent") === "test_email") return testEmailAction(shop, form);
  const result = await validateShopSettings(shop, settingsInputFrom(form));
  if (!result.ok) return data<SettingsActionData>({ ok: false, errors: result.errors }, { status: 400 });
  await saveProgramSettings(shop, result.value);
  return data<SettingsActionData>({ ok: true, errors: null });
}

export default function SettingsPage() {
  const { shop, values, storefront, email } = useLoaderData<typeof loader>();
  return <SettingsForm shop={shop} saved={values} storefront={storefront} email={email} />;
}
