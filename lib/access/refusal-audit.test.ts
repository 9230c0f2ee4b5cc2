// Gate refusals are audited, sampled (issue 22): an attack of thousands of refused requests writes
// one event per account or address and window, and a bounded number across all of them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(() => db?.drop());

const module = () => import("./refusal-audit");
beforeEach(async () => (await module()).forgetRefusalSamples());

describe("sampleRefusal", () => {
  it("records the first refusal of a subject per window and counts the rest into its next event", async () => {
    const { sampleRefusal, REFUSAL_WINDOW_MS } = await module();
    const t0 = 1_000 * REFUSAL_WINDOW_MS;
    expect(sampleRefusal("user:3", t0)).toEqual({ record: true, notRecordedBefore: 0, droppedLastWindow: 0 });
    for (let i = 0; i < 500; i++) expect(sampleRefusal("user:3", t0 + i).record).toBe(false);
    expect(sampleRefusal("address:192.0.2.1", t0).record).toBe(true);
    expect(sampleRefusal("user:3", t0 + REFUSAL_WINDOW_MS)).toEqual({
      record: true,
      notRecordedBefore: 500,
      droppedLastWindow: 0,
    });
  });

  it("writes at most REFUSALS_PER_WINDOW events a window across subjects, and says how many it dropped", async () => {
    const { sampleRefusal, REFUSAL_WINDOW_MS, REFUSALS_PER_WINDOW } = await module();
    const t0 = 2_000 * REFUSAL_WINDOW_MS;
    const recorded = Array.from({ length: 1_000 }, (_, i) => sampleRefusal(`address:10.0.${i >> 8}.${i & 255}`, t0));
    expect(recorded.filter((r) => r.record)).toHaveLength(REFUSALS_PER_WINDOW);
    expect(sampleRefusal("user:9", t0 + REFUSAL_WINDOW_MS)).toMatchObject({
      record: true,
      droppedLastWindow: 1_000 - REFUSALS_PER_WINDOW,
    });
  });
});

describe("auditRefusal", () => {
  it("200 refused requests of one account write one chained event with the path", async () => {
    const { auditRefusal } = await module();
    const user = await db.prisma.user.create({
      data: { username: "probe", displayName: "p", passwordHash: "x", role: "AUDITOR" },
    });
    for (let i = 0; i < 200; i++)
      await auditRefusal({ userId: user.id, address: "192.0.2.7", path: `/admin/users/${i}`, decision: "forbidden" });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "access.refused" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, details: { path: "/admin/users/0", decision: "forbidden" } });
    expect(events[0]!.hash).toMatch(/^(sm3|sha256):/);
  });
});
