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

export const ROLES = ["ADMIN", "OFFICIAL", "DEPARTMENT"] as const;
export type Role = (typeof ROLES)[number];

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
  /** Read the audit log. */
  "audit.view",
  /** 整改: see tasks (a DEPARTMENT its own unit's only, lib/rectification/access.ts). */
  "rectification.view",
  /** 整改: answer (回告) a task with its measures and evidence (one's own unit's; an admin the administration's). */
  "rectification.answer",
  /** 整改: the board of every unit's tasks, its export, and the review (销号 or 退回). */
  "rectification.review",
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Record<Role, readonly Action[]> = {
  ADMIN: [
    "report.viewCity",
    "report.viewAllUnits",
    "report.viewOwnUnit",
    "report.viewBulletin",
    "report.export",
    "report.issue",
    "data.manage",
    "users.manage",
    "audit.view",
    "rectification.view",
    "rectification.answer",
    "rectification.review",
  ],
  OFFICIAL: [
    "report.viewCity",
    "report.viewAllUnits",
    "report.viewBulletin",
    "report.export",
    "rectification.view",
    "rectification.review",
  ],
  DEPARTMENT: [
    "report.viewCity",
    "report.viewOwnUnit",
    "report.viewBulletin",
    "report.export",
    "rectification.view",
    "rectification.answer",
  ],
};

/**
 * What the permission checks need to know of the viewer. mustChangePassword:
 * signed in with a one-time initial password, which must be replaced before
 * anything else is opened.
 */
export type Viewer = { userId: number; role: Role; unitCode: string | null; mustChangePassword?: boolean };

export function can(viewer: Viewer | null, action: Action): boolean {
  return viewer !== null && PERMISSIONS[viewer.role].includes(action);
}

/** May the viewer see this unit's rows, page, history and exports? */
export function canViewUnit(viewer: Viewer | null, unitCode: string): boolean {
  if (!viewer) return false;
  if (can(viewer, "report.viewAllUnits")) return true;
  return can(viewer, "report.viewOwnUnit") && viewer.unitCode !== null && viewer.unitCode === unitCode;
}

/** Access rules an admin can switch (Setting "access.rules"). */
export type AccessSettings = { departmentsReadBulletin: boolean };
export const DEFAULT_ACCESS_SETTINGS: AccessSettings = { departmentsReadBulletin: true };

/** May the viewer read the month's bulletin (the page and its .docx/.pdf/.xlsx)? */
export function canReadBulletin(viewer: Viewer | null, access: AccessSettings): boolean {
  if (can(viewer, "report.viewAllUnits")) return true;
  return can(viewer, "report.viewBulletin") && access.departmentsReadBulletin;
}

export type PathDecision = "allow" | "signIn" | "forbidden" | "notFound" | "changePassword";

/** The one page a user with a one-time password may open (and sign-out, posted from it). */
export const CHANGE_PASSWORD_PATH = "/account/password";

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
  // 整改 (issue 21): the list (a unit's own tasks, or the reviewer's board), one task, its evidence,
  // the header's count. Which task a DEPARTMENT may open is decided on the task's unit by the page
  // and the route (lib/rectification/access.ts): another unit's task answers 404 like a missing one.
  rule("/rectification", (v) => can(v, "rectification.view")),
  rule("/rectification/tasks/[1-9][0-9]{0,8}", (v) => can(v, "rectification.view")),
  rule("/api/rectification/waiting", (v) => can(v, "rectification.view")),
  rule("/api/rectification/attachments/[1-9][0-9]{0,8}", (v) => can(v, "rectification.view")),
  rule("/api/rectification/board\\.xlsx", (v) => can(v, "rectification.review") && can(v, "report.export")),
];

/**
 * The page an allowed path is rendered from, when a page has versions by audience: the month's
 * home for viewers who see every unit includes the problems and weakest units, which name units
 * (app/[lang]/[month]/all-units). `path` is the decided, normalised path without its language.
 * The versions have no rule of their own: only this function leads to them.
 */
export function pageForViewer(viewer: Viewer | null, path: string): string {
  if (/^\/\d{4}-\d{2}$/.test(path) && can(viewer, "report.viewAllUnits")) return `${path}/all-units`;
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
    return allow?.(viewer, match.slice(1), access) ? "allow" : "forbidden";
  }
  return "notFound";
}
