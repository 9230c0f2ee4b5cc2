// The client's address, for the sign-in throttle and the audit log.
//
// By default it is the TCP peer of the request: a client cannot choose it.
// Behind N reverse proxies (TRUSTED_PROXY_COUNT=N, each appending to
// X-Forwarded-For) it is the address the outermost trusted proxy saw: the
// Nth entry from the right of "X-Forwarded-For, peer". Entries left of that are
// whatever the client wrote, and are never used.
//
// Next's request objects do not expose the socket, and Next fills
// X-Forwarded-For from the socket only when the client sent none. So the
// address is computed where the socket is known, as the raw request arrives
// (installClientAddressHeader, from instrumentation.ts), and handed on in a
// header of ours, after deleting any copy the client sent.
//
// The same goes for X-Forwarded-Host, -Proto and -Port: Auth.js builds its redirect
// URLs on them and Next its request URL, so a client sending
// `X-Forwarded-Host: evil.example` straight to the app picked the host of the redirect
// after sign-in (issue 19, item 8). They are deleted here unless TRUSTED_PROXY_COUNT
// says a reverse proxy is in front (nginx sets them itself, overwriting the client's).
import type http from "node:http";
import { onEveryRequest } from "@/lib/http/every-request";

export const CLIENT_ADDRESS_HEADER = "x-dashboard-client-address";

/** "::ffff:127.0.0.1" → "127.0.0.1"; trims; "unknown" for nothing. */
function plain(address: string | undefined): string {
  const a = address?.trim() ?? "";
  if (!a) return "unknown";
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string {
  if (trustedProxies <= 0) return plain(peer);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    plain(peer),
  ];
  // Fewer hops than trusted proxies: the request skipped them; the leftmost is the best there is.
  return plain(chain[Math.max(0, chain.length - 1 - trustedProxies)]);
}

export function trustedProxyCount(value = process.env.TRUSTED_PROXY_COUNT): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** Headers only a trusted reverse proxy may set: the host and scheme the client asked for. */
export const FORWARDED_HOST_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"] as const;

/** What a raw request's headers become as it arrives: our client address set, untrusted forwarding headers gone. */
export function sanitiseIncomingHeaders(
  headers: http.IncomingHttpHeaders,
  peer: string | undefined,
  trustedProxies: number,
): void {
  headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(peer, headers["x-forwarded-for"], trustedProxies);
  if (trustedProxies <= 0) for (const name of FORWARDED_HOST_HEADERS) delete headers[name];
}

/**
 * Sets CLIENT_ADDRESS_HEADER on every request any HTTP server of this process receives,
 * and drops the forwarding headers no trusted proxy vouches for.
 */
export function installClientAddressHeader(trustedProxies = trustedProxyCount()): void {
  onEveryRequest("clientAddressHeader", (request) =>
    sanitiseIncomingHeaders(request.headers, request.socket?.remoteAddress, trustedProxies),
  );
}
