import "server-only";
import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { escapeHtml } from "@/lib/http/escape-html";
// A download asked for a month (or unit) that has no published data: answered with a small
// page in the reader's language (Accept-Language), naming what was asked for and listing the
// months that exist, instead of JSON a browser shows as raw text.
import { localePath, splitLocale } from "@/lib/i18n/locale";
import { getMessages, type Locale } from "@/lib/i18n/messages";
import { getPublishedMonths } from "@/lib/month-versions/server";

/**
 * The language of the page the download was opened from (its Referer: /en/… is English,
 * another page of this site Chinese); without one, zh first: English only when the
 * browser prefers it to any Chinese.
 */
export function localeOf(request: Request): Locale {
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      const from = new URL(referer);
      if (from.host === new URL(request.url).host) return splitLocale(from.pathname).locale;
    } catch {
      // not a URL: fall back to the browser's languages
    }
  }
  const header = request.headers.get("accept-language") ?? "";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh-CN";
}

export async function missingDownloadResponse(request: Request, asked: string): Promise<Response> {
  const locale = localeOf(request);
  const t = getMessages(locale).readers.errors;
  const months = (await getPublishedMonths()).map((m) => m.month).reverse();
  const label = (month: string) => (locale === "zh-CN" ? formatMonthLabel(month) : month);
  const askedText = isMonth(asked) && locale === "zh-CN" ? formatMonthLabel(asked) : asked;
  const list = months
    .map((m) => `<li><a href="${localePath(locale, `/${m}`)}">${escapeHtml(label(m))}</a></li>`)
    .join("");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t.downloadMissingTitle)}</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f8fafc;color:#0f172a;margin:0}main{max-width:36rem;margin:4rem auto;padding:2rem}h1{font-size:1.25rem}p{color:#334155}a{color:#174c99}ul{columns:2;padding-left:1.2rem}</style></head>
<body><main><h1 data-testid="download-missing">${escapeHtml(t.downloadMissingTitle)}</h1><p>${escapeHtml(t.downloadMissingBody.replace("{asked}", askedText))}</p><p>${escapeHtml(t.monthsThatExist)}</p><ul>${list}</ul><p><a href="${localePath(locale, "/")}">${escapeHtml(t.backHome)}</a></p></main></body></html>`;
  return new Response(html, {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
