// The tamper-evident audit trail (issue 22, 安全审计): append-only in the database, chained by an
// HMAC, one chain under concurrent writers, archived to signed files without breaking the chain.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { archiveAuditEvents } from "./archive";
import { AuditKeyError, auditKey, DEMO_AUDIT_KEY } from "./chain";
import { appendAuditEvent, recordAuditEvent } from "./record-audit-event";
import { verifyArchiveFile, verifyAuditChain } from "./verify-chain";

const DAY = 24 * 3600 * 1000;

async function writeSome(db: TestDatabase, n: number, action: "user.signIn" | "settings.update" = "user.signIn") {
  for (let i = 0; i < n; i++)
    await recordAuditEvent(db.prisma, {
      actorId: null,
      action,
      details: { i, note: "中文 and ascii", nested: { b: 1, a: [1.5, null] } },
    });
}

describe("append-only in the database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await writeSome(db, 3);
  });
  afterAll(() => db?.drop());

  it("refuses a direct SQL UPDATE, DELETE and TRUNCATE of an event, whoever asks", async () => {
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.deleteMany()).rejects.toThrow();
    expect(await db.prisma.auditEvent.count()).toBe(3);
  });

  it("refuses the archive's own switch for events that are not archived and old enough", async () => {
    // Setting the session variable by hand is not enough: the rows must be past 180 days and archived.
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('audit.archiving', 'on', true)`);
        await tx.$executeRawUnsafe(`DELETE FROM "AuditEvent"`);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.$queryRawUnsafe(`SELECT audit_archive_delete(3)`)).rejects.toThrow(/not archived/);
    expect(await db.prisma.auditEvent.count()).toBe(3);
  });

  it("keeps the chain's head and the archive records from being rewound or erased", async () => {
    await expect(db.prisma.$executeRawUnsafe(`UPDATE "AuditChain" SET "seq" = 1`)).rejects.toThrow(
      /only moves forward/,
    );
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditChain"`)).rejects.toThrow(/only moves forward/);
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditArchive"`)).resolves.toBe(0); // no rows: no trigger fires
    await expect(db.prisma.$executeRawUnsafe(`TRUNCATE "AuditArchive"`)).rejects.toThrow(/append-only/);
  });
});

