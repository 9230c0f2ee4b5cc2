import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { dropInternalResponseHeaders } from "./internal-response-headers";

describe("dropInternalResponseHeaders (issue 19, information)", () => {
  it("a real HTTP response never carries x-middleware-rewrite; other headers pass", async () => {
    dropInternalResponseHeaders();
    const server = http.createServer((_req, res) => {
      // What Next's router does with the routing result of a proxy rewrite.
      res.setHeader("x-middleware-rewrite", "/zh-CN/2021-06");
      res.setHeader("X-Middleware-Rewrite", "/zh-CN/2021-06");
      res.setHeader("x-nextjs-rewritten-path", "/zh-CN/2021-06");
      res.setHeader("cache-control", "private, no-cache");
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/2021-06`);
      expect(response.headers.get("x-middleware-rewrite")).toBeNull();
      expect(response.headers.get("x-nextjs-rewritten-path")).toBe("/zh-CN/2021-06");
      expect(response.headers.get("cache-control")).toBe("private, no-cache");
      expect(await response.text()).toBe("ok");
    } finally {
      server.close();
    }
  });
});
