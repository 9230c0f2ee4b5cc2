// The figure a task holds: what the bulletin printed for the unit, as digits only (the page
// puts the words around it in its own language).
import type { Problem, ProblemUnit } from "@/lib/indicators/problems";

const rate = (value: number | null | undefined) => (value == null ? "—" : `${value.toFixed(2)}%`);
const count = (value: number | null | undefined) => (value == null ? "—" : String(value));

export function unitFigure(problem: Problem, unit: ProblemUnit): { text: string; value: number | null } {
  switch (problem.kind) {
    case "lowCoverage":
      return { text: rate(unit.value), value: unit.value };
    case "evaluationRateDrop":
      return { text: `${rate(unit.previous)} → ${rate(unit.value)}`, value: unit.value };
    case "overdue":
      return { text: count(unit.value), value: unit.value };
    case "noCases":
      return { text: "0", value: 0 };
    case "missingData":
      return { text: "—", value: null };
    case "lowCatalogClaim":
      return { text: rate(unit.value), value: unit.value };
  }
}

/** The city's figure, for the administration's own task. */
export function cityFigure(problem: Problem): { text: string; value: number | null } {
  const value = problem.city?.value ?? null;
  if (problem.kind === "overdue") return { text: count(value), value };
  // A fall is written as a unit's is: last month's rate → this month's (93.94% alone said no fall).
  const change = problem.kind === "evaluationRateDrop" ? problem.city?.change : null;
  if (change) return { text: `${rate(change.previous)} → ${rate(value)}`, value };
  return { text: rate(value), value };
}
