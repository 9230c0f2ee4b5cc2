// CSV that Excel opens correctly in Chinese (UTF-8 with a BOM) and that cannot
// smuggle formulas into a spreadsheet (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a cell that a spreadsheet would read as a formula, so it stays text. */
export function neutraliseFormula(value: string): string {
  // Plain negative numbers are data, not formulas: keep them as they are.
  if (/^-\d+(\.\d+)?%?$/.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const line = (cells: Array<string | number | null>) =>
    cells.map((cell) => quote(neutraliseFormula(cell === null ? "" : String(cell)))).join(",");
  return "\uFEFF" + [line(header), ...rows.map(line)].join("\r\n") + "\r\n";
}
