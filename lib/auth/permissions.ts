// Who may do what: the one permission table (roles → actions) and the rules
// that scope a DEPARTMENT user to its own unit. Pages (through proxy.ts),
// route handlers, exports and server actions all decide with these functions.
//
// The product decision for DEPARTMENT users (a municipal department or a
// county): they read the city-level totals, and their own unit in full — its
// rows, its 13-month history, its rank among its peers. Of other units they
// see nothing: not their rows, not their pages, not their exports. Ranks are
// shown as numbers ("第 3 / 41 名") without naming the units around them.
export const ROLES = ["ADMIN", "OFFICIAL", "DEPARTMENT"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  /** City-wide totals and trends (全市总体情况). */
  "report.viewCity",
  /** Every unit's rows: the annex tables of 市本级 and 县, any unit's page. */
  "report.viewAllUnits",
  /** One's own unit: its page, history and rank. */
  "report.viewOwnUnit",
  /** Downloads of what one may view (CSV, XLSX, the bulletin). */
  "report.export",
  /** Upload, validate, publish and roll back a month's data. */
  "data.manage",
  /** Create users, assign roles and units, reset passwords, deactivate. */
  "users.manage",
  /** Read the audit log. */
  "audit.view",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  ADMIN: ["report.viewCity", "report.viewAllUnits", "report.viewOwnUnit", "report.export", "data.manage", "users.manage", "audit.view"],
  OFFICIAL: ["report.viewCity", "report.viewAllUnits", "report.export"],
  DEPARTMENT: ["report.viewCity", "report.viewOwnUnit", "report.export"],
};

/** What the permission checks need to know of the viewer. */
export type Viewer = { userId: number; role: Role; unitCode: string | null };

export function can(viewer: Viewer | null, action: Action): boolean {
  return viewer !== null && PERMISSIONS[viewer.role].includes(action);
}

/** May the viewer see this unit's rows, page, history and exports? */
export function canViewUnit(viewer: Viewer | null, unitCode: string): boolean {
  if (!viewer) return false;
  if (can(viewer, "report.viewAllUnits")) return true;
  return can(viewer, "report.viewOwnUnit") && viewer.unitCode !== null && viewer.unitCode === unitCode;
}

export type PathDecision = "allow" | "signIn" | "forbidden";

const PUBLIC_PATHS = [/^\/signin(\/|$)/, /^\/api\/auth(\/|$)/, /^\/_next\//, /^\/favicon\.ico$/, /^\/robots\.txt$/];
const MONTH = "\\d{4}-\\d{2}";

/**
 * The access rule for a page URL, decided before anything renders (proxy.ts):
 * month pages are prerendered once for every audience, so they may only be
 * served to viewers allowed to see everything on them.
 */
export function authorizePath(viewer: Viewer | null, pathname: string): PathDecision {
  if (PUBLIC_PATHS.some((p) => p.test(pathname))) return "allow";
  // Route handlers answer for themselves (401/403 as JSON, lib/auth/guard.ts), with this same table.
  if (/^\/api\//.test(pathname)) return "allow";
  if (!viewer) return "signIn";
  const decide = (allowed: boolean): PathDecision => (allowed ? "allow" : "forbidden");

  if (pathname === "/") return "allow";
  if (new RegExp(`^/${MONTH}/?$`).test(pathname)) return decide(can(viewer, "report.viewCity"));
  // Views naming every unit: the annex pages, 好差评, 办件超时, 存在的问题, and the bulletin.
  if (new RegExp(`^/${MONTH}/(municipal|districts|evaluations|timeliness|problems)/?$`).test(pathname)) {
    return decide(can(viewer, "report.viewAllUnits"));
  }
  if (/^\/reports(\/|$)/.test(pathname)) return decide(can(viewer, "report.viewAllUnits"));
  const unit = new RegExp(`^/${MONTH}/units/([^/]+)/?$`).exec(pathname);
  if (unit) return decide(canViewUnit(viewer, decodeURIComponent(unit[1]!)));
  if (/^\/admin\/users(\/|$)/.test(pathname)) return decide(can(viewer, "users.manage"));
  if (/^\/admin(\/|$)/.test(pathname)) return decide(can(viewer, "data.manage"));
  // Anything else (an unknown path) renders the not-found page, which holds no data.
  return "allow";
}
