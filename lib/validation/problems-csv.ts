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
