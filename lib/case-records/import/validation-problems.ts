// What can be wrong with case-record files: validation problems (lib/validation), each named
// with file, sheet, row and column, in zh-CN and en (the `caseImport` message templates of
// lib/i18n). The codes and their severities are this importer's; everything else is shared.
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import {
  type Extra,
  type ProblemLocation,
  type ValidationProblem,
  ValidationProblemCollection,
  type ValidationProblemSummary,
  validationProblem,
  validationProblemCsvLine,
} from "@/lib/validation";

export const CASE_PROBLEM_SEVERITIES = {
  // files
  UNSUPPORTED_FORMAT: "error",
  UNREADABLE_FILE: "error",
  NOT_TEXT: "error",
  NO_HEADER: "error",
  UNKNOWN_FILE_KIND: "error",
  MISSING_COLUMN: "error",
  DUPLICATE_COLUMN: "error",
  NO_CASES_FILE: "error",
  NO_CATALOGUE_FILE: "warning",
  NO_EVALUATIONS_FILE: "warning",
  PERSONAL_DATA_DROPPED: "warning",
  UNKNOWN_COLUMN: "warning",
  FIELD_TOO_LONG: "error",
  RECORD_TOO_LONG: "error",
  UNCLOSED_QUOTE: "error",
  // rows
  MISSING_VALUE: "error",
  BROKEN_ENCODING: "error",
  INVALID_TIME: "error",
  INVALID_DAYS: "error",
  INVALID_VALUE: "error",
  COMPLETED_BEFORE_ACCEPTED: "error",
  ACCEPTED_BEFORE_APPLIED: "error",
  COMPLETED_WITHOUT_ACCEPTED: "error",
  OUTSIDE_MONTH: "error",
  OUTSIDE_CALENDAR: "error",
  DUPLICATE_CASE_NO: "error",
  DUPLICATE_EVALUATION_NO: "error",
  DUPLICATE_ITEM: "error",
  UNKNOWN_UNIT: "error",
  PROMISED_WITHOUT_DAYS: "error",
  UNKNOWN_ITEM_CODE: "warning",
} as const satisfies Record<keyof typeof zhCN.caseImport.problemTitles, "error" | "warning">;

export type CaseProblemCode = keyof typeof CASE_PROBLEM_SEVERITIES;
export type CaseValidationProblem = ValidationProblem<CaseProblemCode>;
export type CaseProblemSummary = ValidationProblemSummary<CaseProblemCode>;

/** Which sentence: a code can have several (MISSING_VALUE: one column, or all three times). */
export type CaseProblemText = keyof typeof zhCN.caseImport.problemTexts;

const LOCATION = { zh: zhCN.caseImport.location, en: en.caseImport.location };

/** The kind's Chinese name, as reports and the problems CSV give it. */
export const caseProblemTitle = (code: CaseProblemCode): string => zhCN.caseImport.problemTitles[code];

/**
 * A problem of the case files. `where` is located in the sentence unless `located` is false
 * (problems of the whole selection of files, whose sentence says so itself).
 */
export function caseProblem(input: {
  code: CaseProblemCode;
  text: CaseProblemText;
  where: ProblemLocation;
  located?: boolean;
  found?: string;
  expected?: string;
  extra?: Extra;
  extraEn?: Extra;
}): CaseValidationProblem {
  const { text, located = true, ...rest } = input;
  return validationProblem({
    ...rest,
    severity: CASE_PROBLEM_SEVERITIES[input.code],
    template: { zh: zhCN.caseImport.problemTexts[text], en: en.caseImport.problemTexts[text] },
    location: located ? LOCATION : null,
  });
}

/** The import's problems: a count per kind and its first rows; every row problem passed on. */
export function caseProblemCollection(
  onRowProblem?: (problem: CaseValidationProblem) => void,
): ValidationProblemCollection<CaseProblemCode> {
  return new ValidationProblemCollection(caseProblemTitle, onRowProblem);
}

/** One CSV line of a row problem (for the downloadable list of all row errors). */
export function caseProblemCsvLine(p: CaseValidationProblem): string {
  return validationProblemCsvLine(p, caseProblemTitle(p.code));
}
