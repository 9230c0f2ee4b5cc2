// The problems of one import, collected. A file of a million rows can have a million problems:
// the collection keeps a count per kind and only the first rows of each, and passes every row
// problem on (`onRowProblem`: the case import writes them all to a downloadable CSV).
import type { Severity, ValidationProblem } from "./validation-problem";

/** What the report says of one kind of problem. */
export type ValidationProblemSummary<Code extends string = string> = {
  code: Code;
  severity: Severity;
  /** The kind's name in Chinese, as the report was written (stored reports keep it). */
  title: string;
  count: number;
  first: ValidationProblem<Code>[];
};

export const FIRST_ROWS_KEPT = 20;

/**
 * A fresh copy of a string's characters. A cell's text is a slice of the decoded chunk it came
 * from and keeps the whole chunk alive while it lives: what the collection keeps outlives its
 * row, so it keeps copies.
 */
function detached(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

function detachedProblem<Code extends string>(p: ValidationProblem<Code>): ValidationProblem<Code> {
  const copy: ValidationProblem<Code> = {
    ...p,
    file: detached(p.file),
    message: detached(p.message),
    messageEn: detached(p.messageEn),
  };
  if (p.sheet !== undefined) copy.sheet = detached(p.sheet);
  if (p.column) copy.column = { label: detached(p.column.label), letter: p.column.letter };
  if (p.found !== undefined) copy.found = detached(p.found);
  if (p.expected !== undefined) copy.expected = detached(p.expected);
  return copy;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Counts per kind, the first rows of each; every row problem is passed on. */
export class ValidationProblemCollection<Code extends string = string> {
  private readonly byCode = new Map<Code, ValidationProblemSummary<Code>>();
  errorCount = 0;
  warningCount = 0;
  infoCount = 0;

  constructor(
    /** The Chinese name of each kind (the summaries' titles). */
    private readonly titleOf: (code: Code) => string,
    private readonly onRowProblem: (problem: ValidationProblem<Code>) => void = () => {},
    private readonly firstRowsKept = FIRST_ROWS_KEPT,
  ) {}

  add(problem: ValidationProblem<Code>): void {
    let summary = this.byCode.get(problem.code);
    if (!summary) {
      summary = {
        code: problem.code,
        severity: problem.severity,
        title: this.titleOf(problem.code),
        count: 0,
        first: [],
      };
      this.byCode.set(problem.code, summary);
    }
    summary.count++;
    if (summary.first.length < this.firstRowsKept) summary.first.push(detachedProblem(problem));
    if (problem.severity === "error") this.errorCount++;
    else if (problem.severity === "warning") this.warningCount++;
    else this.infoCount++;
    if (problem.row !== undefined) this.onRowProblem(problem);
  }

  count(code: Code): number {
    return this.byCode.get(code)?.count ?? 0;
  }

  /** Errors first, then warnings, then notes; within each, the most frequent kind first. */
  summaries(): ValidationProblemSummary<Code>[] {
    return [...this.byCode.values()].sort((a, b) =>
      a.severity === b.severity ? b.count - a.count : SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
    );
  }
}
