// The daily feed's public face (docs/daily-feed.md), re-exported by lib/supervision's entry.
export {
  batchSha256,
  type DailyBatchSource,
  type IngestOptions,
  type IngestResult,
  ingestDailyBatch,
  isIsoDate,
  todayInChina,
} from "./ingest";
export {
  closeMonth,
  DAILY_SELECTS,
  MonthClosedError,
  type ProvisionalState,
  readProvisionalMonth,
  readProvisionalMonths,
  refreshMonthToDate,
} from "./month-to-date";
