// POST /api/session/keepalive: the idle warning's 继续 (components/access/idle-warning.tsx). The
// session's activity is written at once (lib/access/session-activity.ts renewSession), so every
// instance sees it. Any signed-in user, for their own session only: not withGuard, whose guard
// asks for an action of the permission table, and a user's own session is no role's power; the
// same-origin check withGuard makes comes first all the same. The gate (proxy.ts) has already
// refused a request without an open session with a 401.
import { cookies } from "next/headers";
import { readSession } from "@/lib/access/session";
import { renewSession } from "@/lib/access/session-activity";
import { foreignOriginRefusal } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

export async function POST(request: Request): Promise<Response> {
  const foreign = foreignOriginRefusal(request);
  if (foreign) return foreign;
  const session = await readSession((await cookies()).getAll());
  if (!session?.payload.sid || !(await renewSession(session.payload.sid, session.viewer.userId)))
    return Response.json({ error: "请先登录 / sign in first" }, { status: 401, headers: noStore });
  return Response.json({ ok: true }, { headers: noStore });
}
