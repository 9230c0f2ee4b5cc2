// POST /api/v1/cases against a real database: the machine token decides (no token, unknown,
// revoked, wrong scope), the Origin check is not applied to a bearer request (explicitly),
// batches are idempotent over the wire too (replayed, gzip of the same content), NDJSON is read
// as CSV, and a body over the limit is refused before it is held.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { foreignOriginRefusal } from "@/lib/http/same-origin";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { casesPostHandler } from "./cases-api";
import { readProvisionalMonth } from "./month-to-date";
import { MAX_BODY_BYTES, readBatchBody } from "./request-body";
import { createApiToken, hashToken, revokeApiToken } from "./tokens";

let db: TestDatabase;
let post: (request: Request) => Promise<Response>;
let token = "";

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUnits(db.prisma);
  post = casesPostHandler({ prisma: db.prisma, databaseUrl: () => db.url });
  token = (await createApiToken(db.prisma, { name: "平台推送", scope: "cases:ingest", actorId: null })).token;
});
afterAll(async () => {
  await db?.drop();
});

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n";
const CSV = `${HEADER}A100,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,\n`;

function request(
  body: BodyInit | null,
  options: { token?: string | null; type?: string; encoding?: string; date?: string; origin?: string } = {},
): Request {
  const headers = new Headers({ "content-type": options.type ?? "text/csv" });
  const bearer = options.token === undefined ? token : options.token;
  if (bearer !== null) headers.set("authorization", `Bearer ${bearer}`);
  if (options.encoding) headers.set("content-encoding", options.encoding);
  if (options.origin) headers.set("origin", options.origin);
  return new Request(`http://127.0.0.1:3000/api/v1/cases?date=${options.date ?? "2021-06-11"}&name=cases.csv`, {
    method: "POST",
    headers,
    body,
  });
}

describe("POST /api/v1/cases: the token", () => {
  it("no token: 401 with a JSON message and a Bearer challenge; nothing recorded", async () => {
    const response = await post(request(CSV, { token: null }));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await response.json()).error).toContain("缺少令牌");
    expect(await db.prisma.dailyBatch.count()).toBe(0);
  });

  it("an unknown token: 401", async () => {
    const response = await post(request(CSV, { token: "gsd_not-a-real-token-at-all" }));
    expect(response.status).toBe(401);
    expect((await response.json()).messageEn).toMatch(/invalid or revoked/i);
  });

  it("a token of another scope: 403", async () => {
    const other = "gsd_other-scope-token-0123456789";
    await db.prisma.apiToken.create({
      data: { name: "读取", scope: "cases:read", tokenHash: hashToken(other), prefix: other.slice(0, 10) },
    });
    const response = await post(request(CSV, { token: other }));
    expect(response.status).toBe(403);
    expect((await response.json()).messageEn).toMatch(/cases:ingest/);
    expect(await db.prisma.dailyBatch.count()).toBe(0);
  });

  it("a revoked token: 401; the revocation audited", async () => {
    const made = await createApiToken(db.prisma, { name: "旧令牌", scope: "cases:ingest", actorId: null });
    expect(await revokeApiToken(db.prisma, { id: made.id, actorId: null })).toEqual({ name: "旧令牌" });
    expect(await revokeApiToken(db.prisma, { id: made.id, actorId: null })).toBeNull();
    const response = await post(request(CSV, { token: made.token }));
    expect(response.status).toBe(401);
    expect(await db.prisma.auditEvent.count({ where: { action: "token.revoke", targetId: String(made.id) } })).toBe(1);
    const stored = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.tokenHash).toBe(hashToken(made.token));
    expect(JSON.stringify(stored)).not.toContain(made.token);
  });
});

