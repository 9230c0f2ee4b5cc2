// The 403 answer to a page the viewer may not see, written by the proxy itself:
// a small self-contained page holding no data. (A rewrite to a prerendered
// /forbidden page was served with status 200 on a cold server.)
import { getMessages } from "@/lib/i18n/messages";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function forbiddenResponse(): Response {
  const t = getMessages();
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(t.auth.forbiddenTitle)}</title>
<style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f8fafc;color:#0f172a;margin:0}main{max-width:36rem;margin:4rem auto;padding:2rem;text-align:center}h1{font-size:1.25rem}p{color:#475569}a{color:#174c99}</style></head>
<body><main><h1 data-testid="forbidden">${escape(t.auth.forbiddenTitle)}</h1><p>${escape(t.auth.forbiddenBody)}</p><p><a href="/">${escape(t.errors.backHome)}</a></p></main></body></html>`;
  return new Response(html, {
    status: 403,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
