// What the per-request gate (proxy.ts) costs, step by step, in this process:
// the session cookie as Auth.js would handle it on every request (derive the
// key, decrypt; re-encrypt to set the cookie again) against what the proxy now
// does (key derived once; a token decrypted once and then remembered; the
// user-status check from its 5-second cache; the session's idle check, issue 22, from its own), and
// the path decision.
// Microseconds per call, median of 5 timed batches.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { decode, encode } from "@auth/core/jwt";
import { median } from "../harness";
import type { BenchSection, Row } from "../types";

async function timePerCall(fn: () => unknown, calls: number): Promise<number> {
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    batches.push(((performance.now() - started) * 1000) / calls);
  }
  return median(batches);
}

const section: BenchSection = {
  id: "gate",
  order: 15,
  async run(ctx) {
    process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
    process.env.DATABASE_URL = ctx.databaseUrl; // lib/db/index (the user-status check) on the bench database
    const { readSession } = await import("@/lib/access/session");
    const { authorizePath } = await import("@/lib/access/permissions");
    const { jwtDecrypt } = await import("jose");
    const { hkdfSync } = await import("node:crypto");
    const { startUserSession } = await import("@/lib/access/user-sessions");
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { username: "gaj" }, include: { unit: true } });
    // A real session row (issue 22): the gate refuses a cookie without an open session.
    const sid = await startUserSession(ctx.prisma, {
      userId: user.id,
      sessionVersion: user.sessionVersion,
      address: "bench",
      userAgent: "bench",
    });
    const salt = "authjs.session-token";
    const secret = process.env.AUTH_SECRET!;
    const claims = {
      userId: user.id,
      role: user.role,
      unitCode: user.unit?.code ?? null,
      sessionVersion: user.sessionVersion,
      name: user.displayName,
      sid,
    };
    const token = await encode({ token: claims, secret, salt, maxAge: 8 * 3600 });
    const key = new Uint8Array(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    const cookies = [{ name: salt, value: token }];
    const n = ctx.quick ? 200 : 1000;

    const steps: Array<[string, string, () => unknown]> = [
      [
        "authjs.decode",
        "Auth.js decode: derive the key + decrypt (each request, before)",
        () => decode({ token, secret, salt }),
      ],
      [
        "authjs.encode",
        "Auth.js encode: re-encrypt to set the cookie again (each request, before)",
        () => encode({ token: claims, secret, salt, maxAge: 8 * 3600 }),
      ],
      [
        "decrypt",
        "decrypt with the key derived once (a token's first request, now)",
        () =>
          jwtDecrypt(token, key, { keyManagementAlgorithms: ["dir"], contentEncryptionAlgorithms: ["A256CBC-HS512"] }),
      ],
      [
        "readSession",
        "readSession: remembered token + user status and session from their 5 s caches (each request, now)",
        () => readSession(cookies),
      ],
      [
        "decision",
        "authorizePath: decode, normalise, match the path rules",
        () => authorizePath({ userId: user.id, role: "DEPARTMENT", unitCode: "d08" }, "/%32021-06/units/x04"),
      ],
    ];
    // Fill the caches once; a refused cookie would time the refusal instead.
    if (!(await readSession(cookies))) throw new Error("[bench] the gate refused the bench's session cookie");
    const rows: Row[] = [];
    for (const [id, label, fn] of steps) {
      const us = await timePerCall(fn, id.startsWith("authjs") || id === "decrypt" ? Math.ceil(n / 4) : n * 10);
      rows.push({ step: label, id, us });
      ctx.log(`${id}: ${us.toFixed(1)} µs/call`);
    }
    const before = (rows[0]!.us as number) + (rows[1]!.us as number);
    const now = (rows[3]!.us as number) + (rows[4]!.us as number);
    return {
      title: "The per-request gate, step by step (µs per call, in the bench process)",
      columns: [
        { key: "step", label: "step" },
        { key: "us", label: "time", unit: "µs", digits: 1 },
      ],
      rows,
      notes: [
        `Session handling per request: ${before.toFixed(0)} µs before (Auth.js decode + encode), ${now.toFixed(1)} µs now (remembered token, cached status, decision): ${(before / now).toFixed(0)}× less. ` +
          `The proxy re-issues a cookie only when it is over an hour old. What remains between the ceiling and /about in the pages table is Next's own cost of running a proxy (middleware adapter, request cloning) and the app's layout.`,
      ],
    };
  },
};

export default section;
