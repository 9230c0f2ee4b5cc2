// The answers the proxy gives itself when it refuses a request: small,
// self-contained pages (or JSON for /api/) that hold no data. (A rewrite to a
// prerendered /forbidden page was served with status 200 on a cold server.)

import { escapeHtml } from "@/lib/http/escape-html";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";

function page(
  status: 403 | 404 | 429,
  title: string,
  body: string,
  testId: string,
  locale: Locale = "zh-CN",
  headers: Record<string, string> = {},
): Response {
  const t = getMessages(locale);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a;margin:0}main{max-width:36rem;margin:4rem auto;padding:2rem;text-align:center}h1{font-size:1.25rem}p{color:#475569}a{color:#174c99}@media (prefers-color-scheme:dark){body{background:#0f172a;color:#f1f5f9}p{color:#cbd5e1}a{color:#93c5fd}}</style></head>
<body><main><h1 data-testid="${testId}">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(t.errors.backHome)}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store", ...headers },
  });
}

const json = (status: 401 | 403 | 404, error: string) =>
  Response.json({ error }, { status, headers: { "Cache-Control": "private, no-store" } });

export function forbiddenResponse(api = false): Response {
  const t = getMessages();
  return api ? json(403, "无权访问 / forbidden") : page(403, t.auth.forbiddenTitle, t.auth.forbiddenBody, "forbidden");
}

export function notFoundResponse(api = false, locale: Locale = "zh-CN"): Response {
  const t = getMessages(locale);
  return api
    ? json(404, "不存在 / not found")
    : page(404, t.errors.notFoundTitle, t.errors.notFoundBody, "not-found", locale);
}

export function unauthenticatedResponse(): Response {
  return json(401, "请先登录 / sign in first");
}

/** An account asked for too many never-seen pages this minute (lib/access/lookup-limit.ts): 429, in the page's language. */
export function tooManyLookupsResponse(locale: Locale, retryAfterSeconds: number): Response {
  const t = getMessages(locale);
  return page(
    429,
    t.errors.tooManyLookupsTitle,
    fill(t.errors.tooManyLookupsBody, { seconds: retryAfterSeconds }),
    "too-many-lookups",
    locale,
    { "Retry-After": String(retryAfterSeconds) },
  );
}
