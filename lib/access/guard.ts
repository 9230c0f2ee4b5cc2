import "server-only";
// The one guard for server code: pages that render per request, route
// handlers, exports and server actions ask here, with the permission table of
// lib/access/permissions.ts. (Every request has already passed proxy.ts, which
// decided on its path with the same table; this is the second check, on the
// parameters the handler actually uses.)
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getAccessSettings } from "@/lib/access/access-settings";
import { type Action, can, canReadBulletin, canViewUnit, type Viewer } from "@/lib/access/permissions";
import { readSession } from "@/lib/access/session";

export async function getViewer(): Promise<Viewer | null> {
  const session = await readSession((await cookies()).getAll());
  return session?.viewer ?? null;
}

/**
 * A viewer held to one page (a one-time password to replace, a second factor to enrol: issue 22)
 * acts through that page's own action only. The proxy decides on the path, but a server action can
 * be posted to any path: here every guarded page, route and action refuses them too.
 */
const heldToOnePage = (viewer: Viewer) => Boolean(viewer.mustChangePassword || viewer.mustEnrollTwoFactor);

/** For pages: signed-out viewers go to sign-in, forbidden ones get the 403 page. */
export async function requirePagePermission(action: Action, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (heldToOnePage(viewer) || !can(viewer, action)) forbidden();
  return viewer;
}

export type RouteGuardResult = { ok: true; viewer: Viewer } | { ok: false; response: Response };

/** What a route serves beyond its action: one unit's rows, or the month's bulletin. */
export type RouteScope = { unitCode?: string; bulletin?: true };

/**
 * For route handlers (exports, downloads): 401 when signed out, 403 when not
 * allowed. `unitCode`: the handler serves that unit's rows; `bulletin`: it
 * serves the month's bulletin (canReadBulletin).
 */
export async function guardRoute(action: Action, scope: RouteScope = {}): Promise<RouteGuardResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, response: Response.json({ error: "请先登录 / sign in first" }, { status: 401 }) };
  const allowed =
    !heldToOnePage(viewer) &&
    can(viewer, action) &&
    (scope.unitCode === undefined || canViewUnit(viewer, scope.unitCode)) &&
    (!scope.bulletin || canReadBulletin(viewer, await getAccessSettings()));
  if (!allowed) return { ok: false, response: Response.json({ error: "无权访问 / forbidden" }, { status: 403 }) };
  return { ok: true, viewer };
}

export type ActionGuardResult = { ok: true; viewer: Viewer } | { ok: false; error: string };

/** For server actions: they return the refusal as a message instead of throwing. */
export async function guardAction(action: Action): Promise<ActionGuardResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, error: "登录已失效，请重新登录。" };
  if (heldToOnePage(viewer) || !can(viewer, action)) return { ok: false, error: "您没有执行此操作的权限。" };
  return { ok: true, viewer };
}
