// Finds the tables in one sheet (or CSV) and reads them. A sheet is scanned top to bottom:
// rows before a header are title rows (they name the month and, by their words, the kind of
// units), a header is one to four rows of labels, and the data rows under it end at a 注
// footnote, at a blank row not followed by more unit rows, or at the next header (two tables
// on one sheet are read as two tables). Linear in the number of cells.

import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import { RATE_BASES } from "@/lib/indicators/annex-columns";
import { ANNEX_REPORT_LABELS, isRateField } from "@/lib/indicators/annex-layout";
import type { ReportedSummaryField } from "@/lib/indicators/types";
import { ANNEX_FIELDS, type AnnexField, type SummaryScope, type UnitKind } from "@/lib/indicators/types";
import {
  cleanUnitName,
  columnLetter,
  findMonthsInText,
  parseMonthText,
  parseNumericText,
  plainText,
  tidy,
} from "@/lib/spreadsheet/normalize";
import { type FigureResult, readFigure, showFigure } from "./figures";
import { type Cell, cellText, type Grid, isBlankCell, isBlankRow } from "./grid";
import {
  type ColumnRole,
  type ExtraField,
  figureSpec,
  GROUP_OF_FIELD,
  isHeaderLabel,
  isSummaryCount,
  isTotalName,
  kindFromText,
  LABEL_PATH_SEPARATOR,
  parseKind,
  resolveColumn,
  resolveSummaryField,
} from "./labels";
import { MAX_HEADER_ROWS } from "./limits";
import type { AnnexValidationProblem, ColumnRef, ParsedUnit, RejectedRow, SourceRef } from "./types";
import { error, type Where, warning } from "./validation-problems";

/** Longest unit name accepted (市人力资源和社会保障局 is 11 characters). */
export const MAX_UNIT_NAME_LENGTH = 40;

export type MonthSighting = { month: string; where: Where; text: string };
export type RowEntry = { unit: ParsedUnit } | { rejected: RejectedRow };
export type SummaryEntry = {
  scope: SummaryScope;
  field: ReportedSummaryField;
  value: number;
  where: Where & { row: number };
};
export type TableInfo = { sheet?: string; layout: "annex" | "summary"; headerRow: number; rows: number };

/** What reading a file's sheets accumulates. Shared by all sheets of one file. */
export type ReadState = {
  file: string;
  maxRows: number;
  dataRows: number;
  aborted: boolean;
  entries: RowEntry[];
  summaries: SummaryEntry[];
  months: MonthSighting[];
  problems: AnnexValidationProblem[];
  tables: TableInfo[];
};

export function newReadState(file: string, maxRows: number): ReadState {
  return {
    file,
    maxRows,
    dataRows: 0,
    aborted: false,
    entries: [],
    summaries: [],
    months: [],
    problems: [],
    tables: [],
  };
}

type Header = {
  layout: "annex" | "summary";
  top: number;
  bottom: number;
  refs: ColumnRef[];
  name?: number;
  nameKind: UnitKind | null;
  seq?: number;
  kind?: number;
  month?: number;
  fields: Map<AnnexField, number>;
  extras: Map<ExtraField, number>;
  indicator?: number;
  fieldId?: number;
  scopes: Map<SummaryScope, number>;
  problems: AnnexValidationProblem[];
  /** Fields some ambiguous column may have meant: not reported missing as well. */
  ambiguousFields: Set<AnnexField>;
};

const NUMERIC_KINDS = new Set(["number", "date"]);

function isNumericCell(cell: Cell): boolean {
  if (cell === undefined || cell.kind === "merged") return false;
  if (NUMERIC_KINDS.has(cell.kind)) return true;
  return cell.kind === "text" && parseNumericText(cell.text) !== null;
}

/** A row of header labels: no numbers, at least two known labels, labels at least half its cells. */
function isLabelRow(row: Cell[] | undefined): boolean {
  if (!row) return false;
  let nonEmpty = 0;
  let labels = 0;
  for (const cell of row) {
    if (isBlankCell(cell)) continue;
    nonEmpty++;
    if (isNumericCell(cell)) return false;
    if (isHeaderLabel(cellText(cell))) labels++;
  }
  return labels >= 2 && labels * 2 >= nonEmpty;
}

