import { useSearchParams } from "@remix-run/react";
import { useCallback } from "react";

export interface PageInfoView {
  hasNext: boolean;
  hasPrevious: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

/**
 * The lists keep their filters, search and cursor in the URL, so a page can be reloaded,
 * shared and navigated back to. Changing a filter starts again at the first page.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>, keepCursor = false) => {
      const next = new URLSearchParams(params);
      if (!keepCursor) {
        next.delete("after");
        next.delete("before");
      }
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === "") next.delete(k);
        else next.set(k, v);
      }
      setParams(next);
    },
    [params, setParams],
  );
  return { params, update };
}

/** IndexTable's pagination prop, driven by the keyset cursors. */
export function usePagination(pageInfo: PageInfoView) {
  const { update } = useListParams();
  return {
    hasNext: pageInfo.hasNext,
    hasPrevious: pageInfo.hasPrevious,
    onNext: () => update({ after: pageInfo.nextCursor, before: null }, true),
    onPrevious: () => update({ before: pageInfo.prevCursor, after: null }, true),
  };
}
