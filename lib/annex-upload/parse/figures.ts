// Reading one figure from one cell: counts (non-negative whole numbers) and percentages
// (85.16 means 85.16%). A percentage may come as a number formatted as a percentage (exceljs
// holds 0.8516 for a cell showing 85.16%, so the number format decides), as a plain number
// (85.16), or as text (`85.16%`, `85.16`, `0%`).

import { en } from "@/lib/i18n/en";
import { fill } from "@/lib/i18n/messages";
import { zhCN } from "@/lib/i18n/zh-CN";
import { parseNumericText, tidy } from "@/lib/spreadsheet/normalize";
import type { Cell } from "./grid";
import type { FigureSpec } from "./labels";
import { MAX_COUNT } from "./limits";
import type { AnnexProblemCode } from "./types";

export type FigureResult =
  | { kind: "blank" }
  | {
      kind: "value";
      value: number;
      /** The cell said "percent" itself (a % number format or a % sign): no 0–1 ambiguity. */
      percentMarked: boolean;
      formula?: string;
      /** A warning about an accepted value (a negative speed-up, an evaluation rate above 100%). */
      warning?: { code: AnnexProblemCode; expected: string; expectedEn: string };
    }
  | { kind: "error"; code: AnnexProblemCode; found: string; expected: string; expectedEn: string; formula?: string };

const zx = zhCN.import.expected;
const ex = en.import.expected;

export function expectedFor(spec: FigureSpec): { zh: string; en: string } {
  switch (spec) {
    case "count":
      return { zh: zx.count, en: ex.count };
    case "rate":
      return { zh: zx.rate, en: ex.rate };
    case "speedup":
      return { zh: zx.speedupRate, en: ex.speedupRate };
    case "evaluationRate":
      return { zh: zx.evaluationRate, en: ex.evaluationRate };
  }
}

function fail(code: AnnexProblemCode, found: string, spec: FigureSpec, formula?: string): FigureResult {
  const expected = expectedFor(spec);
  return {
    kind: "error",
    code,
    found,
    expected: expected.zh,
    expectedEn: expected.en,
    ...(formula ? { formula } : {}),
  };
}

/** Formats a figure as the user wrote it, for messages: "85.16%" for percentages. */
export function showFigure(value: number, spec: FigureSpec): string {
  return spec === "count" ? String(value) : `${tidy(value)}%`;
}

export function readFigure(cell: Cell, spec: FigureSpec): FigureResult {
  if (cell === undefined || cell.kind === "merged") return { kind: "blank" };
  if (cell.kind === "formula") {
    return {
      kind: "error",
      code: "FORMULA_WITHOUT_VALUE",
      found: cell.text,
      expected: zx.value,
      expectedEn: ex.value,
      formula: cell.formula,
    };
  }
  const formula = cell.formula;
  let value: number;
  let percentMarked = false;
  if (cell.kind === "number") {
    percentMarked = cell.percent;
    value = spec !== "count" && cell.percent ? tidy(cell.value * 100) : cell.value;
  } else if (cell.kind === "text") {
    if (cell.text.trim() === "") return { kind: "blank" };
    const parsed = parseNumericText(cell.text);
    if (parsed === null || (spec === "count" && parsed.percent)) return fail("NOT_A_NUMBER", cell.text, spec, formula);
    value = parsed.value;
    percentMarked = parsed.percent;
  } else {
    return fail("NOT_A_NUMBER", cell.text, spec, formula);
  }
  const found = cell.text;
  const withFormula = formula ? { formula } : {};
  switch (spec) {
    case "count":
      if (!Number.isInteger(value)) return fail("NOT_AN_INTEGER", found, spec, formula);
      if (value < 0) return fail("NEGATIVE_COUNT", found, spec, formula);
      // The database holds counts as 32-bit integers: a bigger figure is this cell's error.
      if (value > MAX_COUNT) {
        return {
          kind: "error",
          code: "COUNT_TOO_LARGE",
          found,
          expected: fill(zhCN.uploadLimits.count, { max: MAX_COUNT }),
          expectedEn: fill(en.uploadLimits.count, { max: MAX_COUNT }),
          ...withFormula,
        };
      }
      return { kind: "value", value, percentMarked, ...withFormula };
    case "rate":
      if (value < 0 || value > 100) return fail("RATE_OUT_OF_RANGE", found, spec, formula);
      return { kind: "value", value, percentMarked, ...withFormula };
    case "speedup":
      if (value > 100) return fail("RATE_OUT_OF_RANGE", found, spec, formula);
      if (value < 0) {
        return {
          kind: "value",
          value,
          percentMarked,
          ...withFormula,
          warning: { code: "NEGATIVE_SPEEDUP", expected: zx.nonNegative, expectedEn: ex.nonNegative },
        };
      }
      return { kind: "value", value, percentMarked, ...withFormula };
    case "evaluationRate":
      if (value < 0) return fail("RATE_OUT_OF_RANGE", found, spec, formula);
      if (value > 100) {
        return {
          kind: "value",
          value,
          percentMarked,
          ...withFormula,
          warning: { code: "EVALUATION_RATE_ABOVE_100", expected: zx.atMost100, expectedEn: ex.atMost100 },
        };
      }
      return { kind: "value", value, percentMarked, ...withFormula };
  }
}
