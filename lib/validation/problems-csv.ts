// Every row problem of an import as CSV lines (file, sheet, row, column, kind, severity, found
// value, sentence), for the admin to download when the page shows only the first rows of each
// kind. Cells go through the exports' one formula guard (lib/export/csv.ts → neutralise.ts).
//
// Why that guard and not one of its own: the case import's CSV used to prefix every cell that
// starts with "-", so a found value of -5 (工作日数) read back as the text '-5. A leading "-"
// of a plain number is data, not a formula; the exports already say so, and one rule for every
// CSV the product writes is what the admin can rely on.
import { csvCell } from "@/lib/export/csv";
import type { Severity, ValidationProblem } from "./validation-problem";

export const VALIDATION_PROBLEMS_CSV_HEADER = "文件,工作表,行,列,问题,严重程度,发现的值,说明\n";

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/** One CSV line of a problem; `title` is its kind's Chinese name. */
export function validationProblemCsvLine(p: ValidationProblem, title: string): string {
  return `${[
    p.file,
    p.sheet,
    p.row,
    p.column ? `${p.column.label}（${p.column.letter}）` : "",
    title,
    SEVERITY_ZH[p.severity],
    p.found,
    p.message,
  ]
    .map(csvCell)
    .join(",")}\n`;
}

/**
 * At most this many problem rows go to the CSV. One wrong column in every row of a month's export
 * made a 436 MB list out of an 862 KB upload (issue 19, item 4); nobody reads past the first
 * thousands, and the report already counts every kind. 100,000 rows are ~25 MB.
 */
export const PROBLEMS_CSV_MAX_ROWS = 100_000;

/**
 * The problems CSV with a cap: the first `maxRows` problems line by line, the rest counted per
 * kind, and at the end one line per kind left out (file 「（未逐行列出）」, the count as the found
 * value) so that the list says itself what it does not show.
 */
export class CappedProblemsCsv<Code extends string = string> {
  rows = 0;
  private readonly left = new Map<Code, { title: string; severity: Severity; count: number }>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly maxRows = PROBLEMS_CSV_MAX_ROWS,
  ) {}

  add(p: ValidationProblem<Code>, title: string): void {
    if (this.rows < this.maxRows) {
      this.rows++;
      this.write(validationProblemCsvLine(p, title));
      return;
    }
    const kind = this.left.get(p.code);
    if (kind) kind.count++;
    else this.left.set(p.code, { title, severity: p.severity, count: 1 });
  }

  /** The problems not written, per kind (empty when all were). */
  omitted(): Partial<Record<Code, number>> {
    return Object.fromEntries([...this.left].map(([code, k]) => [code, k.count])) as Partial<Record<Code, number>>;
  }

  /** Writes the lines that count what was left out. */
  end(): void {
    for (const k of this.left.values()) {
      this.write(
        `${[
          "（未逐行列出）",
          "",
          "",
          "",
          k.title,
          SEVERITY_ZH[k.severity],
          String(k.count),
          `问题清单只列出前 ${this.maxRows} 行；此类问题另有 ${k.count} 行未列出。 / Only the first ${this.maxRows} rows are listed; ${k.count} more of this kind are not.`,
        ]
          .map(csvCell)
          .join(",")}\n`,
      );
    }
  }
}
