// validateUpload: a parsed upload against what the product knows — the unit directory, the
// month chosen, last month's rows, and the bulletin's stated totals. It adds errors (unknown
// or repeated units, the wrong month) and warnings (shown; publishing is allowed once they
// are acknowledged), and maps each parsed unit to its unit code, ready for a publish.
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import {
  ANNEX_FIELDS,
  type AnnexField,
  COUNT_FIELDS,
  emptyReportedSummary,
  RATE_FIELDS,
  type ReportedSummaryField,
  reconcile,
  rowActiveEvaluationRate,
  type StatRow,
  type SummaryScope,
  type UnitKind,
} from "@/lib/indicators";
import type { StatInput, SummaryInput } from "@/lib/month-versions";
import { editDistance, tidy, unitNameKey } from "@/lib/spreadsheet/normalize";
import { hasErrors } from "@/lib/validation";
import { summaryFieldLabel } from "./labels";
import type { AnnexValidationProblem, ParsedUnit, ParseResult, SourceRef } from "./types";
import { looksLikeAbbreviation, unitByAbbreviation } from "./unit-abbreviations";
import { error, info, type Where, warning } from "./validation-problems";

export type KnownUnit = { code: string; name: string; kind: UnitKind /** 序号 in the report. */; seq?: number };

/**
 * When a month-over-month change is worth a second look. Counts: one value more than
 * `countFactor` times the other, when the larger is at least `countMinimum` (3 → 300 is news,
 * 0 → 2 is not). Rates: a change of more than `ratePoints` percentage points, for units with at
 * least `rateMinimumCompleted` completions in both months (a unit with 1 case swings 0 ↔ 100%).
 */
export type Thresholds = {
  countFactor: number;
  countMinimum: number;
  ratePoints: number;
  rateMinimumCompleted: number;
};
export const DEFAULT_THRESHOLDS: Thresholds = {
  countFactor: 3,
  countMinimum: 100,
  ratePoints: 30,
  rateMinimumCompleted: 100,
};

export type ValidateOptions = {
  knownUnits: readonly KnownUnit[];
  /** The current version's rows of the month before, when there is one. */
  previousMonthRows?: readonly StatRow[];
  expectedMonth: string;
  thresholds?: Partial<Thresholds>;
};

export type ResolvedUnit = ParsedUnit & {
  code: string;
  knownName: string;
  knownKind: UnitKind;
  knownSeq: number | null;
};

export type ValidationResult = {
  month: string | null;
  /** The parse's problems and validation's, errors and warnings together. */
  problems: AnnexValidationProblem[];
  errorCount: number;
  /** Warnings only: what publishing needs acknowledged (information needs nothing). */
  warningCount: number;
  infoCount: number;
  /** No errors: publishing is allowed (after the warnings are acknowledged). */
  canPublish: boolean;
  /** Every complete parsed unit that matched a known unit, in file order. */
  units: ResolvedUnit[];
  /** The same as StatRows (known names, kinds and 序号), for lib/indicators. */
  rows: StatRow[];
  summaries: SummaryInput[];
};

/** Up to `limit` known units closest to `name`: containment first, then edit distance. */
export function suggestUnits(name: string, known: readonly KnownUnit[], limit = 3): KnownUnit[] {
  const key = unitNameKey(name);
  if (key === "") return [];
  const scored: Array<{ unit: KnownUnit; score: number }> = [];
  // A usual abbreviation (市人社局) names its unit outright.
  const abbreviated = unitByAbbreviation(name, known);
  if (abbreviated) scored.push({ unit: abbreviated, score: -1 });
  for (const unit of known) {
    if (unit === abbreviated) continue;
    const other = unitNameKey(unit.name);
    const contained = other.includes(key) || key.includes(other);
    // Its characters in order within the full name: an abbreviation of it (市住建局, 公积金中心).
    const abbreviation = !contained && looksLikeAbbreviation(key, other);
    const distance = editDistance(key, other);
    const maxDistance = Math.max(2, Math.ceil(Math.max(Array.from(key).length, Array.from(other).length) / 2));
    if (!contained && !abbreviation && distance > maxDistance) continue;
    scored.push({ unit, score: (contained ? 0 : abbreviation ? 50 : 100) + distance });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.unit.name.localeCompare(b.unit.name, "zh-CN"))
    .slice(0, limit)
    .map((s) => s.unit);
}

function describe(source: SourceRef): { zh: string; en: string } {
  const sheet = source.sheet === undefined ? "" : `工作表“${source.sheet}”`;
  const sheetEn = source.sheet === undefined ? "" : `sheet "${source.sheet}", `;
  return {
    zh: `文件“${source.file}”${sheet}第${source.row}行`,
    en: `file "${source.file}", ${sheetEn}row ${source.row}`,
  };
}

const pct = (value: number) => `${tidy(Math.round(value * 100) / 100)}%`;