const FOOTNOTE = /^(注|说明|备注|注释)(\s*[:.、(\d一二三四五六七八九]|$)/;

function isFootnoteRow(row: Cell[] | undefined): boolean {
  const first = row?.find((c) => !isBlankCell(c));
  return first !== undefined && FOOTNOTE.test(plainText(cellText(first)));
}

const compact = (text: string) => text.replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, "");

function detectHeader(grid: Grid, top: number, file: string): Header | null {
  const rows = grid.rows;
  if (!isLabelRow(rows[top])) return null;
  let bottom = top;
  // The summary's header is one row: below it, indicator names (申请件, applied) are data.
  const summaryHeader = rows[top]!.some((cell) => {
    const role = isBlankCell(cell) ? null : resolveColumn([cellText(cell)]);
    return role?.role === "indicator" || role?.role === "fieldId";
  });
  while (
    !summaryHeader &&
    bottom + 1 < rows.length &&
    bottom + 1 - top < MAX_HEADER_ROWS &&
    isLabelRow(rows[bottom + 1])
  )
    bottom++;

  let width = 0;
  for (let r = top; r <= bottom; r++) width = Math.max(width, rows[r]?.length ?? 0);

  // Header texts per row and column; a blank cell under nothing of its own takes the group
  // heading on its left when the column has a label below (a group written without merging).
  const texts: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row = rows[r] ?? [];
    const line: string[] = [];
    let carry: string | null = null;
    for (let c = 0; c < width; c++) {
      const own = compact(cellText(row[c]));
      const hasBelow = r < bottom && rowsBelowHaveText(rows, r + 1, bottom, c);
      if (own !== "") {
        line.push(own);
        carry = hasBelow ? own : null;
      } else if (carry !== null && hasBelow) {
        line.push(carry);
      } else {
        line.push("");
        carry = null;
      }
    }
    texts.push(line);
  }

  const header: Header = {
    layout: "annex",
    top,
    bottom,
    refs: [],
    nameKind: null,
    fields: new Map(),
    extras: new Map(),
    scopes: new Map(),
    problems: [],
    ambiguousFields: new Set(),
  };
  const where = (c: number): Where => ({ file, sheet: grid.sheet, row: bottom + 1, column: header.refs[c] });
  const setOnce = <K>(map: Map<K, number>, key: K, c: number, label: string) => {
    const first = map.get(key);
    if (first === undefined) map.set(key, c);
    else {
      header.problems.push(
        error({
          code: "DUPLICATE_COLUMN",
          where: where(c),
          expected: label,
          found: `${columnLetter(first)}列`,
          foundEn: `column ${columnLetter(first)}`,
        }),
      );
    }
  };
  let ambiguous = 0;
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (const line of texts) {
      // A cell may hold a group and its column joined (the per-annex CSV export): each is a step.
      for (const text of line[c]!.split(LABEL_PATH_SEPARATOR))
        if (text !== "" && path[path.length - 1] !== text) path.push(text);
    }
    if (path.length === 0) continue;
    const label = path.join("·");
    header.refs[c] = { label, letter: columnLetter(c) };
    const role: ColumnRole | null = resolveColumn(path);
    if (!role) continue;
    switch (role.role) {
      case "seq":
        header.seq ??= c;
        break;
      case "name":
        if (header.name === undefined) {
          header.name = c;
          header.nameKind = role.kind;
        }
        break;
      case "kind":
        header.kind ??= c;
        break;
      case "month":
        header.month ??= c;
        break;
      case "indicator":
        header.indicator ??= c;
        break;
      case "fieldId":
        header.fieldId ??= c;
        break;
      case "scope":
        setOnce(header.scopes, role.scope, c, label);
        break;
      case "field":
        setOnce(header.fields, role.field, c, label);
        break;
      case "extra":
        setOnce(header.extras, role.field, c, label);
        break;
      case "ambiguous":
        ambiguous++;
        for (const f of role.fields) header.ambiguousFields.add(f);
        header.problems.push(
          error({
            code: "AMBIGUOUS_COLUMN",
            where: where(c),
            found: label,
            expected: zhCN.import.expected.groupedColumn,
            expectedEn: en.import.expected.groupedColumn,
          }),
        );
        break;
    }
  }
  if (header.name !== undefined && header.fields.size + ambiguous >= 3) return header;
  if ((header.indicator !== undefined || header.fieldId !== undefined) && header.scopes.size >= 1) {
    header.layout = "summary";
    return header;
  }
  return null;
}

