// The security headers of every response (docs/access.md, "Headers"), set on the Node response
// as each request arrives, before Next handles it. They were next.config.ts `headers()` rules:
// Next matched those per request and compiled each value with path-to-regexp on every response
// (about 3 % of a cached page's CPU in a profile, issue 23). Set here once, they cost a few
// setHeader calls and reach every answer alike: pages, refusals the proxy draws itself, route
// handlers, built assets. Installed once per server process by instrumentation.ts.
import type http from "node:http";
import { onEveryRequest } from "./every-request";

/** One year (nginx sends the same, scripts/nginx-conf.ts); no includeSubDomains: other hosts of the domain are not the app's to decide. */
export const HSTS_VALUE = "max-age=31536000";

// Pages are prerendered and shared by every viewer, so scripts cannot carry per-request nonces:
// inline scripts are allowed, eval is not (React needs eval only in development).
export function contentSecurityPolicy(production: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(production: boolean): ReadonlyArray<readonly [string, string]> {
  return [
    ["Content-Security-Policy", contentSecurityPolicy(production)],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
  ];
}

/**
 * The headers of one response. HSTS only for a request that came over HTTPS, which the app knows
 * from X-Forwarded-Proto when, and only when, a trusted proxy sets it (TRUSTED_PROXY_COUNT,
 * lib/access/client-address.ts): a browser ignores HSTS over http anyway, and it must not reach a
 * plain-http installation because a client said "https".
 */
export function setSecurityHeaders(
  request: Pick<http.IncomingMessage, "headers">,
  response: Pick<http.ServerResponse, "setHeader">,
  options: { headers: ReadonlyArray<readonly [string, string]>; trustForwardedProto: boolean },
): void {
  for (const [name, value] of options.headers) response.setHeader(name, value);
  if (options.trustForwardedProto && request.headers["x-forwarded-proto"] === "https")
    response.setHeader("Strict-Transport-Security", HSTS_VALUE);
}

/** Sets the security headers on every response of every HTTP server of this process. Idempotent. */
export function installSecurityHeaders({
  production,
  trustForwardedProto,
}: {
  production: boolean;
  trustForwardedProto: boolean;
}): void {
  const options = { headers: securityHeaders(production), trustForwardedProto };
  onEveryRequest("securityHeaders", (request, response) => setSecurityHeaders(request, response, options));
}
