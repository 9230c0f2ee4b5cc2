// The supervision capability's entry (监督/预警, issue 20): what other capabilities, scripts and
// routes and the seed may use (docs/architecture.md); runs anywhere (no server-only). Everything else in
// lib/supervision/ is its own business.

export { forgetCardReads } from "./cards/brief-memo";
export { calendarRows, ensureCalendarTable, forgetCalendarCheck } from "./cards/calendar-table";
export {
  CARD_SETTING_BOUNDS,
  CARD_SETTINGS_KEY,
  type CardSettings,
  cardSettingsSchema,
  DEFAULT_CARD_SETTINGS,
  readCardSettings,
  saveCardSettings,
} from "./cards/card-settings";
export {
  type Card,
  type CardLevel,
  type CardScope,
  computeCards,
  computeCardTrend,
  type TrendPoint,
} from "./cards/card-sql";
export {
  applyFilter,
  type BoardSort,
  CARD_PAGE_ROWS,
  CARD_SORT_KEYS,
  type CardFilter,
  type CardListView,
  type CardSortKey,
  cardListQuery,
  cardsCsv,
  countByItem,
  countByUnit,
  DEFAULT_CARD_LIST_VIEW,
  filterQuery,
  type ItemCount,
  readBoardSort,
  readCardFilter,
  readCardListView,
  remainingText,
  type UnitCount,
  unitCountsCsv,
} from "./cards/card-views";
export { type DigestOptions, type DigestResult, digestMail, sendDailyDigest } from "./cards/digest";
export { insertDailyCases, type OpenCaseInput } from "./cards/open-case-fixture";
export { supervisedMonth, supervisionToday } from "./cards/today";
// Issue 22: units' contact addresses are stored sealed; those from before are sealed as the server starts.
export { encryptPlainContactEmails } from "./cards/unit-contact";
export * from "./daily-feed";
