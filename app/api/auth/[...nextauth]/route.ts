import type { NextRequest } from "next/server";
import { handlers } from "@/lib/access/auth";

// Auth.js's own sign-out (GET: its confirmation page, POST: the cookie cleared) ended this
// browser's cookie but not the user's other sessions. The app's sign-out (signOutAction) bumps
// the user's sessionVersion and is audited; it calls Auth.js in-process, never this endpoint,
// so the endpoint is refused here as well as by the gate (lib/access/permissions.ts).
// Issue 19, item 5.
type Handler = (request: NextRequest) => Promise<Response>;

const refuseSignOut =
  (handler: Handler): Handler =>
  async (request) => {
    if (/\/signout\/?$/.test(new URL(request.url).pathname))
      return Response.json({ error: "不存在 / not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    return handler(request);
  };

export const GET = refuseSignOut(handlers.GET);
export const POST = refuseSignOut(handlers.POST);