function rowsBelowHaveText(rows: Grid["rows"], from: number, to: number, c: number): boolean {
  for (let r = from; r <= to; r++) if (compact(cellText(rows[r]?.[c])) !== "") return true;
  return false;
}

/** The label a missing field's column would have, as the report prints it (or the template's). */
function expectedLabel(field: AnnexField, kind: UnitKind | null, multiRow: boolean): string {
  if (!multiRow) return isRateField(field) ? `${zhCN.fields[field]}（%）` : zhCN.fields[field];
  const labels = ANNEX_REPORT_LABELS[kind ?? "DEPARTMENT"];
  const group = labels.groups[GROUP_OF_FIELD.get(field)!];
  const column = labels.columns[field];
  return column === null ? group : `${group}·${column}`;
}

function foundColumns(header: Header): string {
  const labels = header.refs.filter((r): r is ColumnRef => r !== undefined).map((r) => r.label);
  const shown = labels.slice(0, 8).join("、");
  return labels.length > 8 ? `${shown}……` : shown || zhCN.import.found.nothing;
}

/** Reads every table of one grid into `state`. */
export function readGrid(grid: Grid, state: ReadState): void {
  const rows = grid.rows;
  const sheetKind = grid.sheet === undefined ? null : kindFromText(grid.sheet);
  let titleText = "";
  const formulas = { count: 0, first: undefined as Where | undefined, text: "" };
  let r = 0;
  while (r < rows.length && !state.aborted) {
    const row = rows[r];
    if (isBlankRow(row)) {
      r++;
      continue;
    }
    const header = detectHeader(grid, r, state.file);
    if (!header) {
      // A title row (or a footnote of the table above): months and kind words.
      for (const cell of row!) {
        const text = cellText(cell);
        if (text === "" || cell?.kind === "merged") continue;
        titleText += ` ${text}`;
        for (const month of findMonthsInText(text)) {
          state.months.push({ month, text, where: { file: state.file, sheet: grid.sheet, row: r + 1 } });
        }
      }
      r++;
      continue;
    }
    state.problems.push(...header.problems);
    const kind = kindFromText(titleText) ?? header.nameKind ?? sheetKind;
    const end =
      header.layout === "annex"
        ? readAnnexRows(grid, header, kind, state, formulas)
        : readSummaryRows(grid, header, state, formulas);
    titleText = "";
    r = end;
  }
  if (formulas.count > 0 && formulas.first) {
    state.problems.push(
      warning({
        code: "FORMULA_CACHED_VALUE",
        where: formulas.first,
        found: formulas.text,
        expected: zhCN.import.expected.value,
        expectedEn: en.import.expected.value,
        extra: { count: formulas.count },
      }),
    );
  }
}

type FormulaTally = { count: number; first: Where | undefined; text: string };

function noteFormula(tally: FormulaTally, result: FigureResult, where: Where) {
  if (result.kind !== "value" || result.formula === undefined) return;
  tally.count++;
  if (!tally.first) {
    tally.first = where;
    tally.text = `=${result.formula}`;
  }
}

/** The next non-blank row after `r`, or -1. */
function nextNonBlank(rows: Grid["rows"], r: number): number {
  for (let i = r + 1; i < rows.length; i++) if (!isBlankRow(rows[i])) return i;
  return -1;
}

function looksLikeUnitRow(row: Cell[] | undefined, header: Header): boolean {
  if (!row || header.name === undefined || isFootnoteRow(row)) return false;
  if (compact(cellText(row[header.name])) === "") return false;
  for (const c of header.fields.values()) if (isNumericCell(row[c])) return true;
  return header.seq !== undefined && isNumericCell(row[header.seq]);
}

/**
 * Where reading goes from row r: "end" when the table ends there (a 注 footnote, the next
 * header, or a blank row not followed by more rows of this table), else the row to read
 * (blank rows inside the table are skipped in one step, so runs of them stay linear).
 */
function step(grid: Grid, r: number, file: string, isTableRow: (row: Cell[] | undefined) => boolean): number | "end" {
  const row = grid.rows[r];
  if (isBlankRow(row)) {
    const next = nextNonBlank(grid.rows, r);
    return next >= 0 && isTableRow(grid.rows[next]) ? next : "end";
  }
  if (isFootnoteRow(row)) return "end";
  if (isLabelRow(row) && detectHeader(grid, r, file) !== null) return "end";
  return r;
}

