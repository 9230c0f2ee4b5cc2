// CSV that Excel opens correctly in Chinese (UTF-8 with a BOM) and that cannot
// smuggle formulas into a spreadsheet (OWASP "CSV injection", lib/export/neutralise.ts).
import { neutraliseFormula } from "@/lib/export/neutralise";

export { neutraliseFormula };

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One cell as a CSV line holds it: neutralised against formulas, quoted when it must be. */
export function csvCell(cell: string | number | null | undefined): string {
  return quote(neutraliseFormula(cell == null ? "" : String(cell)));
}

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const line = (cells: Array<string | number | null>) => cells.map(csvCell).join(",");
  return `\uFEFF${[line(header), ...rows.map(line)].join("\r\n")}\r\n`;
}
