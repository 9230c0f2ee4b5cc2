// What a page may weigh (issue 23): its HTML as served, uncompressed, in kB of 1,000 bytes.
// Read by the bench (bench/sections/pages.ts: reported beside each page's throughput) and by
// e2e/page-bytes.spec.ts, which fails `npm test` when a page outgrows its budget.
export const PAGE_BYTE_BUDGETS_KB = {
  /** The officials' home, 全市总体情况. */
  home: 80,
  /** 市本级 with 附件1. */
  municipal: 150,
  /** The bulletin page (通报). */
  bulletin: 250,
} as const;

/** The pages the budgets are for, for the reference month `month`. */
export function budgetedPaths(month: string): Record<keyof typeof PAGE_BYTE_BUDGETS_KB, string> {
  return { home: `/${month}`, municipal: `/${month}/municipal`, bulletin: `/reports/${month}` };
}
