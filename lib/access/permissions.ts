// Who may do what: the one permission table (roles → actions) and the rules
// that scope a DEPARTMENT user to its own unit. Pages (through proxy.ts),
// route handlers, exports and server actions all decide with these functions.
//
// The product decision for DEPARTMENT users (a municipal department or a
// county): they read the city-level totals, and their own unit in full — its
// rows, its 13-month history, its rank among its peers. Of other units they
// see nothing: not their rows, not their pages, not their exports. Ranks are
// shown as numbers ("第 3 / 41 名") without naming the units around them.
// The one exception is the bulletin itself, which is sent on paper to every
// department with every row in it: they may read it (and its downloads) while
// the admin's access setting `departmentsReadBulletin` is on (the default).
import { readRequestPath } from "@/lib/access/request-path";

// Three administrators (三员分立, issue 22; docs/access.md): the system administrator runs the
// product (users, units, settings, uploads, publishing, issuing), the security administrator its
// access rules and locks, the audit administrator reads and exports the audit trail. None of them
// can both act and erase the trace: nobody can erase it (the table is append-only in the
// database), and the one who reads it changes nothing.
export const ROLES = ["SYSTEM_ADMIN", "OFFICIAL", "DEPARTMENT", "SECURITY_ADMIN", "AUDITOR"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles the system administrator may give and whose accounts they may change in the browser.
 * The security and audit administrators are created with `npm run user:create` (by the
 * installation's operator): a system administrator who could make or reset an auditor's account
 * could read, as that auditor, the trail of their own acts.
 */
export const BROWSER_MANAGED_ROLES = ["SYSTEM_ADMIN", "OFFICIAL", "DEPARTMENT"] as const satisfies readonly Role[];
export function isBrowserManagedRole(role: string): boolean {
  return (BROWSER_MANAGED_ROLES as readonly string[]).includes(role);
}

export const ACTIONS = [
  /** City-wide totals and trends (全市总体情况). */
  "report.viewCity",
  /** Every unit's rows: the annex tables of 市本级 and 县, any unit's page. */
  "report.viewAllUnits",
  /** One's own unit: its page, history and rank. */
  "report.viewOwnUnit",
  /**
   * The month's bulletin (通报) as distributed on paper: every row of both
   * annexes. Given to DEPARTMENT users only while the admin's access setting
   * `departmentsReadBulletin` is on (canReadBulletin).
   */
  "report.viewBulletin",
  /** Downloads of what one may view (CSV, XLSX, the bulletin). */
  "report.export",
  /** Upload, validate, publish and roll back a month's data. */
  "data.manage",
  /** Issue (印发) a month's bulletin: an immutable edition; reissue with a correction note. */
  "report.issue",
  /** Create users, assign roles and units, reset passwords, deactivate. */
  "users.manage",
  /** Read and export the audit trail, and see the state of its chain (the audit administrator only). */
  "audit.view",
  /**
   * The yellow and red cards (预警, issue 20): a DEPARTMENT user its own unit's, viewers with
   * report.viewAllUnits every unit's (the board and the wall display: canViewAllCards).
   */
  "supervision.view",
  /** The access rules, account locks (and, later, password and session policy): the security administrator. */
  "security.manage",
  /** 整改: see tasks (a DEPARTMENT its own unit's only, lib/rectification/access.ts). */
  "rectification.view",
  /**
   * 整改: answer (回告) a task with its measures and evidence: one's own unit's tasks
   * (lib/rectification/access.ts adds the unit); the gate of the answer action.
   */
  "rectification.answer",
  /**
   * 整改: answer the administration's own tasks (a problem naming no unit, a city-wide figure): the
   * system administrator, who answers no unit's task (it has no unit).
   */
  "rectification.answerForAdministration",
  /** 整改: the board of every unit's tasks, its export, and the review (销号 or 退回). */
  "rectification.review",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  SYSTEM_ADMIN: [
    "report.viewCity",
    "report.viewAllUnits",
    "report.viewOwnUnit",
    "report.viewBulletin",
    "report.export",
    "report.issue",
    "data.manage",
    "users.manage",
    "supervision.view",
    "rectification.view",
    "rectification.answer",
    "rectification.answerForAdministration",
    "rectification.review",
  ],
  SECURITY_ADMIN: ["security.manage"],
  AUDITOR: ["audit.view"],
  OFFICIAL: [
    "report.viewCity",
    "report.viewAllUnits",
    "report.viewBulletin",
    "report.export",
    "supervision.view",
    "rectification.view",
    "rectification.review",
  ],
  DEPARTMENT: [
    "report.viewCity",
    "report.viewOwnUnit",
    "report.viewBulletin",
    "report.export",
    "supervision.view",
    "rectification.view",
    "rectification.answer",
  ],
};

/**
 * What the permission checks need to know of the viewer. mustChangePassword:
 * signed in with a one-time initial password, which must be replaced before
 * anything else is opened.
 */
export type Viewer = {
  userId: number;
  role: Role;
  unitCode: string | null;
  mustChangePassword?: boolean;
  /** Issue 22: the role needs a second factor and the user has none: enrolment comes first. */
  mustEnrollTwoFactor?: boolean;
};

/**
 * Issue 22 (身份鉴别): who signs in with a password and a one-time code. Every account that can
 * change data or see every unit; department and county users when the security administrator's
 * setting says so (lib/access/two-factor/settings.ts, off by default).
 */
export function requiresTwoFactor(role: Role, departmentsRequired: boolean): boolean {
  return role !== "DEPARTMENT" || departmentsRequired;
}

export function can(viewer: Viewer | null, action: Action): boolean {
  return viewer !== null && PERMISSIONS[viewer.role].includes(action);
}

/** May the viewer see this unit's rows, page, history and exports? */
export function canViewUnit(viewer: Viewer | null, unitCode: string): boolean {
  if (!viewer) return false;
  if (can(viewer, "report.viewAllUnits")) return true;
  return can(viewer, "report.viewOwnUnit") && viewer.unitCode !== null && viewer.unitCode === unitCode;
}

/** May the viewer see every unit's cards (the 预警 board, the wall display, any unit's filter)? */
export function canViewAllCards(viewer: Viewer | null): boolean {
  return can(viewer, "supervision.view") && can(viewer, "report.viewAllUnits");
}

/** Access rules an admin can switch (Setting "access.rules"). */
export type AccessSettings = { departmentsReadBulletin: boolean };
export const DEFAULT_ACCESS_SETTINGS: AccessSettings = { departmentsReadBulletin: true };

/** May the viewer read the month's bulletin (the page and its .docx/.pdf/.xlsx)? */
export function canReadBulletin(viewer: Viewer | null, access: AccessSettings): boolean {
  if (can(viewer, "report.viewAllUnits")) return true;
  return can(viewer, "report.viewBulletin") && access.departmentsReadBulletin;
}

export type PathDecision = "allow" | "signIn" | "forbidden" | "notFound" | "changePassword" | "enrollTwoFactor";

/** The one page a user with a one-time password may open (and sign-out, posted from it). */
export const CHANGE_PASSWORD_PATH = "/account/password";
/** The one page a user who must enrol a second factor may open (and sign-out, posted from it). */
export const TWO_FACTOR_PATH = "/account/two-factor";

type PathRule = {
  pattern: RegExp;
  /** Served to anyone, signed in or not. */
  public?: true;
  allow?: (viewer: Viewer, params: string[], access: AccessSettings) => boolean;
};

const MONTH = "(\\d{4}-\\d{2})";
const UNIT = "([a-z][0-9]{2,4})";
/** A service item's code (事项编码) as it appears in a drill-down URL. */
const ITEM = "([0-9A-Za-z_-]{1,64})";
const rule = (source: string, allow: PathRule["allow"]): PathRule => ({ pattern: new RegExp(`^${source}$`), allow });
const signedIn = () => true;

/**
 * Every path the app serves, and who may have it. A path no rule names is
 * refused (notFound): deny by default. The paths are decoded and normalised
 * (lib/access/request-path.ts) before they are matched, so each shape here is
 * the one Next renders. Month pages are prerendered once for every audience:
 * this table, applied by proxy.ts before anything is served, is the only gate
 * between a department user and other units' figures on them.
 */
export const PATH_RULES: readonly PathRule[] = [
  { pattern: /^\/signin$/, public: true },
  // Auth.js's endpoints, but not its sign-out: that one ended this cookie only, while the app's
  // sign-out (signOutAction) ends every session of the user and is audited (issue 19, item 5).
  { pattern: /^\/api\/auth\/(?!signout(\/|$))[a-z-]+(\/[a-z-]+)?$/, public: true },
  { pattern: /^\/(icon\.svg|favicon\.ico|robots\.txt)$/, public: true },
  { pattern: /^\/_next\/static\/[\w./@~-]+$/, public: true },
  rule("/", signedIn),
  rule("/about", signedIn),
  rule(CHANGE_PASSWORD_PATH, signedIn),
  // Issue 22: one's own sign-in sessions (list, end the others) and the idle warning's keep-alive.
  // Every signed-in user, each only their own (lib/access/actions/end-sessions.ts checks the owner).
  rule("/account/sessions", signedIn),
  rule("/api/session/keepalive", signedIn),
  rule(TWO_FACTOR_PATH, signedIn),
  // The header's unit search answers with the units the viewer may see (canViewUnit), nothing else.
  rule("/api/units/search", signedIn),
  rule(`/${MONTH}`, (v) => can(v, "report.viewCity")),
  // Views naming every unit: the annex pages, 好差评, 办件超时, 存在的问题.
  rule(`/${MONTH}/(municipal|districts|evaluations|timeliness|problems)`, (v) => can(v, "report.viewAllUnits")),
  rule(`/${MONTH}/units/${UNIT}`, (v, [, code]) => canViewUnit(v, code!)),
  // Drill-down from case records: a unit's service items, an item's cases. Same audience as the unit.
  rule(`/${MONTH}/units/${UNIT}/items`, (v, [, code]) => canViewUnit(v, code!)),
  // An item's cases: page 1 at the item, page n ≥ 2 at /<n> (static pages, no query).
  rule(`/${MONTH}/units/${UNIT}/items/${ITEM}(/[1-9][0-9]{0,5})?`, (v, [, code]) => canViewUnit(v, code!)),
  rule("/reports", (v) => can(v, "report.viewAllUnits")),
  rule(`/reports/${MONTH}`, (v, _p, access) => canReadBulletin(v, access)),
  // Each issued edition is a bulletin as distributed; the draft beside it is not.
  rule(`/reports/${MONTH}/editions/[0-9]{1,4}`, (v, _p, access) => canReadBulletin(v, access)),
  rule(`/reports/${MONTH}/draft`, (v) => can(v, "report.viewAllUnits")),
  rule("/admin/users(/[0-9]{1,9}|/bulk)?", (v) => can(v, "users.manage")),
  rule("/api/users/bulk-template\\.csv", (v) => can(v, "users.manage")),
  rule("/admin/audit", (v) => can(v, "audit.view")),
  rule("/api/audit/events\\.csv", (v) => can(v, "audit.view")),
  rule("/admin/security", (v) => can(v, "security.manage")),
  rule("/admin(/(months|uploads|reports|settings)(/[\\w-]{1,64})?)?", (v) => can(v, "data.manage")),
  rule(
    `/api/export/${MONTH}/annex/(departments|districts)`,
    (v) => can(v, "report.export") && can(v, "report.viewAllUnits"),
  ),
  rule(`/api/export/${MONTH}/unit/${UNIT}`, (v, [, code]) => can(v, "report.export") && canViewUnit(v, code!)),
  rule(
    `/api/export/${MONTH}/unit/${UNIT}/items(/${ITEM})?`,
    (v, [, code]) => can(v, "report.export") && canViewUnit(v, code!),
  ),
  rule(
    `/api/reports/${MONTH}/(bulletin\\.docx|bulletin\\.pdf|annexes\\.xlsx)`,
    (v, _p, access) => can(v, "report.export") && canReadBulletin(v, access),
  ),
  rule("/api/uploads(/template\\.(csv|xlsx)|/[0-9]{1,9}/file)?", (v) => can(v, "data.manage")),
  // Case records (办件明细, 好差评, 实施清单): the staged import, its progress and its row-problem CSV.
  rule("/admin/cases(/[0-9]{1,9})?", (v) => can(v, "data.manage")),
  rule("/api/cases(/[0-9]{1,9}(/(progress|problems\\.csv))?)?", (v) => can(v, "data.manage")),
  // A month with both a case import and an uploaded annex: the differences, per unit and cell.
  rule(`/admin/months/${MONTH}/reconciliation`, (v) => can(v, "data.manage")),
  rule(`/api/months/${MONTH}/reconciliation\\.csv`, (v) => can(v, "data.manage")),
  // The daily feed (issue 20): the platform's push takes no session; its machine token is checked
  // by the route itself (401/403 without one), so the gate lets it through. Its API document is public.
  { pattern: /^\/api\/v1\/(cases|openapi\.json)$/, public: true },
  // Its admin page: machine tokens (create, see the last use, revoke) and closing the month.
  rule("/admin/daily", (v) => can(v, "data.manage")),
  // Supervision (预警, issue 20): a department user's own unit's cards (the page and its route
  // handlers limit the rows to its unit); the board and the wall display name every unit.
  rule("/warnings", (v) => can(v, "supervision.view")),
  rule("/warnings/board", (v) => canViewAllCards(v)),
  rule("/wall", (v) => canViewAllCards(v)),
  rule("/api/warnings/count", (v) => can(v, "supervision.view")),
  rule("/api/warnings/cards\\.csv", (v) => can(v, "supervision.view") && can(v, "report.export")),
  rule("/api/warnings/board\\.csv", (v) => canViewAllCards(v) && can(v, "report.export")),
  rule("/api/warnings/wall", (v) => canViewAllCards(v)),
  // 整改 (issue 21): the list (a unit's own tasks, or the reviewer's board), one task, its evidence,
  // the header's count. Which task a DEPARTMENT may open is decided on the task's unit by the page
  // and the route (lib/rectification/access.ts): another unit's task answers 404 like a missing one.
  rule("/rectification", (v) => can(v, "rectification.view")),
  rule("/rectification/tasks/[1-9][0-9]{0,8}", (v) => can(v, "rectification.view")),
  rule("/api/rectification/waiting", (v) => can(v, "rectification.view")),
  rule("/api/rectification/attachments/[1-9][0-9]{0,8}", (v) => can(v, "rectification.view")),
  rule("/api/rectification/board\\.xlsx", (v) => can(v, "rectification.review") && can(v, "report.export")),
];

/** Where a role's work begins: the landing page after sign-in, and its header link. */
export function homePathOf(role: Role): string | null {
  if (role === "AUDITOR") return "/admin/audit";
  if (role === "SECURITY_ADMIN") return "/admin/security";
  return null;
}

/** What of the request, besides its path, decides the version a page is rendered from. */
export type PageRequest = {
  /** The query as asked, without the router's _rsc ("" when none). */
  query: string;
  /** The cards' "today" of the request (lib/supervision/cards/today.ts cardDayOf). */
  cardDay: () => string;
};

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UNIT_CODE = new RegExp(`^${UNIT}$`);

/**
 * The page an allowed path is rendered from, when a page has versions by audience: the month's
 * home for viewers who see every unit includes the problems and weakest units, which name units
 * (app/[lang]/[month]/all-units). `path` is the decided, normalised path without its language.
 * The versions have no rule of their own: only this function leads to them.
 *
 * The 预警 page and board without a query (issue 20) are cached too, one version per audience
 * and day: /warnings/view/<unit code, or "all" for viewers of every unit>/<day> and
 * /warnings/board/view/<day> (the board's only audience is viewers of every unit). The unit is
 * the session's viewer's own, never the request's. With a query (filters, sort) the page is
 * rendered per request, so free text never fills the cache; a viewer with no audience (a
 * department user without a unit) gets the per-request page too.
 */
export function pageForViewer(viewer: Viewer | null, path: string, request?: PageRequest): string {
  if (/^\/\d{4}-\d{2}$/.test(path) && can(viewer, "report.viewAllUnits")) return `${path}/all-units`;
  if ((path === "/warnings" || path === "/warnings/board") && request && request.query === "") {
    if (!can(viewer, "supervision.view")) return path;
    const day = request.cardDay();
    if (!ISO_DAY.test(day)) return path;
    if (path === "/warnings/board") return canViewAllCards(viewer) ? `/warnings/board/view/${day}` : path;
    if (canViewAllCards(viewer)) return `/warnings/view/all/${day}`;
    const unit = viewer?.unitCode;
    return unit && UNIT_CODE.test(unit) ? `/warnings/view/${unit}/${day}` : path;
  }
  return path;
}

/**
 * The access decision for a request path (raw, as received), in either
 * language: decided on the path without its language prefix, so /en/… gets
 * exactly the rules of the Chinese page. The viewer is null when signed out. Route handlers and server actions check again with
 * the same functions (lib/access/guard.ts).
 */
export function authorizePath(
  viewer: Viewer | null,
  rawPath: string,
  access: AccessSettings = DEFAULT_ACCESS_SETTINGS,
): PathDecision {
  const request = readRequestPath(rawPath);
  if (request === null) return "notFound";
  const { path } = request;
  for (const { pattern, public: isPublic, allow } of PATH_RULES) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (isPublic) return "allow";
    if (!viewer) return "signIn";
    if (viewer.mustChangePassword && path !== CHANGE_PASSWORD_PATH) return "changePassword";
    if (!viewer.mustChangePassword && viewer.mustEnrollTwoFactor && path !== TWO_FACTOR_PATH) return "enrollTwoFactor";
    return allow?.(viewer, match.slice(1), access) ? "allow" : "forbidden";
  }
  return "notFound";
}
