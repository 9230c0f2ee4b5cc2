// The importer's result shapes. A parse never throws on bad input: everything wrong with a
// file is a ValidationProblem (lib/validation), in Chinese (message) and English (messageEn),
// located as precisely as the file allows (file → sheet → row → column).
import type { AnnexField, ReportedSummaryField, SummaryScope, UnitKind } from "@/lib/indicators/types";
import type { ColumnRef, ValidationProblem } from "@/lib/validation";

export type { ColumnRef, Severity, ValidationProblem } from "@/lib/validation";

/** Stable validation problem codes: the UI and tests key on these, never on the message text. */
export const ANNEX_PROBLEM_CODES = [
  // the file as a whole
  "FILE_TOO_LARGE",
  "UNPACKED_TOO_LARGE",
  "EMPTY_FILE",
  "NOT_SPREADSHEET",
  "UNSUPPORTED_FORMAT",
  "UNREADABLE_FILE",
  "UNKNOWN_LAYOUT",
  "MALFORMED_CSV",
  "TOO_MANY_ROWS",
  // the header
  "MISSING_COLUMN",
  "DUPLICATE_COLUMN",
  "AMBIGUOUS_COLUMN",
  // the month
  "NO_MONTH",
  "INVALID_MONTH",
  "CONFLICTING_MONTHS",
  "MONTH_MISMATCH",
  // cells
  "NO_DATA_ROWS",
  "MISSING_UNIT_NAME",
  "INVALID_UNIT_NAME",
  "INVALID_UNIT_KIND",
  "MISSING_VALUE",
  "NOT_A_NUMBER",
  "NOT_AN_INTEGER",
  "NEGATIVE_COUNT",
  "COUNT_TOO_LARGE",
  "RATE_OUT_OF_RANGE",
  "FORMULA_WITHOUT_VALUE",
  "UNKNOWN_SUMMARY_FIELD",
  "DUPLICATE_SUMMARY_FIELD",
  // units
  "UNKNOWN_UNIT",
  "DUPLICATE_UNIT",
  // warnings
  "FORMULA_CACHED_VALUE",
  "RATE_LOOKS_LIKE_FRACTION",
  "EMPTY_UNIT_ROW",
  "UNIT_KIND_MISMATCH",
  "COMPLETED_EXCEEDS_ACCEPTED",
  "EVALUATION_RATE_ABOVE_100",
  "NEGATIVE_SPEEDUP",
  "MONTH_OVER_MONTH_JUMP",
  "MISSING_PREVIOUS_UNIT",
  "TOTAL_MISMATCH",
] as const;
export type AnnexProblemCode = (typeof ANNEX_PROBLEM_CODES)[number];

export type AnnexValidationProblem = ValidationProblem<AnnexProblemCode>;

/** Where a row came from; `column` is the unit-name column. */
export type SourceRef = { file: string; sheet?: string; row: number; column?: ColumnRef };

/** Per-unit figures some files carry besides the 19 annex columns (the bulletin's text states them). */
export type UnitExtras = {
  /** 办结件总数（含批量件）: the batch-inclusive denominator of the evaluation rate. */
  completedInclBatch: number | null;
  /** 主动评价率 as the bulletin states it (percent). */
  activeEvaluationRateReported: number | null;
};

export type ParsedUnit = UnitExtras & {
  /** As written, whitespace removed (`渠 县` → `渠县`). */
  name: string;
  /** From the row's 单位类型, else the table (title, name column label, sheet name); null if nothing says. */
  kind: UnitKind | null;
  /** 序号 as written, null when absent. */
  seq: number | null;
  values: Record<AnnexField, number>;
  source: SourceRef;
  /** The columns the figures came from (shared by the rows of one table), for messages. */
  columns: Partial<Record<AnnexField | keyof UnitExtras, ColumnRef>>;
};

/** A unit row that names a unit but has errors in its figures: kept so names are checked too. */
export type RejectedRow = { name: string; kind: UnitKind | null; source: SourceRef };

export type SummaryFigures = Partial<Record<ReportedSummaryField, number>>;
export type ParsedSummary = Partial<Record<SummaryScope, SummaryFigures>>;

export type FileFormat = "xlsx" | "csv";

export type ParsedFileInfo = {
  file: string;
  format: FileFormat | null;
  /** CSV only: the encoding detected. */
  encoding?: "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";
  /** Sheets that held a table, and what kind. */
  tables: Array<{ sheet?: string; layout: "annex" | "summary"; headerRow: number; rows: number }>;
};

export type ParseResult = {
  /** "YYYY-MM", null when no month was found or months disagree. */
  month: string | null;
  units: ParsedUnit[];
  rejectedRows: RejectedRow[];
  summary?: ParsedSummary;
  /** Where each summary figure came from, for messages. */
  summarySources?: Partial<Record<SummaryScope, Partial<Record<ReportedSummaryField, SourceRef>>>>;
  problems: AnnexValidationProblem[];
  files: ParsedFileInfo[];
};

export type UploadFile = { fileName: string; bytes: Uint8Array };
