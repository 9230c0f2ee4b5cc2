// The annex table's sort and filters as URL query parameters, so a link reproduces the
// view: ?sort=coverageRate&dir=asc&below=50&nocases=1&overdue=1. Pages stay static: the
// browser reads these after the page loads.
import { ANNEX_FIELDS, type AnnexField } from "@/lib/indicators/types";

export type AnnexSort = { field: AnnexField | "seq"; direction: "asc" | "desc" };
export type AnnexFilters = { coverageBelow: number | null; noCases: boolean; overdue: boolean };
export type AnnexViewState = { sort: AnnexSort; filters: AnnexFilters };

export const DEFAULT_VIEW: AnnexViewState = {
  sort: { field: "seq", direction: "asc" },
  filters: { coverageBelow: null, noCases: false, overdue: false },
};

export function readViewState(search: string): AnnexViewState {
  const params = new URLSearchParams(search);
  const field = params.get("sort");
  const sortField = field && (ANNEX_FIELDS as readonly string[]).includes(field) ? (field as AnnexField) : "seq";
  const direction =
    params.get("dir") === "desc" ? "desc" : params.get("dir") === "asc" ? "asc" : sortField === "seq" ? "asc" : "desc";
  const below = Number(params.get("below"));
  return {
    sort: { field: sortField, direction },
    filters: {
      coverageBelow: params.has("below") && Number.isFinite(below) && below > 0 ? below : null,
      noCases: params.get("nocases") === "1",
      overdue: params.get("overdue") === "1",
    },
  };
}

/** The query string for a view (empty for the report's own order, unfiltered); keeps unrelated parameters. */
export function writeViewState(search: string, view: AnnexViewState): string {
  const params = new URLSearchParams(search);
  for (const key of ["sort", "dir", "below", "nocases", "overdue"]) params.delete(key);
  if (view.sort.field !== "seq" || view.sort.direction !== "asc") {
    params.set("sort", view.sort.field);
    params.set("dir", view.sort.direction);
  }
  if (view.filters.coverageBelow !== null) params.set("below", String(view.filters.coverageBelow));
  if (view.filters.noCases) params.set("nocases", "1");
  if (view.filters.overdue) params.set("overdue", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

type FilterableRow = {
  coverageRate: number;
  noCases: boolean;
  overdueCompleted: number;
  promisedOverdueCompleted: number;
  onlinePromisedOverdueCompleted: number;
};

/** Rows passing every filter that is on. "Has overdue cases" is the 存在的问题 rule's test. */
export function passesFilters(row: FilterableRow, filters: AnnexFilters): boolean {
  if (filters.coverageBelow !== null && !(row.coverageRate < filters.coverageBelow)) return false;
  if (filters.noCases && !row.noCases) return false;
  if (
    filters.overdue &&
    !(row.overdueCompleted > 0 || row.promisedOverdueCompleted > 0 || row.onlinePromisedOverdueCompleted > 0)
  )
    return false;
  return true;
}
