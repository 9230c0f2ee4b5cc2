import "server-only";
// Auth.js (next-auth v5): a credentials provider (username + password),
// sessions in a signed, encrypted JWT cookie, 8-hour expiry. CSRF protection
// for its endpoints is Auth.js's own (double-submit cookie).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getAccessSettings } from "@/lib/access/access-settings";
import { logAuthError, logAuthWarning } from "@/lib/access/auth-logger";
import { sameOriginRedirect } from "@/lib/access/callback-path";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { canReadBulletin, ROLES, type Role } from "@/lib/access/permissions";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "@/lib/access/session";
import { getSecurityPolicy, isSessionLive } from "@/lib/access/session-activity";
import { checkCredentials } from "@/lib/access/sign-in-check";
import { startUserSession } from "@/lib/access/user-sessions";
import { currentUserStatus } from "@/lib/access/viewer-status";
import { prisma } from "@/lib/db";

/**
 * Error codes reach the sign-in page: none of them says whether the username
 * exists, or whether the account is locked (a lock answers like a wrong password).
 */
export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
export class AddressBlocked extends CredentialsSignin {
  code = "throttled";
}
/** Issue 22: a README demo account in production without ALLOW_DEMO_ACCOUNTS=1 (after its password). */
export class DemoAccountRefused extends CredentialsSignin {
  code = "demo";
}

/** Set by lib/access/client-address.ts from the socket (or the trusted proxies); a client-sent copy is overwritten. */
function clientAddress(request: Request | undefined): string {
  return request?.headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}

declare module "next-auth" {
  interface User {
    role: Role;
    unitCode: string | null;
    sessionVersion: number;
    /** The UserSession started at this sign-in (issue 22). */
    sid?: string;
  }
  interface Session {
    /** readsBulletin: whether the viewer may open the bulletin (for the navigation; the proxy decides). */
    user: {
      id: string;
      name: string;
      role: Role;
      unitCode: string | null;
      readsBulletin: boolean;
      /** The policy's idle time, for the browser's warning a minute before (the server enforces it). */
      idleSeconds: number;
    };
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    unitCode?: string | null;
    sessionVersion?: number;
    sid?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Auth.js may take the host from the request: the request's Host, or X-Forwarded-Host only
  // behind TRUSTED_PROXY_COUNT proxies (a client's copy is deleted as the request arrives,
  // lib/access/client-address.ts); AUTH_URL, when set, names it outright. Every redirect it
  // issues is a same-origin path anyway (the redirect callback below).
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
  pages: { signIn: "/signin" },
  logger: { error: (error) => logAuthError(error), warn: (code) => logAuthWarning(code) },
  providers: [
    Credentials({
      // code: the second factor (issue 22), checked in sign-in-check.ts for users who have one.
      credentials: { username: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const result = await checkCredentials(prisma, raw, clientAddress(request));
        if (result.ok) {
          // Issue 22: each sign-in is a session of its own (listed, ended, idle-timed on the server).
          const sid = await startUserSession(prisma, {
            userId: Number(result.user.id),
            sessionVersion: result.user.sessionVersion,
            address: clientAddress(request),
            userAgent: request?.headers.get("user-agent") ?? null,
          });
          return { ...result.user, sid };
        }
        if (result.error === "demo") throw new DemoAccountRefused();
        throw result.error === "throttled" ? new AddressBlocked() : new InvalidCredentials();
      },
    }),
  ],
  callbacks: {
    redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.role = user.role;
        token.unitCode = user.unitCode;
        token.sessionVersion = user.sessionVersion;
        token.sid = user.sid;
        return token;
      }
      if (typeof token.userId !== "number") return null;
      // A deactivated user, or one whose password or role changed, is signed out.
      const status = await currentUserStatus(token.userId);
      if (!status?.active || status.sessionVersion !== token.sessionVersion) return null;
      if (!ROLES.includes(status.role as Role)) return null;
      if (!(await isSessionLive(token.sid, token.userId))) return null;
      return token;
    },
    async session({ session, token }) {
      const role = token.role!;
      const viewer = { userId: Number(token.userId), role, unitCode: token.unitCode ?? null };
      session.user = {
        id: String(token.userId),
        name: token.name ?? "",
        role,
        unitCode: token.unitCode ?? null,
        readsBulletin: canReadBulletin(viewer, await getAccessSettings()),
        idleSeconds: (await getSecurityPolicy()).idleMinutes * 60,
      } as typeof session.user;
      return session;
    },
  },
});
