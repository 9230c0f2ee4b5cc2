// Route parameters (the [month], [kind], [code], [id] segments and ?n=) checked against the set
// of values they may take BEFORE anything uses them: an unknown value is a 404 with a Chinese
// message, never a 500 (an id beyond PostgreSQL's integer, a month that is no month) nor an
// empty 200. Lookups are Maps or anchored patterns: a parameter named `constructor`,
// `toString` or `__proto__` cannot hit an object's prototype.

import { isMonth } from "@/lib/calendar/month";
import { fill, getMessages, type Messages } from "@/lib/i18n/messages";

export type AnnexKindParam = "departments" | "districts";

/** The annex tables by their URL name: 附件1 lists the departments, 附件2 the districts. */
export const ANNEX_KINDS: ReadonlyMap<string, { name: AnnexKindParam; unitKind: "DEPARTMENT" | "DISTRICT" }> = new Map([
  ["departments", { name: "departments", unitKind: "DEPARTMENT" }],
  ["districts", { name: "districts", unitKind: "DISTRICT" }],
] as const);

export function annexKindParam(value: string) {
  return ANNEX_KINDS.get(value) ?? null;
}

/** "YYYY-MM"; whether the month has data is the caller's next question. */
export function monthParam(value: string): string | null {
  return isMonth(value) ? value : null;
}

/** A unit code's shape ("d08", "x04"); the directory lookup follows. */
export function unitCodeParam(value: string): string | null {
  return /^[a-z]\d{1,4}$/.test(value) ? value : null;
}

const MAX_INT4 = 2_147_483_647;

/** A database id: digits only (no "1e3", "0x10", " 5"), within PostgreSQL's integer. */
export function idParam(value: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_INT4 ? id : null;
}

/** An upload file's 0-based position (?n=); absent means the first file. */
export function fileNumberParam(value: string | null): number | null {
  if (value === null) return 0;
  return /^(0|[1-9]\d{0,2})$/.test(value) ? Number(value) : null;
}

/**
 * A non-negative integer written as canonical decimal ("0", "17"; not "", "1e0", "0x0", "01",
 * "+1", " 1", "1.0"), at most `max`: Number() takes all of those, so a query parameter read with
 * it names one value in many spellings.
 */
export function decimalParam(value: string | null, max = Number.MAX_SAFE_INTEGER): number | null {
  if (value === null || !/^(0|[1-9]\d{0,15})$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

export type RouteParamName = keyof Messages["routeParams"];

/** A route segment's check (withGuard, lib/http/with-guard.ts): its value, or null for a 404 naming it. */
export type ParamSpec<T> = { parse: (raw: string) => T | null | Promise<T | null>; notFound: RouteParamName };

export const MONTH_PARAM: ParamSpec<string> = { parse: monthParam, notFound: "month" };
export const ANNEX_KIND_PARAM: ParamSpec<NonNullable<ReturnType<typeof annexKindParam>>> = {
  parse: annexKindParam,
  notFound: "kind",
};
/** An upload's id, annex or case upload alike ([id]). */
export const UPLOAD_ID_PARAM: ParamSpec<number> = { parse: idParam, notFound: "upload" };

/** 404 naming the parameter and the value that was not found (JSON, for route handlers). */
export function paramNotFound(param: RouteParamName, value: string): Response {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return Response.json({ error: fill(getMessages().routeParams[param], { value: shown }) }, { status: 404 });
}
