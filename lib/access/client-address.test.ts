import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  installClientAddressHeader,
  sanitiseIncomingHeaders,
  trustedProxyCount,
} from "@/lib/access/client-address";

describe("clientAddressOf", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("::ffff:127.0.0.1", "10.9.9.9", 0)).toBe("127.0.0.1");
    expect(clientAddressOf("203.0.113.7", "10.9.9.10, 10.9.9.11", 0)).toBe("203.0.113.7");
    expect(clientAddressOf(undefined, "10.9.9.9", 0)).toBe("unknown");
  });
  it("behind N trusted proxies, is what the outermost one saw (never an entry the client wrote)", () => {
    // client 198.51.100.4 wrote "10.9.9.9"; the proxy (127.0.0.1) appended the address it saw.
    expect(clientAddressOf("127.0.0.1", "10.9.9.9, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientAddressOf("127.0.0.1", "10.9.9.9, 198.51.100.4, 192.0.2.1", 2)).toBe("198.51.100.4");
    expect(clientAddressOf("127.0.0.1", undefined, 1)).toBe("127.0.0.1");
  });
  it("reads TRUSTED_PROXY_COUNT strictly", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("2")).toBe(2);
    expect(trustedProxyCount("-1")).toBe(0);
    expect(trustedProxyCount("x")).toBe(0);
  });
});

describe("installClientAddressHeader", () => {
  it("overwrites a forged header with the socket's address on a real HTTP server", async () => {
    installClientAddressHeader(0);
    const server = http.createServer((req, res) => res.end(String(req.headers[CLIENT_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [CLIENT_ADDRESS_HEADER]: "10.9.9.9", "x-forwarded-for": "10.9.9.9" },
      });
      expect(await response.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});

describe("sanitiseIncomingHeaders (issue 19, item 8)", () => {
  const forwarded = () => ({
    host: "127.0.0.1:3000",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
  });
  it("drops X-Forwarded-Host/-Proto/-Port a client sent straight to the app", () => {
    const headers: http.IncomingHttpHeaders = forwarded();
    sanitiseIncomingHeaders(headers, "127.0.0.1", 0);
    expect(headers).toEqual({ host: "127.0.0.1:3000", [CLIENT_ADDRESS_HEADER]: "127.0.0.1" });
  });
  it("keeps them behind a trusted proxy, which sets them itself", () => {
    const headers: http.IncomingHttpHeaders = forwarded();
    sanitiseIncomingHeaders(headers, "127.0.0.1", 1);
    expect(headers["x-forwarded-host"]).toBe("evil.example");
    expect(headers["x-forwarded-proto"]).toBe("https");
  });
  it("on a real HTTP server, the handler never sees a forged X-Forwarded-Host", async () => {
    installClientAddressHeader(0);
    const server = http.createServer((req, res) => res.end(String(req.headers["x-forwarded-host"])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-host": "evil.example" } });
      expect(await response.text()).toBe("undefined");
    } finally {
      server.close();
    }
  });
});
