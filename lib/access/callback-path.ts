// Where sign-in sends the user back: a path on this site, or the home page. The value comes from
// the sign-in form (a query parameter anyone can write), so it is an open redirect unless checked,
// and a header-breaking value unless cleaned: CR, LF, NUL or a non-ASCII character in it gave a
// 500 after a correct password (a Location header cannot carry them).
const ORIGIN = "http://callback.invalid";
const MAX_LENGTH = 2048;

/** The same-origin path `value` names, normalised (path, query, hash); "/" for anything else. */
export function callbackPath(value: string | undefined | null): string {
  if (!value || value.length > MAX_LENGTH) return "/";
  // Printable ASCII only: percent-encoded characters stay as they are, raw ones are refused.
  if (!/^\/[\x21-\x7e]*$/.test(value) || value.startsWith("//") || value.startsWith("/\\")) return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Where Auth.js may send the browser: a same-origin path, never a URL with a host. Auth.js
 * builds its base URL from the request (Host, or X-Forwarded-Host when a trusted proxy set it,
 * lib/access/client-address.ts) or from AUTH_URL; a relative Location needs neither, so no
 * header can move a redirect to another site (issue 19, item 8).
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  let path = url;
  try {
    const target = new URL(url, baseUrl);
    if (target.origin !== new URL(baseUrl).origin) return "/";
    path = `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return "/";
  }
  return callbackPath(path);
}