describe("the HMAC chain and audit:verify", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("verifies a chain of events written in and out of transactions", async () => {
    await writeSome(db, 5);
    await db.prisma.$transaction(async (tx) => {
      await recordAuditEvent(tx, { actorId: null, action: "settings.update", details: { before: 1, after: 2 } });
      await recordAuditEvent(tx, {
        actorId: null,
        action: "settings.update",
        month: "2021-06",
        targetType: "Setting",
        targetId: "x",
      });
    });
    const report = await verifyAuditChain(db.prisma);
    expect(report).toMatchObject({ ok: true, checked: 7, head: { seq: 7 }, firstBroken: null });
    const rows = await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0]!.hash).toMatch(/^(sm3|sha256):[0-9a-f]{64}$/);
  });

  it("a forged row inserted without the HMAC breaks the chain at that row", async () => {
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "AuditEvent" ("action", "seq", "hash", "at") VALUES ('month.publish', 8, 'sm3:${"0".repeat(64)}', now())`,
    );
    const report = await verifyAuditChain(db.prisma);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 8 });
    expect(report.checked).toBe(7);
  });

  it("a row slipped in without a hash is found too, and the wrong key verifies nothing", async () => {
    const other = await createTestDatabase();
    try {
      await writeSome(other, 2);
      const { id } = await other.prisma.auditEvent.create({ data: { action: "user.create" } });
      const report = await verifyAuditChain(other.prisma);
      expect(report).toMatchObject({ ok: false, firstBroken: { seq: null, id } });
      const wrongKey = await verifyAuditChain(other.prisma, {
        key: Buffer.from("another-key-another-key-another-key"),
      });
      expect(wrongKey.firstBroken).toMatchObject({ seq: 1 });
    } finally {
      await other.drop();
    }
  });

  it("a changed event (triggers disabled by a superuser) breaks the chain at that event", async () => {
    const other = await createTestDatabase();
    try {
      await writeSome(other, 4);
      await other.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await other.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"i": 99}' WHERE "seq" = 3`);
      expect((await verifyAuditChain(other.prisma)).firstBroken).toMatchObject({ seq: 3 });
      // Removing the last event instead: the head no longer matches.
      await other.prisma.$executeRawUnsafe(
        `UPDATE "AuditEvent" SET "details" = '{"i": 2, "note": "中文 and ascii", "nested": {"a": [1.5, null], "b": 1}}' WHERE "seq" = 3`,
      );
      expect((await verifyAuditChain(other.prisma)).ok).toBe(true);
      await other.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 4`);
      expect((await verifyAuditChain(other.prisma)).firstBroken?.reason).toMatch(/head/);
    } finally {
      await other.drop();
    }
  });
});

describe("concurrent writers", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it("two app instances writing 60 events at once keep one chain: seq 1…60, no fork", async () => {
    const second = createPrismaClient(db.url, 3);
    try {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          recordAuditEvent(i % 2 ? db.prisma : second, { actorId: null, action: "user.signIn", details: { i } }),
        ),
      );
    } finally {
      await second.$disconnect();
    }
    const seqs = (await db.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } })).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true, checked: 60, head: { seq: 60 } });
  });
});

describe("retention: archived to signed files, the chain continues", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), "audit-archive-test-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it("refuses a retention below 180 days", async () => {
    await expect(archiveAuditEvents(db.prisma, { days: 179, dir })).rejects.toThrow(/180/);
  });

  it("archives the events past the retention, deletes them through the one allowed path, and verifies across", async () => {
    const now = Date.now();
    await db.prisma.$transaction(async (tx) => {
      for (let i = 0; i < 5; i++)
        await appendAuditEvent(
          tx,
          { actorId: null, action: "user.signIn", details: { old: i } },
          new Date(now - (400 - i) * DAY),
        );
      await appendAuditEvent(
        tx,
        { actorId: null, action: "user.signIn", details: { old: "recent" } },
        new Date(now - 10 * DAY),
      );
    });
    await writeSome(db, 2);
    expect(await archiveAuditEvents(db.prisma, { days: 365, dir })).toMatchObject({
      fromSeq: 1,
      toSeq: 5,
      eventCount: 5,
    });
    expect(await db.prisma.auditEvent.count({ where: { seq: { lte: 5 } } })).toBe(0);
    // Nothing more past the retention: the recent one stays.
    expect(await archiveAuditEvents(db.prisma, { days: 365, dir })).toBeNull();
    const report = await verifyAuditChain(db.prisma, { archiveDir: dir });
    // 3 left + the archive's own event.
    expect(report).toMatchObject({ ok: true, checked: 4, archives: { count: 1, events: 5, filesChecked: 1 } });
    const archive = await db.prisma.auditArchive.findFirstOrThrow();
    const file = path.join(dir, archive.fileName);
    expect(verifyArchiveFile(file, auditKey(), archive)).toBeNull();
    expect(readFileSync(`${file}.sig`, "utf8").trim()).toBe(archive.signature);

    // A changed archive file fails its check, and audit:verify with it.
    writeFileSync(file, readFileSync(file, "utf8").replace('"old":2', '"old":7'));
    expect(verifyArchiveFile(file, auditKey(), archive)).toMatch(/SHA-256/);
    expect(verifyArchiveFile(file, auditKey())).toMatch(/signature/);
    expect((await verifyAuditChain(db.prisma, { archiveDir: dir })).ok).toBe(false);
  });
});

describe("the key", () => {
  it("is the configured one; the demo key only outside production; refused in production without one", () => {
    expect(auditKey({ NODE_ENV: "test", AUDIT_HMAC_KEY: "k".repeat(32) }).toString()).toBe("k".repeat(32));
    expect(auditKey({ NODE_ENV: "development" }).toString()).toBe(DEMO_AUDIT_KEY);
    expect(() => auditKey({ NODE_ENV: "production" })).toThrow(AuditKeyError);
    expect(() => auditKey({ NODE_ENV: "test", AUDIT_HMAC_KEY: "short" })).toThrow(/32/);
  });
});
