import { Link } from "@remix-run/react";
import { IndexTable, Text, useIndexResourceState, type IndexTableProps } from "@shopify/polaris";
import type { ReferralRow } from "../admin/referrals.server";
import { displayMoney } from "../lib/money";
import { formatDateTime } from "./format";
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
  const headings: IndexTableProps["headings"] = [
    { title: "Date" },
    { title: "Order" },
    { title: "Status" },
    { title: "Friend" },
    { title: "Advocate" },
    { title: "Code" },
    { title: "Subtotal", alignment: "end" },
    ...(showReasons ? [{ title: "Reasons" }] : []),
  ] as IndexTableProps["headings"];
  return (
    <IndexTable
      resourceName={{ singular: "referral", plural: "referrals" }}
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
          <IndexTable.Cell>{formatDateTime(r.createdAt)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Link to={`/app/referrals/${r.id}`} data-primary-link>
              <Text as="span" fontWeight="semibold">
                {r.orderName || "Order"}
              </Text>
            </Link>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <StatusBadge status={r.status} />
          </IndexTable.Cell>
          <IndexTable.Cell>{r.friendName || r.friendEmail || "—"}</IndexTable.Cell>
          <IndexTable.Cell>{r.advocateEmail || r.advocateCode}</IndexTable.Cell>
          <IndexTable.Cell>{r.codeUsed}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end" numeric>
              {displayMoney(r.subtotalMinor, r.currencyCode)}
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
