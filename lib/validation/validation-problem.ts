// A validation problem: what is wrong with an imported file, located file → sheet → row →
// column, in zh-CN (`message`) and en (`messageEn`), under a stable code the UI and tests key
// on. One shape for every importer (the monthly annex upload, the case records); not to be
// confused with the problems a bulletin names (存在的问题, lib/indicators/problems.ts).
//
// Messages are plain text: found values are quoted verbatim but bounded in length and stripped
// of control characters, and the UI renders them as text (React escapes), never as HTML.
import { fill } from "@/lib/i18n/fill";

/** error: refuses the file; warning: needs the admin's acknowledgement; info: said, needs nothing. */
export type Severity = "error" | "warning" | "info";

/** A column as the user sees it: its header text and its spreadsheet letter. */
export type ColumnRef = { label: string; letter: string };

/** Where a problem is, as precisely as the file allows. */
export type ProblemLocation = {
  file: string;
  /** Absent for CSV files (they have no sheets) and for problems of the whole file. */
  sheet?: string;
  /** 1-based, as the spreadsheet shows it (CSV: the record number). */
  row?: number;
  column?: ColumnRef;
};

export type ValidationProblem<Code extends string = string> = ProblemLocation & {
  severity: Severity;
  code: Code;
  /** zh-CN, one complete sentence naming 文件/工作表/行/列, what was found and what was expected. */
  message: string;
  messageEn: string;
  found?: string;
  expected?: string;
};

const MAX_QUOTED = 60;

/** A value as a message may quote it: one line, no control characters, at most 60 characters. */
export function quoteValue(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}

/** How one locale names the parts of a location (`文件“{file}”`, `第{row}行`, …). */
export type LocationTemplates = { file: string; sheet: string; row: string; column: string };

/** A text in both locales. */
export type Bilingual<T> = { zh: T; en: T };

/** Placeholders a template may use besides found/expected (count, field, scope, …). */
export type Extra = Record<string, string | number>;

/** The location prefix of a message: `文件“a.csv”，第5行，B列“地区”：` / `File "a.csv", row 5, …: `. */
export function locationText(where: ProblemLocation, t: LocationTemplates, locale: "zh" | "en"): string {
  const parts = [fill(t.file, { file: quoteValue(where.file) })];
  if (where.sheet !== undefined) parts.push(fill(t.sheet, { sheet: quoteValue(where.sheet) }));
  if (where.row !== undefined) parts.push(fill(t.row, { row: where.row }));
  if (where.column) parts.push(fill(t.column, { letter: where.column.letter, label: quoteValue(where.column.label) }));
  return locale === "zh" ? `${parts.join("，")}：` : `${parts.join(", ")}: `;
}

export type ValidationProblemInput<Code extends string> = {
  code: Code;
  severity: Severity;
  where: ProblemLocation;
  /** The sentence after the location, per locale; placeholders {found}, {expected} and `extra`'s. */
  template: Bilingual<string>;
  /** The location's wording per locale; null when the sentence names the files itself. */
  location: Bilingual<LocationTemplates> | null;
  found?: string;
  expected?: string;
  /** English renderings of found/expected when they differ from the Chinese ones. */
  foundEn?: string;
  expectedEn?: string;
  extra?: Extra;
  extraEn?: Extra;
};

/** Builds a problem: both sentences from their templates, the found value bounded. */
export function validationProblem<Code extends string>(input: ValidationProblemInput<Code>): ValidationProblem<Code> {
  const { code, severity, where, template, location } = input;
  const found = input.found === undefined ? undefined : quoteValue(input.found);
  const values = (f: string | undefined, e: string | undefined, extra: Extra | undefined) => ({
    found: f ?? "",
    expected: e ?? "",
    ...extra,
  });
  const message =
    (location ? locationText(where, location.zh, "zh") : "") +
    fill(template.zh, values(found, input.expected, input.extra));
  const messageEn =
    (location ? locationText(where, location.en, "en") : "") +
    fill(
      template.en,
      values(
        input.foundEn === undefined ? found : quoteValue(input.foundEn),
        input.expectedEn ?? input.expected,
        input.extraEn ?? input.extra,
      ),
    );
  const out: ValidationProblem<Code> = { severity, code, message, messageEn, file: where.file };
  if (where.sheet !== undefined) out.sheet = where.sheet;
  if (where.row !== undefined) out.row = where.row;
  if (where.column) out.column = where.column;
  if (found !== undefined) out.found = found;
  if (input.expected !== undefined) out.expected = input.expected;
  return out;
}

export function hasErrors(problems: readonly ValidationProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
