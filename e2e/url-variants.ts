// The URL-variant attack's one builder (issue 9): every way of writing a path that a careless gate
// might decide one way and the router serve another way, and raw GETs that send a path exactly as
// written. e2e/attacks.spec.ts runs it over its lists of targets; e2e/supervision-feed.spec.ts over
// one case's URLs.
import { readFileSync } from "node:fs";
import http from "node:http";
import { type AccountKey, storageStateOf } from "./accounts";

export const baseURL = () => new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000");

export function cookieHeader(account: AccountKey): string {
  const state = JSON.parse(readFileSync(storageStateOf(account), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** GET with the path sent exactly as written (no client-side normalisation). */
function send(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; location?: string }> {
  const base = baseURL();
  return new Promise((resolve, reject) => {
    const request = http.request({ host: base.hostname, port: base.port, path, method: "GET", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          location: response.headers.location,
        }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/**
 * send, and for RSC requests as the browser's router sends them: Next 16 redirects an RSC
 * request without the right _rsc cache-busting value (computed from the router headers) to the
 * same URL with it. Followed once, so that the RSC and prefetch variants are really rendered (they
 * were only ever redirected before, and a 307 carries no figures either way).
 */
export async function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const reply = await send(path, headers);
  if (headers.RSC && reply.status === 307 && /[?&]_rsc\b/.test(reply.location ?? ""))
    return send(reply.location!, headers);
  return reply;
}

export const enc = (text: string) =>
  [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");

/** Every way of writing /segments… (a query, when given, is appended to each as written). */
export function variants(segments: string[], query = ""): string[] {
  const join = (parts: string[]) => `/${parts.join("/")}`;
  const out = new Set<string>([
    join(segments),
    `${join(segments)}/`,
    `${join(segments)}%2F`,
    `${join(segments)}%20`,
    `${join(segments)};x=1`,
    `/${join(segments)}`,
    join(segments).replaceAll("/", "//"),
    join(segments).replaceAll("/", "/./"),
    join(segments).replaceAll("/", "/%2e/"),
    `/x/..${join(segments)}`,
    `/x/%2e%2e${join(segments)}`,
    `/_next/static/..${join(segments)}`,
    `/_next/static/%2e%2e${join(segments)}`,
    join(segments.map(enc)),
    join(segments.map((s) => s.toUpperCase())),
  ]);
  segments.forEach((_, i) => {
    const one = (f: (s: string) => string) => join(segments.map((s, j) => (j === i ? f(s) : s)));
    out.add(one(enc));
    out.add(one((s) => enc(s[0]!) + s.slice(1)));
    out.add(one((s) => enc(enc(s))));
    out.add(one((s) => `x%2F..%2F${s}`));
    out.add(one((s) => `${s}%00`));
  });
  return [...out].map((p) => p + query);
}

/** variants, and the same behind the language prefix written every way (/en, /%65n, /EN, the internal /zh-CN). */
export function localeVariants(segments: string[], query = ""): string[] {
  const path = segments.join("/");
  return [
    ...variants(segments, query),
    ...variants(["en", ...segments], query),
    ...[`/%65n/${path}`, `/zh-CN/${path}`, `/en/zh-CN/${path}`, `/en%2F${segments.join("%2F")}`].map((p) => p + query),
  ];
}

export const HEADERS: Record<string, Record<string, string>> = {
  plain: {},
  rsc: { RSC: "1" },
  prefetch: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" },
};
