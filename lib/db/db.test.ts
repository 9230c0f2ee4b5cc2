// Page reads on a replica (lib/db/index.ts): without one they are plain reads on the primary; a
// replica that refuses connections sends them to the primary with the same answer; a server
// that is not in recovery (a replica URL naming a primary) is always current. The streaming
// replica itself, stopped and restarted, is tested on the real topology (test/cluster/).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { pageRead, parseLsn, prisma, recordReportDataWrite } from "./index";

let db: TestDatabase;
const globals = globalThis as unknown as {
  prisma?: PrismaClient;
  prismaReplica?: PrismaClient;
  replicaDownUntil?: number;
};

async function useReplica(url: string | undefined): Promise<void> {
  await globals.prismaReplica?.$disconnect();
  delete globals.prismaReplica;
  delete globals.replicaDownUntil;
  if (url) process.env.DATABASE_REPLICA_URL = url;
  else delete process.env.DATABASE_REPLICA_URL;
}

const unitCount = (client: PrismaClient) => client.unit.count();

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.unit.create({ data: { code: "t01", name: "测试单位", kind: "DEPARTMENT", sortOrder: 1 } });
  process.env.DATABASE_URL = db.url;
  delete process.env.REDIS_URL;
});

afterAll(async () => {
  await useReplica(undefined);
  await globals.prisma?.$disconnect();
  delete globals.prisma;
  await db?.drop();
});

describe("page reads", () => {
  it("parses WAL positions", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe(0x16b374d848n);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
    expect(() => parseLsn("nonsense")).toThrow(/WAL position/);
  });

  it("without DATABASE_REPLICA_URL: on the primary, and recording a write is a no-op", async () => {
    await useReplica(undefined);
    const used: PrismaClient[] = [];
    expect(
      await pageRead((client) => {
        used.push(client);
        return unitCount(client);
      }),
    ).toBe(1);
    expect(used).toEqual([prisma]);
    await recordReportDataWrite();
  });

  it("a replica that refuses connections: the same answer from the primary, one warning", async () => {
    await useReplica("postgresql://postgres@127.0.0.1:1/none");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await pageRead(unitCount)).toBe(1);
      expect(await pageRead(unitCount)).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/replica unavailable, reading from the primary: \S/);
    } finally {
      warn.mockRestore();
    }
  });

  it("a replica URL that names a server not in recovery: always current, reads go there", async () => {
    await useReplica(db.url);
    await recordReportDataWrite(); // the primary's position is noted in this process (no Redis)
    const used: PrismaClient[] = [];
    expect(
      await pageRead((client) => {
        used.push(client);
        return unitCount(client);
      }),
    ).toBe(1);
    expect(used).toHaveLength(1);
    expect(used[0]).not.toBe(prisma);
    expect(used[0]).toBe(globals.prismaReplica);
  });
});
