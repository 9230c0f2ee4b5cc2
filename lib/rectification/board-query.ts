// The board's filters and order in the URL (?month=2021-06&status=OPEN&problem=lowCoverage&unit=d08
// &kind=PROBLEM&overdue=1&sort=due): each value checked against what it may be; anything else is
// ignored (the board shows more, never an error).
import { isMonth } from "@/lib/calendar/month";
import { PROBLEM_KINDS } from "@/lib/indicators/problems";
import { BOARD_SORTS, type BoardQuery, TASK_STATUSES } from "./read-tasks";

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export function readBoardQuery(params: Params): BoardQuery {
  const month = first(params.month);
  const status = first(params.status);
  const problem = first(params.problem);
  const unit = first(params.unit);
  const kind = first(params.kind);
  const sort = first(params.sort);
  return {
    month: isMonth(month) ? month : null,
    status: (TASK_STATUSES as readonly string[]).includes(status) ? (status as BoardQuery["status"]) : null,
    problemKind: (PROBLEM_KINDS as readonly string[]).includes(problem) ? problem : null,
    unitCode: /^[a-z]\d{1,4}$/.test(unit) ? unit : null,
    kind: kind === "PROBLEM" || kind === "RED_CARD" ? kind : null,
    overdueOnly: first(params.overdue) === "1",
    sort: (BOARD_SORTS as readonly string[]).includes(sort) ? (sort as BoardQuery["sort"]) : "unit",
  };
}

/** The query string of a board query (the export link carries the page's filters). */
export function boardQueryString(query: BoardQuery): string {
  const out = new URLSearchParams();
  if (query.month) out.set("month", query.month);
  if (query.status) out.set("status", query.status);
  if (query.problemKind) out.set("problem", query.problemKind);
  if (query.unitCode) out.set("unit", query.unitCode);
  if (query.kind) out.set("kind", query.kind);
  if (query.overdueOnly) out.set("overdue", "1");
  if (query.sort && query.sort !== "unit") out.set("sort", query.sort);
  const text = out.toString();
  return text ? `?${text}` : "";
}
