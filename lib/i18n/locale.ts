// Which language a URL is in, and the same page's URL in a language. Chinese is
// the default and keeps the unprefixed URLs (/2021-06/municipal); English lives
// under /en (/en/2021-06/municipal). Inside the app both are one page tree,
// app/[lang]/…, where `lang` is "zh-CN" or "en": proxy.ts rewrites an
// unprefixed page path to /zh-CN/… and /en/… to itself, after the access
// decision. /zh-CN/… is never a public URL (no path rule names it).
// Safe for client components: no server imports.
import type { Locale } from "@/lib/i18n/messages";

export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
/** The only language prefix a public URL carries. */
export const ENGLISH_PREFIX = "/en";

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * Paths that are not pages and carry no language: route handlers, built assets
 * and the icon. They are never prefixed, and /en/api/… is no URL.
 */
export function isLanguageFree(path: string): boolean {
  return (
    path.startsWith("/api/") || path.startsWith("/_next/") || /^\/(icon\.svg|favicon\.ico|robots\.txt)$/.test(path)
  );
}

/**
 * A decoded, normalised public path split into its language and the path
 * without the prefix: "/en/2021-06" → en, "/2021-06"; "/en" → en, "/";
 * "/2021-06" → zh-CN, "/2021-06". Only the lower-case, literal "en" segment is
 * a prefix: "/EN/…" stays a (refused) path of its own.
 */
export function splitLocale(path: string): { locale: Locale; path: string } {
  if (path === ENGLISH_PREFIX) return { locale: "en", path: "/" };
  if (path.startsWith(`${ENGLISH_PREFIX}/`)) return { locale: "en", path: path.slice(ENGLISH_PREFIX.length) };
  return { locale: "zh-CN", path };
}

/**
 * The public URL of an app path ("/2021-06", "/signin?x=1") in a language.
 * Route handlers and paths that already carry /en are left alone.
 */
export function localePath(locale: Locale, href: string): string {
  if (locale !== "en" || !href.startsWith("/") || href.startsWith("//")) return href;
  const pathname = href.split(/[?#]/, 1)[0]!;
  if (isLanguageFree(pathname) || pathname === ENGLISH_PREFIX || pathname.startsWith(`${ENGLISH_PREFIX}/`)) return href;
  return pathname === "/" ? ENGLISH_PREFIX + href.slice(1) : ENGLISH_PREFIX + href;
}

/**
 * The language and app path of a pathname as a client component sees it:
 * the browser's URL ("/en/2021-06", "/2021-06"), or, while a prerendered page
 * is rendered on the server, the internal one ("/zh-CN/2021-06"). Both read
 * the same, so server and client render alike.
 */
export function readPathname(pathname: string): { locale: Locale; path: string } {
  const read =
    pathname === "/zh-CN"
      ? { locale: "zh-CN" as const, path: "/" }
      : pathname.startsWith("/zh-CN/")
        ? { locale: "zh-CN" as const, path: pathname.slice("/zh-CN".length) }
        : splitLocale(pathname);
  // A page's versions by audience are served at the page's own URL (pageForViewer): the home page
  // for viewers who see every unit at /<month>, the 预警 page and board of an audience and day at
  // /warnings and /warnings/board.
  for (const [version, page] of AUDIENCE_VERSIONS) {
    const match = version.exec(read.path);
    if (match) return { locale: read.locale, path: page(match) };
  }
  return read;
}

const AUDIENCE_VERSIONS: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^(\/\d{4}-\d{2})\/all-units$/, (m) => m[1]!],
  [/^\/warnings\/view\/[a-z0-9]+\/\d{4}-\d{2}-\d{2}$/, () => "/warnings"],
  [/^\/warnings\/board\/view\/\d{4}-\d{2}-\d{2}$/, () => "/warnings/board"],
];

/** The internal path a page request is served from: "/zh-CN/2021-06", "/en". */
export function internalPath(locale: Locale, path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return `/${locale}${encoded === "/" ? "" : encoded}`;
}
