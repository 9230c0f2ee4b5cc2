// State-changing route handlers (POST, PUT, PATCH, DELETE under app/api) answer only requests
// sent from this site's own pages, as Next does for server actions: a cross-site form or fetch
// carries the session cookie (SameSite=Lax covers top-level POSTs only partly, and not at all
// for same-site subdomains), so the cookie alone proves nothing (issue 19, item 9).
//
// A browser names where a request comes from: `Origin` on every POST/PUT/PATCH/DELETE, and
// `Sec-Fetch-Site` (which a page's script cannot set). A request passes when
//   - Sec-Fetch-Site, if sent, is `same-origin`, and
//   - Origin, if sent, is this site's origin; without Origin, Sec-Fetch-Site must say `same-origin`.
// Neither header (curl, a script) is refused: a machine client sends `Origin: <the site's URL>`.
//
// This site's origin: AUTH_URL's when it is set (the configured public URL); else the request's
// host — X-Forwarded-Host when a trusted proxy set it (a client's copy is deleted as the request
// arrives, lib/access/client-address.ts), else Host. Only the host is compared then: behind a
// proxy that ends TLS the app may see http while the browser says https.
import { splitLocale } from "@/lib/i18n/locale";
import { getMessages, type Locale } from "@/lib/i18n/messages";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function configuredOrigin(): string | null {
  const url = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function originMatches(origin: string, headers: Headers, requestUrl?: string): boolean {
  let asked: URL;
  try {
    asked = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file:), or garbage
  }
  const configured = configuredOrigin();
  if (configured) return asked.origin === configured;
  const named = headers.get("x-forwarded-host") ?? headers.get("host");
  // Without a Host header (a Request built in-process), the URL it was sent to: Next builds it from Host.
  const host = (named ?? (requestUrl ? hostOf(requestUrl) : "")).split(",")[0]!.trim().toLowerCase();
  return host !== "" && asked.host === host;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** Was this request sent from a page of this site? (Only asked of state-changing methods.) */
export function isSameOriginRequest(headers: Headers, requestUrl?: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = headers.get("origin");
  if (origin !== null) return originMatches(origin, headers, requestUrl);
  return site === "same-origin";
}

/** A route's refusal's language: the page it was sent from (/en/…), as far as the Referer says. */
export function localeOf(headers: Headers): Locale {
  const referer = headers.get("referer");
  if (!referer) return "zh-CN";
  try {
    return splitLocale(new URL(referer).pathname).locale;
  } catch {
    return "zh-CN";
  }
}

/** null when the request may go on; else the 403 to answer (nothing has been read or changed). */
export function foreignOriginRefusal(request: Request): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (isSameOriginRequest(request.headers, request.url)) return null;
  return Response.json(
    { error: getMessages(localeOf(request.headers)).errors.foreignOrigin },
    { status: 403, headers: { "Cache-Control": "private, no-store" } },
  );
}