describe("POST /api/v1/cases: the batch", () => {
  it("a valid token from any Origin (the Origin check is for sessions) ingests; the use is stamped and audited", async () => {
    const r = request(CSV, { origin: "https://elsewhere.example" });
    expect(foreignOriginRefusal(r)).not.toBeNull(); // withGuard would refuse it: the exemption is explicit
    const response = await post(r);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ingested", month: "2021-06", asOf: "2021-06-11", cases: 1, applied: 1 });
    expect(body.monthToDate).toEqual({ versionNumber: 1 });
    expect(await readProvisionalMonth(db.prisma, "2021-06")).toEqual({ month: "2021-06", asOf: "2021-06-11" });
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { action: "token.use", targetId: String(row.id) } })).toBe(1);
    const batch = await db.prisma.dailyBatch.findFirstOrThrow();
    expect(batch).toMatchObject({ source: "API", tokenId: row.id, caseCount: 1 });
  });

  it("the same batch replayed, plain or gzip: duplicate, nothing changes", async () => {
    const versions = await db.prisma.monthVersion.count();
    const replay = await post(request(CSV));
    expect(replay.status).toBe(200);
    expect((await replay.json()).status).toBe("duplicate");
    const gz = await post(request(gzipSync(Buffer.from(CSV)), { encoding: "gzip" }));
    expect((await gz.json()).status).toBe("duplicate");
    expect(await db.prisma.dailyBatch.count()).toBe(1);
    expect(await db.prisma.monthVersion.count()).toBe(versions);
  });

  it("gzip of a new batch: ingested, the case's later state replacing its earlier", async () => {
    const done = CSV.replace(/,\n$/, ",2021-06-15 10:00:00\n");
    const response = await post(request(gzipSync(Buffer.from(done)), { encoding: "gzip", date: "2021-06-15" }));
    expect(await response.json()).toMatchObject({ status: "ingested", applied: 1, stale: 0 });
    const row = await db.prisma.dailyCase.findUniqueOrThrow({ where: { caseNo: "A100" } });
    expect(row.completedAt?.toISOString()).toBe("2021-06-15T10:00:00.000Z");
  });

  it("NDJSON keyed by the column labels", async () => {
    const line = {
      办件编号: "A101",
      事项编码: "A1",
      事项名称: "户籍迁移",
      实施主体: "市公安局",
      办件类型: "即办件",
      "法定办结时限（工作日）": 1,
      "承诺办结时限（工作日）": "",
      申请方式: "窗口申请",
      是否批量件: "否",
      申请时间: "2021-06-15 09:00:00",
      受理时间: "2021-06-15 09:00:00",
      办结时间: "2021-06-15 09:20:00",
    };
    const response = await post(
      request(`${JSON.stringify(line)}\n`, { type: "application/x-ndjson", date: "2021-06-15" }),
    );
    expect(await response.json()).toMatchObject({ status: "ingested", cases: 1, applied: 1 });
    const broken = await post(request("{}\nnot json\n", { type: "application/x-ndjson" }));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toContain("第 2 行");
  });

  it("a bad batch: 422 with the row-level messages; nothing changes", async () => {
    const before = await db.prisma.dailyBatch.count();
    const bad = `${HEADER}A102,A1,户籍迁移,某某局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,\n`;
    const response = await post(request(bad, { date: "2021-06-16" }));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.status).toBe("refused");
    expect(body.problems[0].first[0]).toMatchObject({ file: "cases.csv", row: 2, column: "实施主体" });
    expect(body.problems[0].first[0].message).toContain("某某局");
    expect(await db.prisma.dailyBatch.count()).toBe(before);
    expect(await db.prisma.dailyCase.findUnique({ where: { caseNo: "A102" } })).toBeNull();
  });

  it("an oversize body: 413 (declared, streamed, or inflated from gzip); a wrong type or encoding: 415", async () => {
    const declared = request(CSV);
    const big = new Request(declared.url, {
      method: "POST",
      headers: { ...Object.fromEntries(declared.headers), "content-length": String(MAX_BODY_BYTES + 1) },
      body: CSV,
    });
    expect((await post(big)).status).toBe(413);
    await expect(readBatchBody(request("x".repeat(2000)), 1000)).rejects.toMatchObject({ status: 413 });
    const bomb = gzipSync(Buffer.alloc(100_000, 0x41));
    expect(bomb.length).toBeLessThan(1000);
    await expect(readBatchBody(request(bomb, { encoding: "gzip" }), 1000)).rejects.toMatchObject({ status: 413 });
    expect((await post(request(CSV, { type: "application/pdf" }))).status).toBe(415);
    expect((await post(request(CSV, { encoding: "br" }))).status).toBe(415);
    expect((await post(request(CSV, { date: "2021-02-30" }))).status).toBe(400);
  });
});
