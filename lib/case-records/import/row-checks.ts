// Step 4 of parseCaseFiles (parse.ts): check and convert one row of each kind. A row of a
// 实施清单, a 办件明细 or a 好差评 becomes its record, handed to its sink, or its problems, each
// reported with file, sheet, row and column (all of a row's problems, not just the first). What
// the checks need across rows (the catalogue, the record numbers seen, the units) is their
// CheckContext, made once per parse.
//
// These run once per row, millions of times a month: keep them free of closures, object spreads
// and per-row objects other than the record (and a problem when there is one); nothing is kept
// per row but the numbers for the duplicate checks.

import type { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { columnLetter, unitNameKey } from "@/lib/spreadsheet/normalize";
import type { Extra, ValidationProblemCollection } from "@/lib/validation";
import { canonicalLabel, type RecordColumn, type RecordKind } from "./columns";
import type { CaseKind, CaseRecord, Channel, EvaluationKind, EvaluationLevel } from "./definitions";
import { EVALUATION_LEVELS, inMonth } from "./definitions";
import { ownCopy } from "./own-copy";
import type { CatalogueRecord, ParseOptions, ParseSummary, RecordSinks } from "./parse";
import { type SourceRow, timeCellText } from "./row-source";
import { type CaseProblemCode, type CaseProblemText, caseProblem } from "./validation-problems";

/** A file's accepted header (parse.ts's acceptHeader): where each column is, and its labels as written. */
export type Header = {
  kind: RecordKind;
  headerRow: number;
  sheet?: string;
  index: Map<RecordColumn, number>;
  labels: string[];
};

// ---------------------------------------------------------------------------------------------
// The row checks, one per record kind: a record to its sink, or its problems

/**
 * What the row checks share across all the files of one parse: where records and problems go,
 * the units, and what earlier rows left for the cross-row checks (the catalogue the cases are
 * checked against, the record numbers seen, the items met only in the cases). Made once; each
 * check takes it as its first argument, so nothing is bound or allocated per row.
 */
export type CheckContext = {
  readonly sinks: RecordSinks;
  readonly summary: ParseSummary;
  readonly problems: ValidationProblemCollection<CaseProblemCode>;
  readonly month: string;
  readonly calendar: WorkingDayCalendar;
  readonly unitByKey: ReadonlyMap<string, number>;
  /** Unit names repeat on every row: each written form is normalised once. */
  readonly unitByWritten: Map<string, number | undefined>;
  /** unitId \0 itemCode */
  readonly catalogue: Map<string, CatalogueRecord>;
  readonly unknownItemNames: Map<string, CatalogueRecord>;
  readonly caseNos: Set<string | number>;
  readonly evaluationNos: Set<string | number>;
  /** Without a catalogue, a case's item code is not reported unknown. */
  readonly haveCatalogue: boolean;
};

/** The context of one parse, before any row is read. */
export function newCheckContext(
  sinks: RecordSinks,
  options: ParseOptions,
  summary: ParseSummary,
  unitByKey: ReadonlyMap<string, number>,
  haveCatalogue: boolean,
): CheckContext {
  return {
    sinks,
    summary,
    problems: summary.problems,
    month: options.month,
    calendar: options.calendar,
    unitByKey,
    unitByWritten: new Map(),
    catalogue: new Map(),
    unknownItemNames: new Map(),
    caseNos: new Set(),
    evaluationNos: new Set(),
    haveCatalogue,
  };
}

export type RowCheck = (context: CheckContext, row: SourceRow, header: Header) => void | Promise<void>;

/** The row check of each record kind (parse.ts's readFileRows picks one per file). */
export const ROW_CHECKS: Record<RecordKind, RowCheck> = {
  catalogue: itemRow,
  cases: caseRow,
  evaluations: evaluationRow,
};

/** A 实施清单 row: an item of a unit, unique by unit and code, kept for the cases' checks. */
function itemRow(context: CheckContext, row: SourceRow, header: Header): void | Promise<void> {
  const itemCode = required(context, row, header, "itemCode");
  const itemName = required(context, row, header, "itemName");
  const unitId = unit(context, row, header);
  const kindText = cell(context, row, header, "caseKind");
  let caseKind: CaseKind | null = null;
  if (kindText !== "" && kindText !== "\uFFFD") {
    caseKind = CASE_KINDS[kindText] ?? null;
    if (!caseKind)
      problem(context, row, header, "caseKind", "INVALID_VALUE", kindText, "invalidValue", {
        expected: ALLOWED.caseKind,
      });
  }
  const legalDays = days(context, row, header, "legalDays");
  const promisedDays = days(context, row, header, "promisedDays");
  const inUse = enumValue(context, row, header, "itemStatus", ITEM_STATUS);
  if (
    itemCode === null ||
    itemName === null ||
    unitId === null ||
    inUse === null ||
    legalDays === undefined ||
    promisedDays === undefined
  )
    return;
  if (kindText !== "" && caseKind === null) return;
  const key = ownCopy(`${unitId}\u0000${itemCode}`);
  if (context.catalogue.has(key)) {
    problem(context, row, header, "itemCode", "DUPLICATE_ITEM", itemCode, "duplicateItem");
    return;
  }
  const record: CatalogueRecord = {
    unitId,
    itemCode: ownCopy(itemCode),
    itemName: ownCopy(itemName),
    caseKind,
    legalDays,
    promisedDays,
    inUse,
    inCatalogue: true,
  };
  context.catalogue.set(key, record);
  context.summary.items++;
  return context.sinks.item(record);
}

/**
 * A 办件明细 row: every cell checked (all its problems reported, not just the first), then the
 * limits the row lacks taken from its catalogue item, then its times against each other and the
 * month. An item the catalogue lacks is noted for step 5.
 */
function caseRow(context: CheckContext, row: SourceRow, header: Header): void | Promise<void> {
  let ok = true;
  const caseNo = uniqueNumber(context, row, header, "caseNo", context.caseNos, "DUPLICATE_CASE_NO", "duplicateCaseNo");
  if (caseNo === null) ok = false;
  const unitId = unit(context, row, header);
  const itemCode = required(context, row, header, "itemCode");
  const itemName = cell(context, row, header, "itemName");
  if (itemName === "\uFFFD") ok = false;
  const caseKind = enumValue(context, row, header, "caseKind", CASE_KINDS);
  const channel = enumValue(context, row, header, "channel", CHANNELS);
  const isBatch = enumValue(context, row, header, "isBatch", YES_NO);
  let legalDays = days(context, row, header, "legalDays");
  let promisedDays = days(context, row, header, "promisedDays");
  const appliedAt = time(context, row, header, "appliedAt");
  const acceptedAt = time(context, row, header, "acceptedAt");
  const completedAt = time(context, row, header, "completedAt");
  if (unitId === null || itemCode === null || caseKind === null || channel === null || isBatch === null) ok = false;
  if (legalDays === undefined || promisedDays === undefined) ok = false;
  if (appliedAt === undefined || acceptedAt === undefined || completedAt === undefined) ok = false;
  if (!ok) return;

  const item = context.catalogue.get(`${unitId}\u0000${itemCode}`);
  // Limits missing from the case row are taken from the catalogue item.
  legalDays ??= item?.legalDays ?? null;
  promisedDays ??= item?.promisedDays ?? null;
  if (caseKind === "PROMISED" && (promisedDays === null || legalDays === null)) {
    problem(
      context,
      row,
      header,
      promisedDays === null ? "promisedDays" : "legalDays",
      "PROMISED_WITHOUT_DAYS",
      "",
      "promisedWithoutDays",
    );
    ok = false;
  }
  if (
    !caseTimesHold(
      context,
      row,
      header,
      appliedAt as string | null,
      acceptedAt as string | null,
      completedAt as string | null,
    )
  )
    return;
  if (!ok) return;
  if (context.haveCatalogue && !item) {
    problem(context, row, header, "itemCode", "UNKNOWN_ITEM_CODE", itemCode!, "unknownItemCode");
  }
  if (!item) noteUnknownItem(context, unitId!, itemCode!, itemName, caseKind!, legalDays, promisedDays);
  const record: CaseRecord = {
    caseNo: caseNo!,
    unitId: unitId!,
    itemCode: itemCode!,
    caseKind: caseKind!,
    legalDays,
    promisedDays,
    channel: channel!,
    isBatch: isBatch!,
    appliedAt: appliedAt!,
    acceptedAt: acceptedAt!,
    completedAt: completedAt!,
    elapsedDays: acceptedAt && completedAt ? context.calendar.elapsedWorkingDays(acceptedAt, completedAt) : null,
  };
  context.summary.cases++;
  return context.sinks.case(record);
}

/**
 * A case's three times (each valid or empty) against each other and the month: at least one, none
 * completed before accepted or accepted before applied, one of them in the month. Each broken rule
 * is reported (all of them, but nothing else once all three are missing); false if any is.
 */
function caseTimesHold(
  context: CheckContext,
  row: SourceRow,
  header: Header,
  appliedAt: string | null,
  acceptedAt: string | null,
  completedAt: string | null,
): boolean {
  if (appliedAt === null && acceptedAt === null && completedAt === null) {
    problem(context, row, header, "appliedAt", "MISSING_VALUE", "", "missingTimes");
    return false;
  }
  let ok = true;
  if (completedAt && !acceptedAt) {
    problem(context, row, header, "acceptedAt", "COMPLETED_WITHOUT_ACCEPTED", "", "completedWithoutAccepted");
    ok = false;
  }
  if (completedAt && acceptedAt && completedAt < acceptedAt) {
    problem(context, row, header, "completedAt", "COMPLETED_BEFORE_ACCEPTED", completedAt, "completedBeforeAccepted", {
      extra: { completedAt, acceptedAt },
    });
    ok = false;
  }
  if (acceptedAt && appliedAt && acceptedAt < appliedAt) {
    problem(context, row, header, "acceptedAt", "ACCEPTED_BEFORE_APPLIED", acceptedAt, "acceptedBeforeApplied", {
      extra: { acceptedAt, appliedAt },
    });
    ok = false;
  }
  const m = context.month;
  if (!inMonth(appliedAt!, m) && !inMonth(acceptedAt!, m) && !inMonth(completedAt!, m)) {
    problem(
      context,
      row,
      header,
      "acceptedAt",
      "OUTSIDE_MONTH",
      [appliedAt, acceptedAt, completedAt].filter(Boolean).join(" / "),
      "caseOutsideMonth",
      { extra: { month: m } },
    );
    ok = false;
  }
  return ok;
}

/**
 * The first case of an item code the catalogue lacks makes it an item of its own (not in the
 * catalogue, not in use), named by the case's 事项名称 (or its code), so coverage can count it.
 */
function noteUnknownItem(
  context: CheckContext,
  unitId: number,
  itemCode: string,
  itemName: string,
  caseKind: CaseKind,
  legalDays: number | null,
  promisedDays: number | null,
): void {
  const key = ownCopy(`${unitId}\u0000${itemCode}`);
  if (context.unknownItemNames.has(key)) return;
  context.unknownItemNames.set(key, {
    unitId,
    itemCode: ownCopy(itemCode),
    itemName: ownCopy(itemName || itemCode),
    caseKind,
    legalDays,
    promisedDays,
    inUse: false,
    inCatalogue: false,
  });
}

/** A 好差评 row: a unique evaluation of a case, evaluated in the month. */
function evaluationRow(context: CheckContext, row: SourceRow, header: Header): void | Promise<void> {
  let ok = true;
  const evaluationNo = uniqueNumber(
    context,
    row,
    header,
    "evaluationNo",
    context.evaluationNos,
    "DUPLICATE_EVALUATION_NO",
    "duplicateEvaluationNo",
  );
  if (evaluationNo === null) ok = false;
  const caseNo = required(context, row, header, "caseNo");
  const unitId = unit(context, row, header);
  const evaluatedAt = time(context, row, header, "evaluatedAt");
  const level = enumValue(context, row, header, "evaluationLevel", LEVELS);
  const kind = enumValue(context, row, header, "evaluationKind", EVALUATION_KINDS);
  if (caseNo === null || unitId === null || level === null || kind === null || evaluatedAt === undefined) ok = false;
  if (evaluatedAt === null) {
    problem(context, row, header, "evaluatedAt", "MISSING_VALUE", "", "missingValue", {
      extra: { column: canonicalLabel("evaluatedAt") },
    });
    ok = false;
  } else if (evaluatedAt !== undefined && !inMonth(evaluatedAt, context.month)) {
    problem(context, row, header, "evaluatedAt", "OUTSIDE_MONTH", evaluatedAt, "evaluationOutsideMonth", {
      extra: { month: context.month },
    });
    ok = false;
  }
  if (!ok) return;
  context.summary.evaluations++;
  return context.sinks.evaluation({
    evaluationNo: evaluationNo!,
    caseNo: caseNo!,
    unitId: unitId!,
    evaluatedAt: evaluatedAt!,
    level: level!,
    kind: kind!,
  });
}

// ---------------------------------------------------------------------------------------------
// The cell readers of the row checks: a cell's value, or null / undefined with its problem reported

/** The cell of a column, trimmed; "" when the column is absent. Broken encoding is reported. */
function cell(context: CheckContext, row: SourceRow, header: Header, column: RecordColumn): string {
  const i = header.index.get(column);
  if (i === undefined) return "";
  const value = row.cells[i];
  if (value === undefined) return "";
  const trimmed = value.trim();
  if (trimmed.includes("\uFFFD")) {
    problem(context, row, header, column, "BROKEN_ENCODING", trimmed, "brokenEncoding");
    return "\uFFFD";
  }
  return trimmed;
}

/** Reports a problem of a row, located at its file, sheet, row and (by its header label) column. */
function problem(
  context: CheckContext,
  row: SourceRow,
  header: Header,
  column: RecordColumn | null,
  code: CaseProblemCode,
  found: string | undefined,
  text: CaseProblemText,
  values: { expected?: string; extra?: Extra } = {},
): void {
  const i = column ? header.index.get(column) : undefined;
  const col = column
    ? {
        label: i !== undefined ? header.labels[i] || canonicalLabel(column) : canonicalLabel(column),
        letter: i !== undefined ? columnLetter(i) : "—",
      }
    : undefined;
  context.problems.add(
    caseProblem({
      code,
      text,
      where: { file: row.file, sheet: row.sheet, row: row.row, column: col },
      found,
      ...values,
    }),
  );
}

function required(context: CheckContext, row: SourceRow, header: Header, column: RecordColumn): string | null {
  const value = cell(context, row, header, column);
  if (value === "\uFFFD") return null;
  if (value === "") {
    problem(context, row, header, column, "MISSING_VALUE", "", "missingValue", {
      extra: { column: canonicalLabel(column) },
    });
    return null;
  }
  return value;
}

/**
 * A record's number, required and unique across all the files of its kind: null when missing or
 * a repeat (reported). The numbers seen are kept as compact keys (numberKey).
 */
function uniqueNumber(
  context: CheckContext,
  row: SourceRow,
  header: Header,
  column: RecordColumn,
  seen: Set<string | number>,
  code: CaseProblemCode,
  text: CaseProblemText,
): string | null {
  const value = required(context, row, header, column);
  if (value === null) return null;
  const key = numberKey(value);
  if (seen.has(key)) {
    problem(context, row, header, column, code, value, text);
    return null;
  }
  seen.add(key);
  return value;
}

function enumValue<T>(
  context: CheckContext,
  row: SourceRow,
  header: Header,
  column: RecordColumn,
  table: Record<string, T>,
): T | null {
  const value = required(context, row, header, column);
  if (value === null) return null;
  const mapped = table[value];
  if (mapped === undefined) {
    problem(context, row, header, column, "INVALID_VALUE", value, "invalidValue", { expected: ALLOWED[column] });
    return null;
  }
  return mapped;
}

/** undefined = invalid (reported); null = empty. */
function days(context: CheckContext, row: SourceRow, header: Header, column: RecordColumn): number | null | undefined {
  const value = cell(context, row, header, column);
  if (value === "\uFFFD") return undefined;
  if (value === "") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3650) {
    problem(context, row, header, column, "INVALID_DAYS", value, "invalidDays");
    return undefined;
  }
  return n;
}

