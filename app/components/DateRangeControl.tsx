import { useSearchParams } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";
import { RANGE_PRESETS } from "../admin/date-range";
import { useI18n } from "../i18n/I18nProvider";

/** The dashboard's date range, kept in the URL so a view can be linked and reloaded. */
export function DateRangeControl({ preset, from, to }: { preset: string; from: string; to: string }) {
  const { t } = useI18n();
  const options = RANGE_PRESETS.map((value) => ({ label: t(`dashboard.range.${value}`), value }));
  const [params, setParams] = useSearchParams();
  const [choice, setChoice] = useState(preset);
  const [customFrom, setFrom] = useState(from);
  const [customTo, setTo] = useState(to);

  const apply = (range: string, extra: Record<string, string> = {}) => {
    const next = new URLSearchParams(params);
    next.set("range", range);
    next.delete("from");
    next.delete("to");
    for (const [k, v] of Object.entries(extra)) next.set(k, v);
    setParams(next);
  };

  return (
    <InlineStack gap="200" blockAlign="end" wrap>
      <Select
        label={t("dashboard.range.label")}
        options={options}
        value={choice}
        onChange={(value) => {
          setChoice(value);
          if (value !== "custom") apply(value);
        }}
      />
      {choice === "custom" ? (
        <>
          <TextField
            label={t("dashboard.range.from")}
            type="date"
            autoComplete="off"
            value={customFrom}
            onChange={setFrom}
          />
          <TextField label={t("dashboard.range.to")} type="date" autoComplete="off" value={customTo} onChange={setTo} />
          <Button onClick={() => apply("custom", { from: customFrom, to: customTo })}>{t("common.apply")}</Button>
        </>
      ) : null}
    </InlineStack>
  );
}
