// The one reading of a request path that access decisions are made on.
//
// Next decodes each route segment once before it picks a page (so
// `/%32021-06/units/x04` renders month "2021-06", unit "x04"); the decision
// must see the same thing, so the path is percent-decoded exactly once here.
// Anything that could be read two ways is refused rather than interpreted:
// a second layer of encoding (`%` left after decoding), dot segments (also
// when they were encoded, or appeared by decoding `%2F`), empty segments
// (`//`), backslashes, `;` parameters, control characters and segments with
// leading or trailing white space. One trailing slash is accepted.
// Then the language prefix is taken off (readRequestPath): "/en/2021-06" is
// decided as "/2021-06" in English, so both languages get the same rules.
import { isLanguageFree, splitLocale } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

/** The decoded, normalised path ("/2021-06/units/d08"), or null when the path must be refused. */
export function normaliseRequestPath(rawPath: string): string | null {
  if (!rawPath.startsWith("/")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed escape such as "%E4%B8" or "%zz"
  }
  if (/[\u0000-\u001f\u007f\\;%]/.test(decoded)) return null;
  if (decoded === "/") return "/";
  const segments = decoded.slice(1).split("/");
  if (segments.length > 1 && segments[segments.length - 1] === "") segments.pop();
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") return null;
    if (segment !== segment.trim()) return null;
  }
  return `/${segments.join("/")}`;
}

/**
 * The language and the path without its language prefix ("/en/2021-06/units/d08"
 * → en, "/2021-06/units/d08"), or null when the path must be refused. Only the
 * literal, lower-case "en" (also when it was percent-encoded, "/%65n/…") is a
 * prefix; "/EN/…", "/en/en/…" and the internal "/zh-CN/…" keep their odd first
 * segment and match no rule. Route handlers and assets have no English URL.
 */
export function readRequestPath(rawPath: string): { locale: Locale; path: string } | null {
  const path = normaliseRequestPath(rawPath);
  if (path === null) return null;
  const split = splitLocale(path);
  if (split.locale === "en" && isLanguageFree(split.path)) return null;
  return split;
}
