import { BlockStack, Button, InlineError, InlineStack, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/I18nProvider";

interface Row {
  key: number;
  count: string;
  amount: string;
}

/** "5:25, 10:50" (how milestones and tiers are posted) as rows, and back. */
export function thresholdRows(text: string): Omit<Row, "key">[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [count = "", amount = ""] = part.split(":").map((s) => s.trim());
      return { count, amount };
    });
}

export function thresholdTextFrom(rows: Omit<Row, "key">[]): string {
  return rows
    .filter((r) => r.count.trim() || r.amount.trim())
    .map((r) => `${r.count.trim()}:${r.amount.trim()}`)
    .join(", ");
}

/**
 * Settings made of "from N successful referrals: a value" rows (milestone bonuses, tiers
 * for top advocates) with add and remove, instead of a "5:25, 10:50" text to get right.
 * The rows post as that text, which the server validates; its message shows under the rows.
 * `messages` names the locale section with the texts (title, help, count, amount, add,
 * remove, removeEmpty, empty); `unit` is the value's suffix (the currency, or %).
 */
export function ThresholdRowsEditor({
  field,
  messages,
  testId,
  value,
  unit,
  error,
  onChange,
}: {
  field: string;
  messages: string;
  testId: string;
  value: string;
  unit: string;
  error?: string;
  onChange: (text: string) => void;
}) {
  const { t } = useI18n();
  const next = useRef(0);
  const withKeys = (rows: Omit<Row, "key">[]) => rows.map((r) => ({ ...r, key: next.current++ }));
  const [rows, setRows] = useState<Row[]>(() => withKeys(thresholdRows(value)));
  // Follow the saved value when it changes from outside (discard, a save's normalised
  // answer), but keep half-typed rows while they already say the same.
  useEffect(() => {
    setRows((current) => (thresholdTextFrom(current) === value ? current : withKeys(thresholdRows(value))));
  }, [value]);
  const update = (changed: Row[]) => {
    setRows(changed);
    onChange(thresholdTextFrom(changed));
  };
  const set = (key: number, field: "count" | "amount", v: string) =>
    update(rows.map((r) => (r.key === key ? { ...r, [field]: v } : r)));
  return (
    <BlockStack gap="200">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {t(`${messages}.title`)}
        </Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {t(`${messages}.help`)}
        </Text>
      </BlockStack>
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          {t(`${messages}.empty`)}
        </Text>
      ) : null}
      {rows.map((r, i) => (
        <div key={r.key} data-testid={`${testId}-row`}>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <TextField
              label={t(`${messages}.count`)}
              labelHidden={i > 0}
              type="number"
              min={1}
              autoComplete="off"
              value={r.count}
              onChange={(v) => set(r.key, "count", v)}
            />
            <TextField
              label={t(`${messages}.amount`)}
              labelHidden={i > 0}
              inputMode="decimal"
              suffix={unit}
              autoComplete="off"
              value={r.amount}
              onChange={(v) => set(r.key, "amount", v)}
            />
            <Button
              variant="tertiary"
              tone="critical"
              accessibilityLabel={
                r.count.trim() ? t(`${messages}.remove`, { count: r.count.trim() }) : t(`${messages}.removeEmpty`)
              }
              onClick={() => update(rows.filter((x) => x.key !== r.key))}
            >
              ×
            </Button>
          </InlineStack>
        </div>
      ))}
      <div>
        <Button onClick={() => setRows([...rows, { key: next.current++, count: "", amount: "" }])}>
          {t(`${messages}.add`)}
        </Button>
      </div>
      {error ? <InlineError message={error} fieldID={field} /> : null}
    </BlockStack>
  );
}
