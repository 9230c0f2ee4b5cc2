// Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with = + - @
// (or a tab / carriage return, which some spreadsheets skip before reading a formula) is run
// as a formula when the file is opened. Every exported table, CSV or XLSX, passes its text
// cells through this one function. Pure, no dependencies: the browser's CSV export uses it too.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain negative number (−19.97, -5%) is data, not a formula. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?%?$/;

/** Prefixes a cell that a spreadsheet would read as a formula with ', so it stays text. */
export function neutraliseFormula(value: string): string {
  if (NEGATIVE_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The inverse, for the importer: the ' removed again, but only where neutraliseFormula would
 * have added it (a ' before = + - @ tab or CR, not before a plain negative number), so that
 * what the exports write reads back as the names and figures they came from.
 */
export function restoreNeutralised(value: string): string {
  if (!value.startsWith("'")) return value;
  const original = value.slice(1);
  return neutraliseFormula(original) === value ? original : value;
}
