// The gate before every request: who is asking (the session cookie, read by
// lib/auth/session.ts) and whether the permission table (lib/auth/permissions.ts)
// gives them this path, decided on the decoded, normalised path and refusing
// any path no rule names. Month pages are prerendered once for every audience,
// so this is the only check between a department user and other units' rows on
// them; route handlers and server actions check again (lib/auth/guard.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getAccessSettings } from "@/lib/auth/access-settings";
import { authorizePath, CHANGE_PASSWORD_PATH } from "@/lib/auth/permissions";
import { forbiddenResponse, notFoundResponse, unauthenticatedResponse } from "@/lib/auth/refusal-response";
import { needsRefresh, readSession, reissueToken } from "@/lib/auth/session";

export default async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const session = await readSession(request.cookies.getAll());
  const decision = authorizePath(session?.viewer ?? null, pathname, await getAccessSettings());
  const api = pathname.startsWith("/api/");
  if (decision === "notFound") return notFoundResponse(api);
  if (decision === "forbidden") return forbiddenResponse(api);
  if (decision === "changePassword") {
    // Signed in with a one-time password: nothing opens until it is replaced.
    if (api) return forbiddenResponse(true);
    return NextResponse.redirect(new URL(CHANGE_PASSWORD_PATH, request.nextUrl));
  }
  if (decision === "signIn") {
    if (api) return unauthenticatedResponse();
    const url = new URL("/signin", request.nextUrl);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  const response = NextResponse.next();
  // Pages hold data for signed-in viewers only: no shared cache may keep them.
  // (Route handlers set their own, e.g. no-store on downloads.)
  if (!api) response.headers.set("Cache-Control", "private, no-cache");
  if (session && needsRefresh(session.payload)) {
    const { value, expires } = await reissueToken(session);
    response.cookies.set(session.cookieName, value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: session.cookieName.startsWith("__Secure-"),
      expires,
    });
  }
  return response;
}

export const config = {
  // Built assets carry no data. Every other path, including unknown ones, is decided here.
  matcher: ["/((?!_next/static/).*)"],
};