export function validateUpload(parsed: ParseResult, options: ValidateOptions): ValidationResult {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const problems = [...parsed.problems];
  const firstFile = parsed.files[0]?.file ?? "";

  if (
    parsed.month !== null &&
    parsed.month !== options.expectedMonth &&
    !problems.some((p) => p.code === "MONTH_MISMATCH")
  ) {
    const [fy, fm] = parsed.month.split("-");
    const [ey, em] = options.expectedMonth.split("-");
    problems.push(
      error({
        code: "MONTH_MISMATCH",
        where: { file: firstFile },
        found: `${fy}年${Number(fm)}月`,
        foundEn: parsed.month,
        expected: `${ey}年${Number(em)}月`,
        expectedEn: options.expectedMonth,
      }),
    );
  }

  // Names → units.
  const byName = new Map<string, KnownUnit>();
  for (const unit of options.knownUnits) byName.set(unitNameKey(unit.name), unit);
  const codeSeen = new Map<string, SourceRef>();
  const resolve = (name: string, kind: UnitKind | null, source: SourceRef): KnownUnit | null => {
    const where: Where = source;
    const known = byName.get(unitNameKey(name));
    if (!known) {
      const suggestions = suggestUnits(name, options.knownUnits);
      const names = suggestions.map((u) => u.name);
      problems.push(
        error({
          code: "UNKNOWN_UNIT",
          where,
          found: name,
          expected: names.length
            ? zhCN.import.expected.suggestions.replace("{names}", names.join("、"))
            : zhCN.import.expected.noSuggestion,
          expectedEn: names.length
            ? en.import.expected.suggestions.replace("{names}", names.join(", "))
            : en.import.expected.noSuggestion,
        }),
      );
      return null;
    }
    const first = codeSeen.get(known.code);
    if (first) {
      const d = describe(first);
      problems.push(error({ code: "DUPLICATE_UNIT", where, found: name, expected: d.zh, expectedEn: d.en }));
      return null;
    }
    codeSeen.set(known.code, source);
    if (kind !== null && kind !== known.kind) {
      problems.push(
        warning({
          code: "UNIT_KIND_MISMATCH",
          where,
          found: name,
          expected: zhCN.import.kinds[known.kind],
          expectedEn: en.import.kinds[known.kind],
          extra: { other: zhCN.import.kinds[kind] },
          extraEn: { other: en.import.kinds[kind] },
        }),
      );
    }
    return known;
  };

  // Rows with errors are checked for their names too (one upload shows everything wrong).
  const ordered: Array<{ unit?: ParsedUnit; name: string; kind: UnitKind | null; source: SourceRef }> = [
    ...parsed.units.map((u) => ({ unit: u, name: u.name, kind: u.kind, source: u.source })),
    ...parsed.rejectedRows.map((r) => ({ name: r.name, kind: r.kind, source: r.source })),
  ].sort((a, b) => order(a.source, b.source, parsed));
  const units: ResolvedUnit[] = [];
  for (const entry of ordered) {
    const known = resolve(entry.name, entry.kind, entry.source);
    if (known && entry.unit) {
      units.push({
        ...entry.unit,
        code: known.code,
        knownName: known.name,
        knownKind: known.kind,
        knownSeq: known.seq ?? null,
      });
    }
  }

  const rows = units.map(toStatRow);
  const previous = new Map((options.previousMonthRows ?? []).map((r) => [r.unitCode, r]));
  units.forEach((unit, i) => {
    checkRow(unit, rows[i]!, problems);
    const before = previous.get(unit.code);
    if (before) checkChange(unit, before, thresholds, problems);
  });

  // Units of last month missing now.
  const present = new Set(codeSeen.keys());
  for (const row of options.previousMonthRows ?? []) {
    if (present.has(row.unitCode)) continue;
    problems.push(warning({ code: "MISSING_PREVIOUS_UNIT", where: { file: firstFile }, found: row.unitName }));
  }

  // Stated totals against the rows.
  const summaries: SummaryInput[] = [];
  for (const [scope, figures] of Object.entries(parsed.summary ?? {}) as Array<
    [SummaryScope, Partial<Record<ReportedSummaryField, number>>]
  >) {
    summaries.push({ scope, ...figures });
    const scopeRows =
      scope === "CITY" ? rows : rows.filter((r) => r.kind === (scope === "MUNICIPAL" ? "DEPARTMENT" : "DISTRICT"));
    const complete =
      scope === "CITY"
        ? rows.some((r) => r.kind === "DEPARTMENT") && rows.some((r) => r.kind === "DISTRICT")
        : scopeRows.length > 0;
    if (!complete) continue;
    const stated = { ...emptyReportedSummary(scope), ...figures };
    for (const d of reconcile(stated, scopeRows)) {
      const source = parsed.summarySources?.[scope]?.[d.field] ?? { file: firstFile };
      const show = (v: number) => (d.kind === "rate" ? pct(v) : String(v));
      const label = summaryFieldLabel(d.field);
      problems.push(
        warning({
          code: "TOTAL_MISMATCH",
          where: source,
          found: show(d.reported),
          expected: show(d.computed),
          extra: {
            scope: zhCN.import.scopes[scope],
            field: label,
            difference: d.kind === "rate" ? `${d.difference} 个百分点` : String(d.difference),
          },
          extraEn: {
            scope: en.import.scopes[scope],
            field: d.field,
            difference: d.kind === "rate" ? `${d.difference} pp` : String(d.difference),
          },
        }),
      );
    }
  }

  const errorCount = problems.filter((p) => p.severity === "error").length;
  return {
    month: parsed.month,
    problems,
    errorCount,
    warningCount: problems.filter((p) => p.severity === "warning").length,
    infoCount: problems.filter((p) => p.severity === "info").length,
    canPublish: !hasErrors(problems) && parsed.month !== null && units.length > 0,
    units,
    rows,
    summaries,
  };
}

