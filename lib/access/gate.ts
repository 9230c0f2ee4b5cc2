// What the two doors of the gate share: proxy.ts, which decides every request, and the document
// gate (./document-gate.ts), which serves the plain case (a signed-in reader loading an existing
// page they may read) before Next's proxy is run. Both serve an allowed page from the same URL.
import { pageForViewer, type Viewer } from "@/lib/access/permissions";
import { internalPath } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

/** The query without the router's cache-busting _rsc parameter (seen here with skipProxyUrlNormalize). */
export function withoutRscQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("_rsc");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

/**
 * The internal URL (path and query) an allowed, existing page is served from: its language's tree
 * and, for a page with versions by audience, the viewer's version (pageForViewer). `cardDay` is
 * the request's day of the cards (lib/supervision/cards/today.ts cardDayOf, given by the caller:
 * supervision is not access's to import).
 */
export function servedPageUrl(
  viewer: Viewer | null,
  route: { locale: Locale; path: string },
  search: string,
  cardDay: () => string,
): string {
  const version = pageForViewer(viewer, route.path, { query: withoutRscQuery(search), cardDay });
  return internalPath(route.locale, version) + search;
}
