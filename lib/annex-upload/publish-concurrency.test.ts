// Integration (real PostgreSQL, several connections): publishing and rolling back one month at
// the same moment. Each race is forced, not hoped for: the first transaction to write a version
// holds (inside its lock) until the other one is seen waiting on a lock in pg_stat_activity, so
// the second always reads the month after the first has committed. Checked: exactly one
// succeeds, the other is refused with a message saying why; versions are numbered without gaps;
// the upload behind the replaced version is SUPERSEDED; the audit names the true previous version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTemplateWorkbook, workbookBytes } from "@/lib/annex-upload/parse";
import { MONTH, referenceMonth } from "@/lib/annex-upload/parse/test-support";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rollbackMonth } from "@/lib/month-versions/rollback-month";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { type PublishHooks, publishUpload } from "./publish-upload";
import { stageUpload } from "./stage-upload";

let db: TestDatabase;
let adminId: number;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 1 });
  adminId = (await db.prisma.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
});
afterAll(() => db?.drop());

/** pglite-server runs one query at a time: no second backend can wait on a lock. */
const onPostgres = () => db.kind === "postgres";

/**
 * The first caller waits (up to 10 s) until another backend of this database waits on a lock;
 * `raced()` says whether one did (the test asserts it: the race really happened).
 */