/** File order, then sheet order of appearance, then row. */
function order(a: SourceRef, b: SourceRef, parsed: ParseResult): number {
  const files = parsed.files.map((f) => f.file);
  const fa = files.indexOf(a.file);
  const fb = files.indexOf(b.file);
  if (fa !== fb) return fa - fb;
  if (a.sheet !== b.sheet) {
    const sheets = parsed.files[fa]?.tables.map((t) => t.sheet) ?? [];
    return sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet);
  }
  return a.row - b.row;
}

function toStatRow(unit: ResolvedUnit, index: number): StatRow {
  const row = {
    unitCode: unit.code,
    unitName: unit.knownName,
    kind: unit.knownKind,
    seq: unit.knownSeq ?? unit.seq ?? index + 1,
    completedInclBatch: unit.completedInclBatch,
    activeEvaluationRateReported: unit.activeEvaluationRateReported,
  } as StatRow;
  for (const field of ANNEX_FIELDS) row[field] = unit.values[field];
  return row;
}

function at(unit: ParsedUnit, field: AnnexField): Where {
  const column = unit.columns[field];
  return { ...unit.source, ...(column ? { column } : {}) };
}

function checkRow(unit: ResolvedUnit, row: StatRow, problems: AnnexValidationProblem[]) {
  const v = unit.values;
  if (v.completed > v.accepted) {
    // Normal in real data (cases accepted last month finish this month; 2021-06 has such rows): information only.
    problems.push(
      info({
        code: "COMPLETED_EXCEEDS_ACCEPTED",
        where: at(unit, "completed"),
        found: String(v.completed),
        expected: String(v.accepted),
      }),
    );
  }
  // The reported rate was checked when read; otherwise the rate over what the row gives.
  if (row.activeEvaluationRateReported === null) {
    const rate = rowActiveEvaluationRate(row).value;
    if (rate !== null && rate > 100) {
      problems.push(
        warning({
          code: "EVALUATION_RATE_ABOVE_100",
          where: at(unit, "activeEvaluations"),
          found: pct(rate),
          expected: zhCN.import.expected.atMost100,
          expectedEn: en.import.expected.atMost100,
        }),
      );
    }
  }
}

function checkChange(unit: ResolvedUnit, before: StatRow, t: Thresholds, problems: AnnexValidationProblem[]) {
  for (const field of COUNT_FIELDS) {
    const now = unit.values[field];
    const then = before[field];
    if (Math.max(now, then) < t.countMinimum) continue;
    if (now > then * t.countFactor || then > now * t.countFactor) {
      problems.push(
        warning({
          code: "MONTH_OVER_MONTH_JUMP",
          where: at(unit, field),
          found: String(now),
          expected: String(then),
          extra: { field: zhCN.fields[field], threshold: `${t.countFactor} 倍` },
          extraEn: { field, threshold: `${t.countFactor}×` },
        }),
      );
    }
  }
  if (Math.min(unit.values.completed, before.completed) < t.rateMinimumCompleted) return;
  for (const field of RATE_FIELDS) {
    const now = unit.values[field];
    const then = before[field];
    if (Math.abs(now - then) > t.ratePoints) {
      problems.push(
        warning({
          code: "MONTH_OVER_MONTH_JUMP",
          where: at(unit, field),
          found: pct(now),
          expected: pct(then),
          extra: { field: zhCN.fields[field], threshold: `${t.ratePoints} 个百分点` },
          extraEn: { field, threshold: `${t.ratePoints} pp` },
        }),
      );
    }
  }
}

/** The resolved rows as a publish takes them (createMonthVersion), given the units' database ids. */
export function toStatInputs(units: readonly ResolvedUnit[], unitIdByCode: ReadonlyMap<string, number>): StatInput[] {
  return units.map((unit, i) => {
    const unitId = unitIdByCode.get(unit.code);
    if (unitId === undefined) throw new Error(`no unit id for ${unit.code} (${unit.knownName})`);
    const stat = {
      unitId,
      seq: unit.knownSeq ?? unit.seq ?? i + 1,
      completedInclBatch: unit.completedInclBatch,
      activeEvaluationRateReported: unit.activeEvaluationRateReported,
    } as StatInput;
    for (const field of ANNEX_FIELDS) stat[field] = unit.values[field];
    return stat;
  });
}