/** undefined = invalid (reported); null = empty. */
function time(context: CheckContext, row: SourceRow, header: Header, column: RecordColumn): string | null | undefined {
  const raw = cell(context, row, header, column);
  if (raw === "\uFFFD") return undefined;
  if (raw === "") return null;
  const value = parseTime(timeCellText(raw));
  if (value === null) {
    problem(context, row, header, column, "INVALID_TIME", raw, "invalidTime");
    return undefined;
  }
  if (!context.calendar.covers(value)) {
    problem(context, row, header, column, "OUTSIDE_CALENDAR", raw, "outsideCalendar", {
      extra: { from: context.calendar.fromYear, to: context.calendar.toYear },
    });
    return undefined;
  }
  return value;
}

/** The unit's id, by the name as written (cached) or its normalised key; an unknown one is counted and reported. */
function unit(context: CheckContext, row: SourceRow, header: Header): number | null {
  const name = required(context, row, header, "unit");
  if (name === null) return null;
  const { unitByWritten, summary } = context;
  let id = unitByWritten.get(name);
  if (id === undefined && !unitByWritten.has(name)) {
    id = context.unitByKey.get(unitNameKey(name));
    if (unitByWritten.size < 10_000) unitByWritten.set(ownCopy(name), id);
  }
  if (id === undefined) {
    summary.unknownUnits[name] = (summary.unknownUnits[name] ?? 0) + 1;
    problem(context, row, header, "unit", "UNKNOWN_UNIT", name, "unknownUnit");
    return null;
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// The values the cells may hold: record numbers, times, and each enumeration's written forms
/**
 * A record number as a compact key for the duplicate checks. A cell's text is a slice of the
 * decoded chunk it came from, and V8 keeps the whole chunk alive for as long as the slice lives:
 * kept in a Set, a million slices would pin the whole file in memory. Digits-only numbers become
 * numbers; anything else a fresh copy of its characters.
 */
export function numberKey(text: string): string | number {
  if (text.length <= 15 && /^[1-9]\d*$/.test(text)) return Number(text);
  return ownCopy(text);
}

const TIME_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const p2 = (n: string) => (n.length === 1 ? `0${n}` : n);

/** Two ASCII digits at i as a number, or -1 (no string is made: this runs 4 M times a month). */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD HH:mm:ss` (also `/` or `.` separators, no seconds, no time), else null. */
export function parseTime(text: string): string | null {
  if (
    text.length === 19 &&
    text[4] === "-" &&
    text[7] === "-" &&
    text[10] === " " &&
    text[13] === ":" &&
    text[16] === ":"
  ) {
    const y1 = twoDigits(text, 0);
    const y2 = twoDigits(text, 2);
    const m = twoDigits(text, 5);
    const d = twoDigits(text, 8);
    const h = twoDigits(text, 11);
    const mi = twoDigits(text, 14);
    const s = twoDigits(text, 17);
    if (
      y1 >= 0 &&
      y2 >= 0 &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= DAYS_IN_MONTH[m - 1]! &&
      h >= 0 &&
      h <= 23 &&
      mi >= 0 &&
      mi <= 59 &&
      s >= 0 &&
      s <= 59
    ) {
      if (m === 2 && d === 29 && !isLeap(y1 * 100 + y2)) return null;
      return text;
    }
    return null;
  }
  const match = TIME_RE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "00", s = "00"] = match;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return null;
  if (month === 2 && day === 29 && !isLeap(Number(y))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${p2(mo!)}-${p2(d!)} ${p2(h)}:${mi}:${s}`;
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const CASE_KINDS: Record<string, CaseKind> = {
  即办件: "INSTANT",
  即办: "INSTANT",
  承诺件: "PROMISED",
  承诺: "PROMISED",
  INSTANT: "INSTANT",
  PROMISED: "PROMISED",
};
const CHANNELS: Record<string, Channel> = {
  网上申请: "ONLINE",
  网上: "ONLINE",
  线上: "ONLINE",
  在线申请: "ONLINE",
  网上办理: "ONLINE",
  ONLINE: "ONLINE",
  窗口申请: "COUNTER",
  窗口: "COUNTER",
  线下: "COUNTER",
  窗口办理: "COUNTER",
  COUNTER: "COUNTER",
};
const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  Y: true,
  N: false,
  y: true,
  n: false,
  "1": true,
  "0": false,
  true: true,
  false: false,
  TRUE: true,
  FALSE: false,
};
const LEVELS: Record<string, EvaluationLevel> = Object.fromEntries(
  EVALUATION_LEVELS.map((l, i) => [l, (i + 1) as EvaluationLevel]),
);
const EVALUATION_KINDS: Record<string, EvaluationKind> = {
  主动评价: "ACTIVE",
  主动: "ACTIVE",
  默认评价: "DEFAULT",
  默认: "DEFAULT",
  系统默认评价: "DEFAULT",
  ACTIVE: "ACTIVE",
  DEFAULT: "DEFAULT",
};
const ITEM_STATUS: Record<string, boolean> = {
  在用: true,
  启用: true,
  正常: true,
  停用: false,
  暂停: false,
  废止: false,
};

const ALLOWED: Record<string, string> = {
  caseKind: "即办件 / 承诺件",
  channel: "网上申请 / 窗口申请",
  isBatch: "是 / 否",
  evaluationLevel: EVALUATION_LEVELS.join(" / "),
  evaluationKind: "主动评价 / 默认评价",
  itemStatus: "在用 / 停用",
};
