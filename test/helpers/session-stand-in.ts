// Stands in for the session cookie in integration tests of server actions and
// route handlers: what lib/access/session.ts would read from a request signed in
// as `user` (null: signed out). Use with
//   vi.mock("next/headers", () => noCookies);
//   vi.mock("@/lib/access/session", () => sessionStandIn(() => session));
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
