// A viewer held to one page — a second factor to enrol (issue 22) or a one-time password to
// replace — is refused by every guarded action, route and page, whatever its role: a server
// action can be posted to any path, so the proxy's decision on the path is not enough. Real
// database; the session source and Next's cache are stood in for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSeededTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { formOf as form } from "@/test/helpers/next-stand-ins";

const held = vi.hoisted(() => ({
  viewer: { userId: 1, role: "SYSTEM_ADMIN", unitCode: null } as Record<string, unknown>,
}));
vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", () => ({
  readSession: async () => ({ viewer: held.viewer, payload: {}, cookieName: "authjs.session-token" }),
}));
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);

let db: TestDatabase;
beforeAll(async () => {
  db = await createSeededTestDatabase();
});
afterAll(() => db?.drop());

describe("a viewer held to one page", () => {
  it.each([
    ["a second factor to enrol", { mustEnrollTwoFactor: true }],
    ["a one-time password to replace", { mustChangePassword: true }],
  ])("with %s: the system administrator's actions and routes are refused", async (_why, flag) => {
    const { createUserAction } = await import("@/lib/access/actions/create-user");
    const { guardRoute } = await import("@/lib/access/guard");
    held.viewer = { userId: 1, role: "SYSTEM_ADMIN", unitCode: null, ...flag };
    const users = await db.prisma.user.count();
    const result = await createUserAction(
      {},
      form({ username: "held", displayName: "x", password: "held-password-2021", role: "OFFICIAL" }),
    );
    expect(result.ok).toBeFalsy();
    expect(result.message).toMatch(/没有执行此操作的权限/);
    expect(await db.prisma.user.count()).toBe(users);
    const route = await guardRoute("report.export");
    expect(route.ok).toBe(false);
    if (!route.ok) expect(route.response.status).toBe(403);
    // The same viewer, no longer held: allowed.
    held.viewer = { userId: 1, role: "SYSTEM_ADMIN", unitCode: null };
    expect((await guardRoute("report.export")).ok).toBe(true);
  });
});
