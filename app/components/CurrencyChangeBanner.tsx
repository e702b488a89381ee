import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack } from "@shopify/polaris";
import { useI18n } from "../i18n/I18nProvider";
import { currencyExponent } from "../lib/money";

/**
 * The shop's currency changed: what it means for amounts already recorded and for the
 * program's, and where to review them. It stays on the home page until the owner marks
 * it reviewed (or dismisses it), which the page's action records.
 */
export function CurrencyChangeBanner({ change }: { change: { from: string; to: string; at: string } }) {
  const { t, format } = useI18n();
  const fetcher = useFetcher();
  const acknowledge = () =>
    fetcher.submit({ intent: "acknowledge_currency_change", changedAt: change.at }, { method: "post" });
  const vars = { from: change.from, to: change.to };
  const rounded = currencyExponent(change.to) < currencyExponent(change.from);
  return (
    <Banner
      tone="warning"
      title={t("dashboard.currencyChangedTitle", vars)}
      action={{ content: t("dashboard.currencyChangedReview"), url: "/app/settings" }}
      secondaryAction={{ content: t("dashboard.currencyChangedAcknowledge"), onAction: acknowledge }}
      onDismiss={acknowledge}
    >
      <BlockStack gap="200">
        <p>{t("dashboard.currencyChangedRecorded", vars)}</p>
        <p>{t("dashboard.currencyChangedProgram", vars)}</p>
        {rounded ? <p>{t("dashboard.currencyChangedRounded", { ...vars, unit: format.money(1, change.to) })}</p> : null}
      </BlockStack>
    </Banner>
  );
}
