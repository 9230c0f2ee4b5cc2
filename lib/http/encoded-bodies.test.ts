// Large string bodies written from kept UTF-8 bytes (issue 23), on a real node:http server whose
// responses are a subclass, so that only this test's server is patched: the bytes on the wire are the
// string's, callbacks run, small bodies and other encodings are left alone, and the kept bytes stay
// within their bound.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_KEPT_LENGTH, reuseEncodedBodies } from "./encoded-bodies";

class KeptResponse<R extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<R> {}
const page = (n: number) => `<!DOCTYPE html><p>${n}</p>${"政务服务运行情况，达州市。".repeat(MIN_KEPT_LENGTH / 10)}`;
const PAGES = [page(1), page(2)];
const bound = Buffer.byteLength(PAGES[0]!) + 100; // room for one page, not two
const kept = reuseEncodedBodies(KeptResponse.prototype, bound);
let callbacks = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer({ ServerResponse: KeptResponse }, (request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    const body = url.pathname === "/small" ? "小" : PAGES[Number(url.searchParams.get("page") ?? 0)]!;
    response.setHeader("content-type", "text/html; charset=utf-8");
    if (url.pathname === "/latin1") {
      const ascii = "x".repeat(MIN_KEPT_LENGTH + 1);
      response.setHeader("content-length", ascii.length);
      response.end(ascii, "latin1");
      return;
    }
    response.setHeader("content-length", Buffer.byteLength(body));
    if (url.pathname === "/callback") response.end(body, () => (callbacks += 1));
    else if (url.pathname === "/encoding") response.end(body, "utf8", () => (callbacks += 1));
    else response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const bytesOf = async (path: string) => Buffer.from(await (await fetch(base + path)).arrayBuffer());

describe("reuseEncodedBodies", () => {
  it("writes a large body's exact bytes, keeping them once however often it is written", async () => {
    for (let i = 0; i < 3; i++) expect((await bytesOf("/?page=0")).equals(Buffer.from(PAGES[0]!))).toBe(true);
    expect(kept.size()).toBe(1);
    expect(kept.bytes()).toBe(Buffer.byteLength(PAGES[0]!));
    expect((await bytesOf("/callback?page=0")).toString("utf8")).toBe(PAGES[0]);
    expect((await bytesOf("/encoding?page=0")).toString("utf8")).toBe(PAGES[0]);
    expect(callbacks).toBe(2);
  });

  it("leaves small bodies and other encodings alone, and keeps no more bytes than its bound", async () => {
    expect((await bytesOf("/small")).toString("utf8")).toBe("小");
    expect((await bytesOf("/latin1")).length).toBe(MIN_KEPT_LENGTH + 1);
    expect(kept.size()).toBe(1);
    expect((await bytesOf("/?page=1")).toString("utf8")).toBe(PAGES[1]);
    // The second page pushed the first out: one kept, within the bound.
    expect(kept.size()).toBe(1);
    expect(kept.bytes()).toBeLessThanOrEqual(bound);
    expect((await bytesOf("/?page=0")).toString("utf8")).toBe(PAGES[0]);
  });
});
