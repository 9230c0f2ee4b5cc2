// Builds Problems: the location (file → sheet → row → column) and the sentence, in zh-CN and
// en, from the `import` message templates. Found values are quoted verbatim but bounded in
// length and stripped of control characters: messages are plain text, and the UI renders
// them as text (React escapes), never as HTML.
import { en } from "@/lib/i18n/en";
import { fill } from "@/lib/i18n/messages";
import { zhCN } from "@/lib/i18n/zh-CN";
import type { ColumnRef, Problem, ProblemCode, Severity } from "./types";

export type Where = { file: string; sheet?: string; row?: number; column?: ColumnRef };

/** Placeholders a template may use besides found/expected (count, field, scope, …). */
export type Extra = Record<string, string | number>;

const MAX_QUOTED = 60;

/** A value as a message may quote it: one line, no control characters, at most 60 characters. */
export function quoteValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}

function location(where: Where, locale: "zh" | "en"): string {
  const t = locale === "zh" ? zhCN.import.location : en.import.location;
  const parts = [fill(t.file, { file: quoteValue(where.file) })];
  if (where.sheet !== undefined) parts.push(fill(t.sheet, { sheet: quoteValue(where.sheet) }));
  if (where.row !== undefined) parts.push(fill(t.row, { row: where.row }));
  if (where.column) parts.push(fill(t.column, { letter: where.column.letter, label: quoteValue(where.column.label) }));
  return locale === "zh" ? `${parts.join("，")}：` : `${parts.join(", ")}: `;
}

export type ProblemInput = {
  code: ProblemCode;
  severity: Severity;
  where: Where;
  found?: string;
  expected?: string;
  /** English renderings of found/expected when they differ from the Chinese ones. */
  foundEn?: string;
  expectedEn?: string;
  extra?: Extra;
  extraEn?: Extra;
};

export function problem(input: ProblemInput): Problem {
  const { code, severity, where } = input;
  const found = input.found === undefined ? undefined : quoteValue(input.found);
  const values = (f: string | undefined, e: string | undefined, extra: Extra | undefined) => ({
    found: f ?? "",
    expected: e ?? "",
    ...extra,
  });
  const message = location(where, "zh") + fill(zhCN.import.problems[code], values(found, input.expected, input.extra));
  const messageEn =
    location(where, "en") +
    fill(
      en.import.problems[code],
      values(
        input.foundEn === undefined ? found : quoteValue(input.foundEn),
        input.expectedEn ?? input.expected,
        input.extraEn ?? input.extra,
      ),
    );
  const out: Problem = { severity, code, message, messageEn, file: where.file };
  if (where.sheet !== undefined) out.sheet = where.sheet;
  if (where.row !== undefined) out.row = where.row;
  if (where.column) out.column = where.column;
  if (found !== undefined) out.found = found;
  if (input.expected !== undefined) out.expected = input.expected;
  return out;
}

export const error = (input: Omit<ProblemInput, "severity">): Problem => problem({ ...input, severity: "error" });
export const warning = (input: Omit<ProblemInput, "severity">): Problem => problem({ ...input, severity: "warning" });
/** Worth saying, nothing to confirm: what real data always shows (completions above acceptances). */
export const info = (input: Omit<ProblemInput, "severity">): Problem => problem({ ...input, severity: "info" });

/** "12.3 MB" / "512 KB" / "80 字节". */
export function formatBytes(bytes: number, locale: "zh" | "en" = "zh"): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`;
  return locale === "zh" ? `${bytes} 字节` : `${bytes} bytes`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
