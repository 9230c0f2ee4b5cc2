import "server-only";
// Auth.js (next-auth v5): a credentials provider (username + password),
// sessions in a signed, encrypted JWT cookie, 8-hour expiry. CSRF protection
// for its endpoints is Auth.js's own (double-submit cookie).
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/passwords";
import {
  isAddressBlocked,
  isLocked,
  recordAddressFailure,
  recordFailedLogin,
  recordSuccessfulLogin,
} from "@/lib/auth/login-throttle";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { currentUserStatus } from "@/lib/auth/viewer-status";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Error codes reach the sign-in page in the URL: none of them says whether the username exists. */
export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
export class AccountLocked extends CredentialsSignin {
  code = "locked";
}
export class AddressBlocked extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}

declare module "next-auth" {
  interface User {
    role: Role;
    unitCode: string | null;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; name: string; role: Role; unitCode: string | null };
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    unitCode?: string | null;
    sessionVersion?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { username, password } = parsed.data;
        const address = clientAddress(request);
        if (isAddressBlocked(address)) throw new AddressBlocked();

        const user = await prisma.user.findUnique({
          where: { username },
          include: { unit: { select: { code: true } } },
        });
        if (!user || !user.active) {
          await verifyPassword(await dummyPasswordHash(), password);
          recordAddressFailure(address);
          throw new InvalidCredentials();
        }
        if (isLocked(user)) {
          recordAddressFailure(address);
          throw new AccountLocked();
        }
        if (!(await verifyPassword(user.passwordHash, password))) {
          recordAddressFailure(address);
          const state = await recordFailedLogin(prisma, user.id);
          if (state.locked) {
            await recordAuditEvent(prisma, { actorId: null, action: "user.locked", targetType: "User", targetId: String(user.id), details: { username, address } });
            throw new AccountLocked();
          }
          throw new InvalidCredentials();
        }
        await recordSuccessfulLogin(prisma, user.id);
        await recordAuditEvent(prisma, { actorId: user.id, action: "user.signIn", targetType: "User", targetId: String(user.id), details: { address } });
        return {
          id: String(user.id),
          name: user.displayName,
          role: user.role,
          unitCode: user.unit?.code ?? null,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.role = user.role;
        token.unitCode = user.unitCode;
        token.sessionVersion = user.sessionVersion;
        return token;
      }
      if (typeof token.userId !== "number") return null;
      // A deactivated user, or one whose password or role changed, is signed out.
      const status = await currentUserStatus(token.userId);
      if (!status || !status.active || status.sessionVersion !== token.sessionVersion) return null;
      if (!ROLES.includes(status.role as Role)) return null;
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: String(token.userId),
        name: token.name ?? "",
        role: token.role!,
        unitCode: token.unitCode ?? null,
      } as typeof session.user;
      return session;
    },
  },
});
