// Issue 19, item 6, across instances: a change to a user made on one instance (a password
// change, sign-out…) reaches the others' cached status through Redis at once, instead of
// after the 5 s the cache keeps it. "Another instance" is a plain Redis client here: it
// publishes as forgetUserStatus does there, and listens as the other instances do.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/process-utils";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;

describe.skipIf(!hasRedis)("the user status across instances (REDIS_URL)", () => {
  let redis: ChildProcess;
  let dir: string;
  let db: TestDatabase;
  let userId: number;
  let other: ReturnType<typeof createClient>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "status-broadcast-"));
    const port = await freePort();
    redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: "ignore" },
    );
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    process.env.REDIS_KEY_PREFIX = "test:";
    for (let i = 0; i < 50; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    other = createClient({ url: process.env.REDIS_URL });
    await other.connect();
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    userId = (
      await db.prisma.user.create({
        data: { username: "gaj", displayName: "市公安局", passwordHash: "x", role: "OFFICIAL" },
      })
    ).id;
  });

  afterAll(async () => {
    await other?.quit().catch(() => undefined);
    await db?.drop();
    redis?.kill("SIGKILL");
    delete process.env.REDIS_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it("another instance's change is seen here at once, not after the 5 s the status is cached", async () => {
    const { currentUserStatus, listenForStatusChanges } = await import("@/lib/access/viewer-status");
    await listenForStatusChanges();
    expect((await currentUserStatus(userId))?.sessionVersion).toBe(0); // cached now
    // The other instance: the password change is committed, then published.
    await db.prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await other.publish("test:user-status", String(userId));
    const started = Date.now();
    let seen = 0;
    while (Date.now() - started < 4_000) {
      seen = (await currentUserStatus(userId))!.sessionVersion;
      if (seen === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("a change made here is published for the other instances", async () => {
    const { forgetUserStatus } = await import("@/lib/access/viewer-status");
    const listener = other.duplicate();
    await listener.connect();
    const received: string[] = [];
    await listener.subscribe("test:user-status", (message) => {
      received.push(message);
    });
    try {
      await forgetUserStatus(userId);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received).toEqual([String(userId)]);
    } finally {
      await listener.quit();
    }
  });
});