type Tracker = { marked: boolean; max: number; example?: { where: Where; text: string; value: number } };

function readAnnexRows(
  grid: Grid,
  header: Header,
  tableKind: UnitKind | null,
  state: ReadState,
  formulas: FormulaTally,
): number {
  const { file } = state;
  const sheet = grid.sheet;
  const headerWhere: Where = { file, sheet, row: header.bottom + 1 };
  const multiRow = header.bottom > header.top;
  for (const field of ANNEX_FIELDS) {
    if (header.fields.has(field) || header.ambiguousFields.has(field)) continue;
    state.problems.push(
      error({
        code: "MISSING_COLUMN",
        where: headerWhere,
        expected: expectedLabel(field, tableKind, multiRow),
        found: foundColumns(header),
      }),
    );
  }
  const fieldCols = [...header.fields];
  const extraCols = [...header.extras];
  const rates = new Map<number, Tracker>();
  const nameCol = header.name!;
  const columns: ParsedUnit["columns"] = {};
  for (const [field, c] of [...fieldCols, ...extraCols]) if (header.refs[c]) columns[field] = header.refs[c];
  let units = 0;
  let r = header.bottom + 1;
  const rows = grid.rows;
  const isUnitRow = (row: Cell[] | undefined) => looksLikeUnitRow(row, header);
  for (; r < rows.length; r++) {
    const next = step(grid, r, file, isUnitRow);
    if (next === "end") break;
    r = next;
    const cells = rows[r]!;
    const rowNumber = r + 1;
    const at = (c: number): Where => ({ file, sheet, row: rowNumber, column: header.refs[c] });
    const rawName = cellText(cells[nameCol]);
    const name = cleanUnitName(rawName);
    if (name !== "" && isTotalName(name)) continue;

    // Figures first: a row without a name but with figures is an error, without either is nothing.
    const values: Partial<Record<AnnexField, number>> = {};
    const rowProblems: AnnexValidationProblem[] = [];
    const blanks: number[] = [];
    let filled = 0;
    for (const [field, c] of fieldCols) {
      const spec = figureSpec(field, isRateField(field));
      const result = readFigure(cells[c], spec);
      noteFormula(formulas, result, at(c));
      if (result.kind === "blank") {
        blanks.push(c);
        continue;
      }
      filled++;
      if (result.kind === "error") {
        rowProblems.push(
          error({
            code: result.code,
            where: at(c),
            found: result.found,
            expected: result.expected,
            expectedEn: result.expectedEn,
          }),
        );
        continue;
      }
      values[field] = result.value;
      if (result.warning) {
        rowProblems.push(
          warning({
            code: result.warning.code,
            where: at(c),
            found: showFigure(result.value, spec),
            expected: result.warning.expected,
            expectedEn: result.warning.expectedEn,
          }),
        );
      }
      if (spec !== "count") {
        const tracker = rates.get(c) ?? { marked: false, max: 0 };
        tracker.marked ||= result.percentMarked;
        tracker.max = Math.max(tracker.max, Math.abs(result.value));
        if (!tracker.example && result.value !== 0 && Math.abs(result.value) < 1) {
          tracker.example = { where: at(c), text: cellText(cells[c]), value: result.value };
        }
        rates.set(c, tracker);
      }
    }
    const extras: Record<ExtraField, number | null> = { completedInclBatch: null, activeEvaluationRateReported: null };
    for (const [field, c] of extraCols) {
      const spec = figureSpec(field, field === "activeEvaluationRateReported");
      const result = readFigure(cells[c], spec);
      noteFormula(formulas, result, at(c));
      if (result.kind === "blank") continue;
      if (result.kind === "error") {
        rowProblems.push(
          error({
            code: result.code,
            where: at(c),
            found: result.found,
            expected: result.expected,
            expectedEn: result.expectedEn,
          }),
        );
        continue;
      }
      extras[field] = result.value;
      if (result.warning) {
        rowProblems.push(
          warning({
            code: result.warning.code,
            where: at(c),
            found: showFigure(result.value, spec),
            expected: result.warning.expected,
            expectedEn: result.warning.expectedEn,
          }),
        );
      }
    }

    if (name === "") {
      if (filled > 0) {
        state.problems.push(
          error({
            code: "MISSING_UNIT_NAME",
            where: at(nameCol),
            found: zhCN.import.found.blank,
            foundEn: en.import.found.blank,
            expected: fill(zhCN.import.expected.unitName),
            expectedEn: fill(en.import.expected.unitName),
          }),
        );
      }
      continue;
    }
    if (++state.dataRows > state.maxRows) {
      // Say how many there are: the rest of the table, counted without reading it.
      let total = state.dataRows;
      for (let i = r + 1; i < rows.length; i++) {
        const next = step(grid, i, file, isUnitRow);
        if (next === "end") break;
        i = next;
        if (isUnitRow(rows[i])) total++;
      }
      state.problems.push(
        error({
          code: "TOO_MANY_ROWS",
          where: { file, sheet, row: rowNumber },
          found: String(total),
          expected: String(state.maxRows),
        }),
      );
      state.aborted = true;
      break;
    }
    units++;
    // eslint-disable-next-line no-control-regex
    if (/[<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(rawName) || name.length > MAX_UNIT_NAME_LENGTH) {
      state.problems.push(
        error({
          code: "INVALID_UNIT_NAME",
          where: at(nameCol),
          found: rawName,
          expected: fill(zhCN.import.expected.unitName),
          expectedEn: fill(en.import.expected.unitName),
        }),
      );
      state.problems.push(...rowProblems);
      continue;
    }
    let kind = tableKind;
    let kindOk = true;
    if (header.kind !== undefined && !isBlankCell(cells[header.kind])) {
      const text = cellText(cells[header.kind]);
      const parsed = parseKind(text);
      if (parsed) kind = parsed;
      else {
        kindOk = false;
        rowProblems.push(
          error({
            code: "INVALID_UNIT_KIND",
            where: at(header.kind),
            found: text,
            expected: zhCN.import.expected.kind,
            expectedEn: en.import.expected.kind,
          }),
        );
      }
    }
    if (header.month !== undefined) readMonthCell(cells[header.month], at(header.month), state);

    const source: SourceRef = { file, ...(sheet === undefined ? {} : { sheet }), row: rowNumber };
    if (header.refs[nameCol]) source.column = header.refs[nameCol];
    if (filled === 0 && extraCols.every(([f]) => extras[f] === null)) {
      state.problems.push(warning({ code: "EMPTY_UNIT_ROW", where: { file, sheet, row: rowNumber }, found: name }));
      continue;
    }
    for (const c of blanks) {
      const field = fieldCols.find(([, col]) => col === c)![0];
      // A rate with no base (its base count is 0 in this row) may be empty: the dashboard's own CSV
      // export writes it so, with the reason in a column of its own. It is stored as the platform's
      // 0, which every reader shows as "—" (lib/indicators/rate-bases.ts).
      const base = RATE_BASES[field];
      if (base !== undefined && values[base] === 0) {
        values[field] = 0;
        continue;
      }
      const spec = figureSpec(field, isRateField(field));
      const expected = spec === "count" ? zhCN.import.expected.count : zhCN.import.expected.rate;
      const expectedEn = spec === "count" ? en.import.expected.count : en.import.expected.rate;
      rowProblems.push(
        error({
          code: "MISSING_VALUE",
          where: at(c),
          found: zhCN.import.found.blank,
          foundEn: en.import.found.blank,
          expected,
          expectedEn,
        }),
      );
    }
    state.problems.push(...rowProblems);
    const seqResult = header.seq === undefined ? null : parseNumericText(cellText(cells[header.seq]));
    const seq = seqResult && Number.isInteger(seqResult.value) ? seqResult.value : null;
    const complete =
      kindOk && !rowProblems.some((p) => p.severity === "error") && fieldCols.length === ANNEX_FIELDS.length;
    if (complete) {
      state.entries.push({
        unit: { name, kind, seq, values: values as Record<AnnexField, number>, ...extras, source, columns },
      });
    } else {
      state.entries.push({ rejected: { name, kind, source } });
    }
  }
  if (units === 0 && !state.aborted) {
    state.problems.push(
      error({
        code: "NO_DATA_ROWS",
        where: { file, sheet, row: header.bottom + 1 },
        found: zhCN.import.found.noRows,
        foundEn: en.import.found.noRows,
      }),
    );
  }
  for (const [c, tracker] of rates) {
    if (tracker.marked || tracker.max > 1 || !tracker.example) continue;
    const shown = `${tidy(tracker.example.value)}%`;
    state.problems.push(
      warning({
        code: "RATE_LOOKS_LIKE_FRACTION",
        where: { ...tracker.example.where, column: header.refs[c] },
        found: tracker.example.text,
        expected: shown,
      }),
    );
  }
  state.tables.push({
    ...(sheet === undefined ? {} : { sheet }),
    layout: "annex",
    headerRow: header.top + 1,
    rows: units,
  });
  return r;
}

function fill(template: string): string {
  return template.replace("{max}", String(MAX_UNIT_NAME_LENGTH));
}

function readMonthCell(cell: Cell, where: Where, state: ReadState): void {
  if (isBlankCell(cell) || cell === undefined || cell.kind === "merged") return;
  let month: string | null = null;
  if (cell.kind === "date") {
    month = `${cell.date.getUTCFullYear()}-${String(cell.date.getUTCMonth() + 1).padStart(2, "0")}`;
  } else if (cell.kind === "number" && Number.isInteger(cell.value)) {
    month = parseMonthText(String(cell.value));
  } else {
    month = parseMonthText(cell.text);
  }
  if (month) state.months.push({ month, where, text: cell.text });
  else {
    state.problems.push(
      error({
        code: "INVALID_MONTH",
        where,
        found: cell.text,
        expected: zhCN.import.expected.month,
        expectedEn: en.import.expected.month,
      }),
    );
  }
}

function readSummaryRows(grid: Grid, header: Header, state: ReadState, formulas: FormulaTally): number {
  const { file } = state;
  const sheet = grid.sheet;
  const rows = grid.rows;
  const scopeCols = [...header.scopes];
  const isFigureRow = (row: Cell[] | undefined) =>
    row !== undefined && !isFootnoteRow(row) && scopeCols.some(([, c]) => !isBlankCell(row[c]));
  let count = 0;
  let r = header.bottom + 1;
  for (; r < rows.length; r++) {
    const next = step(grid, r, file, isFigureRow);
    if (next === "end") break;
    r = next;
    const cells = rows[r]!;
    const rowNumber = r + 1;
    const at = (c: number): Where => ({ file, sheet, row: rowNumber, column: header.refs[c] });
    if (header.month !== undefined) readMonthCell(cells[header.month], at(header.month), state);
    const idText = header.fieldId === undefined ? "" : cellText(cells[header.fieldId]);
    const labelText = header.indicator === undefined ? "" : cellText(cells[header.indicator]);
    const field = (idText && resolveSummaryField(idText)) || (labelText && resolveSummaryField(labelText)) || null;
    const hasFigures = scopeCols.some(([, c]) => !isBlankCell(cells[c]));
    if (!field) {
      if (hasFigures) {
        const c = header.indicator ?? header.fieldId!;
        state.problems.push(
          error({
            code: "UNKNOWN_SUMMARY_FIELD",
            where: at(c),
            found: labelText || idText,
            expected: zhCN.import.expected.summaryField,
            expectedEn: en.import.expected.summaryField,
          }),
        );
      }
      continue;
    }
    const spec = figureSpec(field, !isSummaryCount(field));
    for (const [scope, c] of scopeCols) {
      const result = readFigure(cells[c], spec);
      noteFormula(formulas, result, at(c));
      if (result.kind === "blank") continue;
      if (result.kind === "error") {
        state.problems.push(
          error({
            code: result.code,
            where: at(c),
            found: result.found,
            expected: result.expected,
            expectedEn: result.expectedEn,
          }),
        );
        continue;
      }
      if (result.warning) {
        state.problems.push(
          warning({
            code: result.warning.code,
            where: at(c),
            found: showFigure(result.value, spec),
            expected: result.warning.expected,
            expectedEn: result.warning.expectedEn,
          }),
        );
      }
      state.summaries.push({ scope, field, value: result.value, where: { ...at(c), row: rowNumber } });
      count++;
    }
  }
  state.tables.push({
    ...(sheet === undefined ? {} : { sheet }),
    layout: "summary",
    headerRow: header.top + 1,
    rows: count,
  });
  return r;
}
