// CSV that Excel opens correctly in Chinese (UTF-8 with a BOM) and that cannot
// smuggle formulas into a spreadsheet (OWASP "CSV injection", lib/export/neutralise.ts).
import { neutraliseFormula } from "@/lib/export/neutralise";

export { neutraliseFormula };

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const line = (cells: Array<string | number | null>) =>
    cells.map((cell) => quote(neutraliseFormula(cell === null ? "" : String(cell)))).join(",");
  return `\uFEFF${[line(header), ...rows.map(line)].join("\r\n")}\r\n`;
}
