import { useSearchParams } from "@remix-run/react";
import { Button, InlineStack, Select, TextField } from "@shopify/polaris";
import { useState } from "react";

const OPTIONS = [
  { label: "Last 7 days", value: "7d" },
  { label: "Last 30 days", value: "30d" },
  { label: "Last 90 days", value: "90d" },
  { label: "Last 365 days", value: "365d" },
  { label: "Custom", value: "custom" },
];

/** The dashboard's date range, kept in the URL so a view can be linked and reloaded. */
export function DateRangeControl({ preset, from, to }: { preset: string; from: string; to: string }) {
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
        label="Date range"
        options={OPTIONS}
        value={choice}
        onChange={(value) => {
          setChoice(value);
          if (value !== "custom") apply(value);
        }}
      />
      {choice === "custom" ? (
        <>
          <TextField label="From" type="date" autoComplete="off" value={customFrom} onChange={setFrom} />
          <TextField label="To" type="date" autoComplete="off" value={customTo} onChange={setTo} />
          <Button onClick={() => apply("custom", { from: customFrom, to: customTo })}>Apply</Button>
        </>
      ) : null}
    </InlineStack>
  );
}
