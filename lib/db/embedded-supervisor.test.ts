// The embedded database under `npm start` when its process dies (issue 19, item 10): the real
// PGlite server process, killed with SIGKILL. It comes back on the same URL with its data, a
// bounded number of times; past that the owner is told to give up. And a lock file left by a
// dead process — or naming a pid that now belongs to another process — does not block a start.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";
import { type SupervisedDatabase, startSupervisedEmbeddedDatabase } from "./embedded-supervisor";

const dir = mkdtempSync(path.join(tmpdir(), "embedded-supervisor-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const answers = (url: string) => () =>
  query(url, "SELECT 1").then(
    () => true,
    () => false,
  );

describe("the supervised embedded database", () => {
  it("killed with SIGKILL it is restarted on the same URL with its data; after the last allowed restart the owner is told to give up", async () => {
    const logs: string[] = [];
    const gaveUp: string[] = [];
    let db: SupervisedDatabase | undefined;
    try {
      db = await startSupervisedEmbeddedDatabase({
        dataDir: path.join(dir, "data"),
        maxRestarts: 1,
        log: (m) => logs.push(m),
        onGiveUp: (m) => gaveUp.push(m),
      });
      const url = db.url;
      await query(url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
      const first = db.pid!;
      process.kill(first, "SIGKILL");
      await until("a new server process", () => db!.pid !== first && db!.pid !== undefined);
      await until("the database answering again", answers(url));
      expect(db.url).toBe(url);
      expect(db.restarts).toBe(1);
      expect(await query<{ n: number }>(url, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
      expect(logs.some((l) => l.includes("signal SIGKILL") && l.includes("restarting"))).toBe(true);
      expect(gaveUp).toEqual([]);

      process.kill(db.pid!, "SIGKILL");
      await until("the owner told to give up", () => gaveUp.length > 0);
      expect(gaveUp[0]).toContain("内置数据库进程意外终止（signal SIGKILL）");
      expect(gaveUp[0]).toContain("not restarting it again");
    } finally {
      await db?.stop();
    }
  }, 120_000);

  it("a lock naming a dead pid, or a pid that is now another process, is taken over with a log line", async () => {
    const dataDir = path.join(dir, "locked");
    // A pid that ran and ended.
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout.trim());
    for (const lock of [
      { ownerPid: deadPid, pid: deadPid, port: 1, url: "postgresql://postgres:postgres@127.0.0.1:1/postgres" },
      // This test's own pid, recorded with another start time: a previous life of the number
      // (a container restarted: npm start was pid 1 then and is pid 1 now).
      {
        ownerPid: process.pid,
        ownerStart: "1",
        pid: process.pid,
        pidStart: "1",
        port: 1,
        url: "postgresql://postgres:postgres@127.0.0.1:1/postgres",
      },
    ]) {
      writeFileSync(`${dataDir}.lock`, JSON.stringify(lock));
      const logs: string[] = [];
      const db = await startEmbeddedDatabase({ dataDir, log: (m) => logs.push(m), startTimeoutMs: 60_000 });
      try {
        expect(db.reused).toBe(false);
        expect(logs.find((l) => l.includes("taking over a stale lock"))).toContain(`pid ${lock.ownerPid}`);
        expect(await query(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
      } finally {
        await db.stop();
      }
    }
  }, 120_000);
});