function holdUntilOtherWaits(onHold: () => void = () => {}): PublishHooks & { raced: () => boolean } {
  let first = true;
  let sawWaiter = false;
  return {
    raced: () => sawWaiter,
    afterVersion: async (tx: Prisma.TransactionClient) => {
      if (!first) return;
      first = false;
      onHold();
      for (let i = 0; i < 200; i++) {
        // Inside a transaction PostgreSQL keeps its first view of pg_stat_activity: without this,
        // a second publisher arriving after the first look would never be seen.
        await tx.$queryRaw`SELECT pg_stat_clear_snapshot()::text`;
        const [row] = await tx.$queryRaw<Array<{ n: bigint }>>`
          SELECT count(*) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`;
        if (Number(row!.n) > 0) {
          sawWaiter = true;
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** A staged upload of the reference month with every unit's `completed` raised by `delta`. */
async function stage(delta: number): Promise<number> {
  const rows = referenceMonth.rows.map((r) => ({ ...r, completed: r.completed + delta }));
  const bytes = await workbookBytes(buildTemplateWorkbook({ month: MONTH, units: rows }));
  const staged = await stageUpload(db.prisma, { fileName: `plus-${delta}.xlsx`, bytes, uploadedById: adminId });
  if (staged.kind !== "staged") throw new Error(`not staged: ${JSON.stringify(staged).slice(0, 300)}`);
  return staged.uploadId;
}

async function history() {
  const month = await db.prisma.reportMonth.findUniqueOrThrow({
    where: { month: MONTH },
    include: { currentVersion: true },
  });
  const versions = await db.prisma.monthVersion.findMany({ where: { month: MONTH }, orderBy: { number: "asc" } });
  const audits = await db.prisma.auditEvent.findMany({
    where: { month: MONTH, action: { in: ["month.publish", "month.rollback"] } },
    orderBy: { id: "asc" },
  });
  return {
    current: month.currentVersion!,
    numbers: versions.map((v) => v.number),
    versions,
    /** version → previousVersion, as the audit records it */
    previous: Object.fromEntries(
      audits.map((a) => [
        (a.details as { version: number }).version,
        (a.details as { previousVersion: number | null }).previousVersion,
      ]),
    ),
  };
}

const status = async (id: number) => (await db.prisma.upload.findUniqueOrThrow({ where: { id } })).status;

describe("publishing one month concurrently", () => {
  it("two different uploads at once: one becomes version 2, the other is refused (its preview was of version 1); history stays consistent", async () => {
    if (!onPostgres()) return;
    const [a, b] = [await stage(1), await stage(2)];
    const hooks = holdUntilOtherWaits();
    const results = await Promise.allSettled([
      publishUpload(
        db.prisma,
        { uploadId: a, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
        hooks,
      ),
      publishUpload(
        db.prisma,
        { uploadId: b, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
        hooks,
      ),
    ]);
    expect(hooks.raced()).toBe(true);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const [ra, rb] = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof publishUpload>>>).value);
    const won = [ra, rb].filter((r) => r!.ok);
    const lost = [ra, rb].filter((r) => !r!.ok);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ ok: true, number: 2 });
    expect(lost[0]).toMatchObject({ ok: false, reason: "stale-preview" });
    expect(lost[0]!.ok === false && lost[0]!.message).toBe(
      `未发布：此预览是对照 ${MONTH} 第 1 版检查的，但此后第 2 版已经发布并成为当前版本。请刷新预览，对照第 2 版重新检查后再发布。`,
    );
    const [winner, loser] = ra!.ok ? [a, b] : [b, a];
    expect(await status(winner)).toBe("COMMITTED");
    expect(await status(loser)).toBe("STAGED");
    let h = await history();
    expect(h.numbers).toEqual([1, 2]);
    expect(h.current.number).toBe(2);
    expect(h.current.uploadId).toBe(winner);
    expect(h.previous).toEqual({ 2: 1 });

    // The refused admin reloads the preview (now against version 2) and publishes: version 3
    // replaces the winner's, whose upload is SUPERSEDED; the audit says it replaced version 2.
    const again = await publishUpload(db.prisma, {
      uploadId: loser,
      actorId: adminId,
      acknowledgeWarnings: true,
      acknowledgeGaps: true,
      baseVersionId: h.current.id,
    });
    expect(again).toMatchObject({ ok: true, number: 3 });
    expect(await status(winner)).toBe("SUPERSEDED");
    expect(await status(loser)).toBe("COMMITTED");
    h = await history();
    expect(h.numbers).toEqual([1, 2, 3]);
    expect(h.previous).toEqual({ 2: 1, 3: 2 });
  });

  it("the same upload twice at once: one version, and the second answers that it is already published", async () => {
    if (!onPostgres()) return;
    const before = await history();
    const id = await stage(3);
    const hooks = holdUntilOtherWaits();
    const results = await Promise.allSettled([
      publishUpload(
        db.prisma,
        { uploadId: id, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
        hooks,
      ),
      publishUpload(
        db.prisma,
        { uploadId: id, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
        hooks,
      ),
    ]);
    expect(hooks.raced()).toBe(true);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof publishUpload>>>).value);
    const next = before.current.number + 1;
    expect(values.filter((r) => r.ok)).toEqual([expect.objectContaining({ ok: true, number: next })]);
    expect(values.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "not-staged", message: `该上传已发布为 ${MONTH} 第 ${next} 版，不能再次发布。` },
    ]);
    const h = await history();
    expect(h.numbers).toEqual([...before.numbers, next]);
    expect(h.current.uploadId).toBe(id);
    expect(await status(id)).toBe("COMMITTED");
    expect(await status(before.current.uploadId!)).toBe("SUPERSEDED");
    expect(h.previous[next]).toBe(before.current.number);
  });

  it("a rollback and a publish at once: one lands, the other is refused; the audit names the true previous version", async () => {
    if (!onPostgres()) return;
    const before = await history();
    const id = await stage(4);
    const v1 = before.versions[0]!;
    // The publish goes first and holds inside the month's lock; the rollback starts then.
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const hooks = holdUntilOtherWaits(held);
    const publishing = publishUpload(
      db.prisma,
      { uploadId: id, actorId: adminId, acknowledgeWarnings: true, acknowledgeGaps: true },
      hooks,
    );
    await Promise.race([holding, publishing]);
    const rollingBack = rollbackMonth(db.prisma, {
      month: MONTH,
      versionId: v1.id,
      actorId: adminId,
      expectedCurrentVersionId: before.current.id,
    });
    const [published, rolled] = await Promise.all([publishing, rollingBack]);
    expect(hooks.raced()).toBe(true);
    const next = before.current.number + 1;
    expect(published).toMatchObject({ ok: true, number: next });
    expect(rolled).toEqual({
      ok: false,
      message: `未回退：此页面显示时 ${MONTH} 的当前版本是第 ${before.current.number} 版，但此后第 ${next} 版已经成为当前版本。请刷新页面后再操作。`,
    });
    const h = await history();
    expect(h.numbers).toEqual([...before.numbers, next]);
    expect(h.previous[next]).toBe(before.current.number);

    // Asked again from the refreshed page: the rollback lands and records what it replaced.
    const retried = await rollbackMonth(db.prisma, {
      month: MONTH,
      versionId: v1.id,
      actorId: adminId,
      expectedCurrentVersionId: h.current.id,
    });
    expect(retried).toMatchObject({ ok: true, number: next + 1 });
    expect(await status(id)).toBe("SUPERSEDED");
    expect((await history()).previous[next + 1]).toBe(next);
  });
});
