// The gate before every request: who is asking (the session cookie, read by
// lib/access/session.ts) and whether the permission table (lib/access/permissions.ts)
// gives them this path, decided on the decoded, normalised path without its
// language prefix (/en/2021-06 is decided as /2021-06) and refusing any path no
// rule names. Month pages are prerendered once for every audience and language,
// so this is the only check between a department user and other units' rows on
// them; route handlers and server actions check again (lib/access/guard.ts).
//
// Pages live in one tree, app/[lang]/…: an allowed page request is rewritten to
// /zh-CN/… (unprefixed URLs) or /en/…, built from the very path that was decided.
// A refused page request is rewritten to an internal page that calls forbidden()
// or notFound(), so the refusal is drawn inside the app's layout, in the
// request's language, with status 403 or 404 (docs/language.md). An allowed page that names a
// month, unit, item or page number that does not exist is refused the same way (404), before
// anything is rendered or cached (lib/access/page-existence.ts; lookup-limit.ts bounds how fast
// one account may make it read).
//
// The plain case — a signed-in reader loading an existing page they may read — is decided before
// this proxy runs, with the same functions, by lib/access/document-gate.ts, and such a request
// skips it (the matcher below): the proxy's own cost was half of what a cached page cost to serve.
import { type NextRequest, NextResponse } from "next/server";
import { getAccessSettings } from "@/lib/access/access-settings";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { servedPageUrl, withoutRscQuery } from "@/lib/access/gate";
import { mayDrawNotFound, takeLookup } from "@/lib/access/lookup-limit";
import { pageExistence } from "@/lib/access/page-existence";
import { authorizePath, CHANGE_PASSWORD_PATH, TWO_FACTOR_PATH } from "@/lib/access/permissions";
import { auditRefusal } from "@/lib/access/refusal-audit";
import {
  forbiddenResponse,
  notFoundResponse,
  tooManyLookupsResponse,
  unauthenticatedResponse,
} from "@/lib/access/refusal-response";
import { readRequestPath } from "@/lib/access/request-path";
import { needsRefresh, readSession, reissueToken } from "@/lib/access/session";
import { internalPath, isLanguageFree, localePath } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";
import { cardDayOf } from "@/lib/supervision/cards/today";

// URLs this proxy answers with are built on request.url, never request.nextUrl: with
// skipProxyUrlNormalize (next.config.ts) request.url is the URL the server was asked on
// (http://127.0.0.1:3000/…), which Next recognises as its own and serves internally. nextUrl
// renames 127.0.0.1 "localhost", and Next would proxy a rewrite there as an external URL.

/** The refusal page, in the app's layout; no shared cache may keep it. */
function refusal(request: NextRequest, locale: Locale, kind: "forbidden" | "not-found"): NextResponse {
  // The status (403/404) comes from the page's forbidden()/notFound(), not from the rewrite.
  const response = NextResponse.rewrite(new URL(internalPath(locale, `/refused/${kind}`), request.url));
  response.headers.set("Cache-Control", "private, no-store");
  return response;
}

export default async function proxy(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const session = await readSession(request.cookies.getAll());
  const decision = authorizePath(session?.viewer ?? null, pathname, await getAccessSettings());
  const route = readRequestPath(pathname);
  // A path that could be read two ways still gets its refusal in the language it asked for.
  const locale: Locale = route?.locale ?? (/^\/en(\/|$)/.test(pathname) ? "en" : "zh-CN");
  const api = pathname.startsWith("/api/");
  const page = !api && !(route && isLanguageFree(route.path));
  if (decision === "notFound" || decision === "forbidden") {
    // Audited, one sample per account (or address) and window: an attack cannot flood the trail.
    await auditRefusal({
      userId: session?.viewer.userId ?? null,
      address: request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown",
      path: pathname,
      decision,
    });
  }
  if (decision === "notFound") return page ? refusal(request, locale, "not-found") : notFoundResponse(api);
  if (decision === "forbidden") return page ? refusal(request, locale, "forbidden") : forbiddenResponse(api);
  if (decision === "changePassword") {
    // Signed in with a one-time password: nothing opens until it is replaced.
    if (api) return forbiddenResponse(true);
    return NextResponse.redirect(new URL(localePath(locale, CHANGE_PASSWORD_PATH), request.url));
  }
  if (decision === "enrollTwoFactor") {
    // Issue 22: a role that needs a second factor, and none yet: nothing opens until it is enrolled.
    if (api) return forbiddenResponse(true);
    // The router's requests and server actions get the enrolment page in place: the sign-in's
    // redirect to the home page is fetched so, and the form of the page drawn there posts its action
    // to the URL it is shown at. (The page's own action is all that runs: lib/access/guard.ts refuses
    // every other one to such a viewer.) A document request is sent to the page's URL.
    if (request.headers.has("rsc") || request.headers.has("next-action")) {
      const response = NextResponse.rewrite(new URL(internalPath(locale, TWO_FACTOR_PATH), request.url));
      response.headers.set("Cache-Control", "private, no-store");
      return response;
    }
    return NextResponse.redirect(new URL(localePath(locale, TWO_FACTOR_PATH), request.url));
  }
  if (decision === "signIn") {
    if (api) return unauthenticatedResponse();
    const url = new URL(localePath(locale, "/signin"), request.url);
    url.searchParams.set("callbackUrl", pathname + withoutRscQuery(search));
    return NextResponse.redirect(url);
  }
  let response: NextResponse;
  if (page && route) {
    // Allowed, but does it name something? A month, unit, item or page number that does not exist
    // is refused here, before it could be rendered into the page cache (lib/access/page-existence.ts).
    let retryAfter = 0;
    const existence = await pageExistence.check(route.path, async () => {
      if (!session) return true;
      const taken = await takeLookup(session.viewer.userId);
      if (!taken.allowed) retryAfter = taken.retryAfterSeconds;
      return taken.allowed;
    });
    if (existence === "notFound") {
      // Drawn in the layout for a reader's occasional slip; a flood gets the page that costs no render.
      return !session || mayDrawNotFound(session.viewer.userId)
        ? refusal(request, locale, "not-found")
        : notFoundResponse(false, locale);
    }
    if (existence === "limited") return tooManyLookupsResponse(locale, retryAfter);
    // The 预警 pages without a query are cached by audience and the cards' day (pageForViewer).
    response = NextResponse.rewrite(
      new URL(
        servedPageUrl(session?.viewer ?? null, route, search, () => cardDayOf(request.headers)),
        request.url,
      ),
    );
  } else {
    response = NextResponse.next();
  }
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
  // Built assets carry no data. Every other path, including unknown ones, is decided here, except a
  // request the document gate has already decided (lib/access/document-gate.ts GATE_DECIDED_HEADER,
  // deleted from every request a client sends; a literal: Next reads this config without running it).
  matcher: [{ source: "/((?!_next/static/).*)", missing: [{ type: "header", key: "x-dashboard-gate-decided" }] }],
};
