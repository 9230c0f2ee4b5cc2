// The gate's plain case, decided as the request arrives (issue 23: what each request pays).
//
// Next runs proxy.ts as middleware: for every request it builds a NextRequest, runs the proxy,
// reads its NextResponse and resolves the rewrite again — measured at about half of what a
// cached page costs to serve (docs/speed.md). Most requests are the plain case: a signed-in
// reader loading a page they may read, which exists, with a cookie that needs no renewal. Such a
// request is decided here, on the raw Node request, with the same functions as the proxy (the
// session, the permission table, the existence check, the audience's version: ./gate.ts), and
// sent straight to the page it is served from, marked so that Next skips the proxy
// (proxy.ts's matcher: `missing` GATE_DECIDED_HEADER).
//
// Anything else is left untouched for the proxy to decide in full: a refusal (audited there),
// a redirect, a session to renew, a lookup the account must be charged for, the router's RSC
// requests and prefetches (their rewrite is announced to the client by a header only the proxy
// sets), server actions and every method but GET and HEAD. An error here does the same.
//
// The marker is deleted from every request a client sends before anything else: only this gate
// sets it. (test/access/document-gate.test.ts and e2e/auth-hardening.spec.ts send it forged.)
import type http from "node:http";
import { parseCookie } from "cookie";
import { getAccessSettings } from "@/lib/access/access-settings";
import { servedPageUrl } from "@/lib/access/gate";
import { pageExistence } from "@/lib/access/page-existence";
import { authorizePath } from "@/lib/access/permissions";
import { readRequestPath } from "@/lib/access/request-path";
import { needsRefresh, readSession } from "@/lib/access/session";
import { onEveryRequest } from "@/lib/http/every-request";
import { isLanguageFree } from "@/lib/i18n/locale";

/** Set on a request this gate has decided: proxy.ts's matcher skips such a request. */
export const GATE_DECIDED_HEADER = "x-dashboard-gate-decided";

/** Pages hold data for signed-in viewers only: no shared cache may keep them (as proxy.ts sets). */
export const PAGE_CACHE_CONTROL = "private, no-cache";

/** Router requests, prefetches and server actions: the proxy's. */
const ROUTER_HEADERS = [
  "rsc",
  "next-action",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
];

type RawRequest = Pick<http.IncomingMessage, "method" | "url" | "headers">;
/** The cards' day of a request (lib/supervision/cards/today.ts cardDayOf): the 预警 pages' version is named by it. */
type CardDayOf = (headers: { get(name: string): string | null }) => string;

function headerOf(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The internal URL a plain document request is served from, or null when the proxy must decide it.
 * Reads nothing the proxy would not; charges and audits nothing (the proxy does, when it decides).
 */
export async function decideDocument(request: RawRequest, cardDayOf: CardDayOf): Promise<string | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const { headers } = request;
  if (ROUTER_HEADERS.some((name) => headers[name] !== undefined)) return null;
  const url = request.url ?? "";
  if (!url.startsWith("/") || url.startsWith("//")) return null;
  const queryAt = url.indexOf("?");
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const search = queryAt < 0 ? "" : url.slice(queryAt);
  if (search.includes("_rsc") || pathname.startsWith("/_next/") || pathname.startsWith("/api/")) return null;
  const route = readRequestPath(pathname);
  if (!route || isLanguageFree(route.path)) return null;
  const cookie = headerOf(headers, "cookie");
  if (!cookie) return null;
  const cookies = Object.entries(parseCookie(cookie)).flatMap(([name, value]) =>
    value === undefined ? [] : [{ name, value }],
  );
  const session = await readSession(cookies);
  if (!session || needsRefresh(session.payload)) return null;
  if (authorizePath(session.viewer, pathname, await getAccessSettings()) !== "allow") return null;
  // A fact the memo does not hold would be a lookup charged to the account: the proxy's to make.
  if ((await pageExistence.check(route.path, async () => false)) !== "exists") return null;
  return servedPageUrl(session.viewer, route, search, () => cardDayOf({ get: (name) => headerOf(headers, name) }));
}

/** Installs the gate on every HTTP server of this process (instrumentation.ts). */
export function installDocumentGate(cardDayOf: CardDayOf): void {
  onEveryRequest("documentGate", (request, response) => {
    delete request.headers[GATE_DECIDED_HEADER];
    if (request.method !== "GET" && request.method !== "HEAD") return;
    return decideDocument(request, cardDayOf).then(
      (served) => {
        if (served === null) return;
        request.url = served;
        request.headers[GATE_DECIDED_HEADER] = "1";
        response.setHeader("Cache-Control", PAGE_CACHE_CONTROL);
      },
      // Whatever failed here, the proxy decides the request in full (and meets the same failure there).
      () => undefined,
    );
  });
}
