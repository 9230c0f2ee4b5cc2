import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { contentSecurityPolicy, HSTS_VALUE, securityHeaders, setSecurityHeaders } from "./security-headers";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real server whose handler sets the headers as the installed hook does, and one answer of it. */
async function answer(trustForwardedProto: boolean, requestHeaders: Record<string, string> = {}) {
  const options = { headers: securityHeaders(true), trustForwardedProto };
  server = http.createServer((request, response) => {
    setSecurityHeaders(request, response, options);
    response.end("ok");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return fetch(`http://127.0.0.1:${port}/`, { headers: requestHeaders });
}

describe("security headers", () => {
  it("production's CSP allows no eval and no framing; development's allows eval (React needs it there)", () => {
    expect(contentSecurityPolicy(true)).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(true)).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy(true)).toContain("object-src 'none'");
    expect(contentSecurityPolicy(false)).toContain("'unsafe-eval'");
  });

  it("every answer carries them", async () => {
    const response = await answer(false);
    expect(response.headers.get("content-security-policy")).toBe(contentSecurityPolicy(true));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toBe("camera=(), microphone=(), geolocation=()");
  });

  it("HSTS only when a trusted proxy says https", async () => {
    expect((await answer(true, { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBe(
      HSTS_VALUE,
    );
    expect((await answer(true, { "x-forwarded-proto": "http" })).headers.get("strict-transport-security")).toBeNull();
    // No proxy is trusted: a client's own X-Forwarded-Proto decides nothing.
    expect((await answer(false, { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBeNull();
  });
});
