// Every page request passes here before anything renders: the session (a JWT
// cookie, checked by Auth.js) decides with lib/auth/permissions.ts whether the
// page may be served. Month pages are prerendered for all audiences, so this
// check is what keeps a department user to its own unit's pages.
import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/auth";
import { forbiddenResponse } from "@/lib/auth/forbidden-response";
import { authorizePath, type Viewer } from "@/lib/auth/permissions";

export default auth((request) => {
  const user = request.auth?.user;
  const viewer: Viewer | null = user?.id && user.role ? { userId: Number(user.id), role: user.role, unitCode: user.unitCode ?? null } : null;
  const { pathname, search } = request.nextUrl;
  const decision = authorizePath(viewer, pathname);
  if (decision === "signIn") {
    const url = new URL("/signin", request.nextUrl);
    url.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(url);
  }
  if (decision === "forbidden") return forbiddenResponse();
  const response = NextResponse.next();
  // Pages hold data for signed-in viewers only: no shared cache may keep them.
  // (Route handlers set their own, e.g. no-store on downloads.)
  if (!pathname.startsWith("/api/")) response.headers.set("Cache-Control", "private, no-cache");
  return response;
});

export const config = {
  // Static assets carry no data: they skip the check.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
