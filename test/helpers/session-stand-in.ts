// Stands in for the session cookie in integration tests of server actions and
// route handlers: what lib/access/session.ts would read from a request signed in
// as `user` (null: signed out). Use with
//   vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
//   vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
// then signInAs("SYSTEM_ADMIN") / signInAs(null) in the test; or sessionStandIn(() => …) for a session of the test's own.
type StandInUser = { user: { id: string; name: string; role: string; unitCode: string | null } } | null;

export const noCookies = { cookies: async () => ({ getAll: () => [] }), headers: async () => new Headers() };

export function sessionStandIn(current: () => StandInUser) {
  return {
    readSession: async () => {
      const s = current();
      if (!s) return null;
      return {
        viewer: { userId: Number(s.user.id), role: s.user.role, unitCode: s.user.unitCode },
        payload: {},
        cookieName: "authjs.session-token",
      };
    },
  };
}

type Role = "SYSTEM_ADMIN" | "OFFICIAL" | "DEPARTMENT" | "SECURITY_ADMIN" | "AUDITOR";
/**
 * The seeded users' ids (lib/demo-data/seed-database.ts): the admin, an official, 市公安局 (d08),
 * and (issue 22) the security and audit administrators after 宣汉县 (4).
 */
const SEEDED_IDS: Record<Role, number> = { SYSTEM_ADMIN: 1, OFFICIAL: 2, DEPARTMENT: 3, SECURITY_ADMIN: 5, AUDITOR: 6 };

let current: StandInUser = null;

/** The session every request of the test has from now on; null: signed out. */
export function signInAs(role: Role | null, user: { id?: number; unitCode?: string | null } = {}): void {
  current = role
    ? {
        user: {
          id: String(user.id ?? SEEDED_IDS[role]),
          name: role,
          role,
          unitCode: user.unitCode ?? (role === "DEPARTMENT" ? "d08" : null),
        },
      }
    : null;
}

/** The session module as signInAs left it. */
export const signedIn = sessionStandIn(() => current);
