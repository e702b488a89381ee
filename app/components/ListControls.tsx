import { Box, Button, InlineStack, Tabs, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { useListParams } from "./list-navigation";

export interface TabOption {
  label: string;
  /** null: no filter ("All") */
  value: string | null;
}

/** Status tabs and a search box above a list; both write to the URL. */
export function ListControls({
  tabs,
  tabParam,
  selected,
  query,
  searchLabel,
  hideSearch = false,
}: {
  tabs: TabOption[];
  tabParam: string;
  selected: string | null;
  query: string;
  searchLabel: string;
  hideSearch?: boolean;
}) {
  const { t } = useI18n();
  const { update } = useListParams();
  const [text, setText] = useState(query);
  // Follow the URL when it changes the search (back, forward, a link), but not when only
  // the tab changes: a remount there would wipe what the owner is typing while the new
  // tab's list loads.
  useEffect(() => setText(query), [query]);
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.value === selected),
  );
  return (
    <Box paddingBlockEnd="200">
      <Tabs
        tabs={tabs.map((t) => ({ id: `tab-${t.value ?? "all"}`, content: t.label, accessibilityLabel: t.label }))}
        selected={index}
        onSelect={(i) => update({ [tabParam]: tabs[i].value })}
      />
      {hideSearch ? null : (
        <Box padding="300">
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              update({ q: text.trim() || null });
            }}
          >
            <InlineStack gap="200" blockAlign="end" wrap={false}>
              <div style={{ flex: 1 }}>
                <TextField
                  label={searchLabel}
                  labelHidden
                  placeholder={searchLabel}
                  autoComplete="off"
                  name="q"
                  value={text}
                  onChange={setText}
                  clearButton
                  onClearButtonClick={() => {
                    setText("");
                    update({ q: null });
                  }}
                />
              </div>
              <Button submit>{t("lists.search")}</Button>
            </InlineStack>
          </form>
        </Box>
      )}
    </Box>
  );
}
