import "server-only";
// The one guard for server code: pages that render per request, route
// handlers, exports and server actions ask here, with the permission table of
// lib/auth/permissions.ts. (Prerendered month pages are guarded before they are
// served, in proxy.ts, with the same table.)
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth/auth";
import { can, canViewUnit, type Action, type Viewer } from "@/lib/auth/permissions";

export async function getViewer(): Promise<Viewer | null> {
  const session = await auth();
  if (!session?.user?.id || !session.user.role) return null;
  return { userId: Number(session.user.id), role: session.user.role, unitCode: session.user.unitCode ?? null };
}

/** For pages: signed-out viewers go to sign-in, forbidden ones get the 403 page. */
export async function requirePagePermission(action: Action, returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(viewer, action)) forbidden();
  return viewer;
}

export type RouteGuardResult = { ok: true; viewer: Viewer } | { ok: false; response: Response };

/** For route handlers (exports, downloads): 401 when signed out, 403 when not allowed. */
export async function guardRoute(action: Action, scope?: { unitCode?: string }): Promise<RouteGuardResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, response: Response.json({ error: "请先登录 / sign in first" }, { status: 401 }) };
  const allowed = can(viewer, action) && (scope?.unitCode === undefined || canViewUnit(viewer, scope.unitCode));
  if (!allowed) return { ok: false, response: Response.json({ error: "无权访问 / forbidden" }, { status: 403 }) };
  return { ok: true, viewer };
}

export type ActionGuardResult = { ok: true; viewer: Viewer } | { ok: false; error: string };

/** For server actions: they return the refusal as a message instead of throwing. */
export async function guardAction(action: Action): Promise<ActionGuardResult> {
  const viewer = await getViewer();
  if (!viewer) return { ok: false, error: "登录已失效，请重新登录。" };
  if (!can(viewer, action)) return { ok: false, error: "您没有执行此操作的权限。" };
  return { ok: true, viewer };
}
