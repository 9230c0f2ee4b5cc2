// Machine tokens for the platform's pushes (POST /api/v1/cases). A token is 32 random bytes
// (base64url, prefixed "gsd_"), shown once; only its SHA-256 is stored, so a copy of the
// database gives no usable token. Creating, revoking and each use are audited; a use also
// stamps lastUsedAt, which the admin page shows.
import { createHash, randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const TOKEN_SCOPES = ["cases:ingest"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const TOKEN_PREFIX = "gsd_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function createApiToken(
  prisma: PrismaClient,
  input: { name: string; scope: TokenScope; actorId: number | null },
): Promise<{ id: number; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: input.actorId,
      },
    });
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: "token.create",
      targetType: "ApiToken",
      targetId: String(row.id),
      details: { name: input.name, scope: input.scope, prefix: row.prefix },
    });
    return { id: row.id, token };
  });
}

/** Revokes an active token; false when there is none with that id (or it is revoked already). */
export async function revokeApiToken(
  prisma: PrismaClient,
  input: { id: number; actorId: number | null },
): Promise<{ name: string } | null> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.apiToken.updateManyAndReturn({
      where: { id: input.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: input.actorId },
    });
    const row = updated[0];
    if (!row) return null;
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: "token.revoke",
      targetType: "ApiToken",
      targetId: String(row.id),
      details: { name: row.name, scope: row.scope, prefix: row.prefix },
    });
    return { name: row.name };
  });
}

export type ApiTokenRow = {
  id: number;
  name: string;
  scope: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function listApiTokens(prisma: PrismaClient): Promise<ApiTokenRow[]> {
  return prisma.apiToken.findMany({
    orderBy: { id: "desc" },
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export type TokenCheck =
  | { ok: true; tokenId: number; name: string }
  | { ok: false; status: 401 | 403; reason: "noToken" | "badToken" | "wrongScope" };

/** The bearer token of an Authorization header, or null. */
export function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  const match = header ? /^Bearer[ \t]+([A-Za-z0-9_-]{10,200})[ \t]*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * Checks the request's bearer token for `scope`: 401 without a token or with an unknown or
 * revoked one, 403 with a valid token of another scope. A valid use is stamped and audited.
 */
export async function checkBearerToken(
  prisma: PrismaClient,
  headers: Headers,
  scope: TokenScope,
  use: { path: string },
): Promise<TokenCheck> {
  const token = bearerToken(headers);
  if (!token) return { ok: false, status: 401, reason: headers.has("authorization") ? "badToken" : "noToken" };
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt) return { ok: false, status: 401, reason: "badToken" };
  if (row.scope !== scope) return { ok: false, status: 403, reason: "wrongScope" };
  await prisma.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    await recordAuditEvent(tx, {
      actorId: null,
      action: "token.use",
      targetType: "ApiToken",
      targetId: String(row.id),
      details: { name: row.name, scope, path: use.path },
    });
  });
  return { ok: true, tokenId: row.id, name: row.name };
}
