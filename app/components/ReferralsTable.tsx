import { Link } from "@remix-run/react";
import { IndexTable, Text, useIndexResourceState, type IndexTableProps } from "@shopify/polaris";
import type { ReferralRow } from "../admin/referrals.server";
import { useI18n } from "../i18n/I18nProvider";
import { PersonCell } from "./PersonCell";
import { ReasonsList } from "./ReasonsList";
import { StatusBadge } from "./StatusBadge";

interface ReferralsTableProps {
  rows: ReferralRow[];
  pagination?: IndexTableProps["pagination"];
  /** bulk selection (the review queue); plain lists are not selectable */
  selection?: ReturnType<typeof useIndexResourceState>;
  promotedBulkActions?: IndexTableProps["promotedBulkActions"];
  emptyState?: React.ReactNode;
  showReasons?: boolean;
}

/** Referrals as an IndexTable: one row per referred order, linking to its detail. */
export function ReferralsTable({
  rows,
  pagination,
  selection,
  promotedBulkActions,
  emptyState,
  showReasons = false,
}: ReferralsTableProps) {
  const { t, format } = useI18n();
  const headings = [
    { title: t("referrals.table.date") },
    { title: t("referrals.table.order") },
    { title: t("referrals.table.status") },
    { title: t("referrals.table.friend") },
    { title: t("referrals.table.advocate") },
    { title: t("referrals.table.code") },
    { title: t("referrals.table.subtotal"), alignment: "end" },
    ...(showReasons ? [{ title: t("referrals.table.reasons") }] : []),
  ] as IndexTableProps["headings"];
  return (
    <IndexTable
      resourceName={{ singular: t("referrals.resourceOne"), plural: t("referrals.resourceMany") }}
      itemCount={rows.length}
      headings={headings}
      selectable={Boolean(selection)}
      selectedItemsCount={selection ? (selection.allResourcesSelected ? "All" : selection.selectedResources.length) : 0}
      onSelectionChange={selection?.handleSelectionChange}
      promotedBulkActions={promotedBulkActions}
      pagination={pagination}
      emptyState={emptyState}
    >
      {rows.map((r, index) => (
        <IndexTable.Row id={r.id} key={r.id} position={index} selected={selection?.selectedResources.includes(r.id)}>
          <IndexTable.Cell>{format.dateTime(r.createdAt)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Link to={`/app/referrals/${r.id}`} data-primary-link>
              <Text as="span" fontWeight="semibold">
                {r.orderName || t("referrals.table.order")}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <StatusBadge status={r.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <PersonCell name={r.friendName} email={r.friendEmail} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <PersonCell name={r.advocateName} email={r.advocateEmail} fallback={r.advocateCode} />
          </IndexTable.Cell>
          <IndexTable.Cell>{r.codeUsed}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {format.money(r.subtotalMinor, r.currencyCode)}
            </Text>
          </IndexTable.Cell>
          {showReasons ? (
            <IndexTable.Cell>
              <ReasonsList reasons={r.reasons} />
            </IndexTable.Cell>
          ) : null}
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
