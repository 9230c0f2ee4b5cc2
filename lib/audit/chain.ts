// The audit chain (issue 22, 安全审计): each event carries an HMAC over the previous event's hash
// and its own fields, so that an event changed, removed or slipped in without the key breaks the
// chain at that event (npm run audit:verify). HMAC-SM3 (GB/T 32905) where Node's OpenSSL offers
// SM3, else HMAC-SHA-256; each hash names its algorithm ("sm3:…"), so a chain stays verifiable
// when the runtime changes. Pure apart from reading the key from the configuration.
import { createHmac, getHashes } from "node:crypto";

/** What the first event chains from. */
export const GENESIS = "genesis";

export type ChainAlgorithm = "sm3" | "sha256";

export function chainAlgorithm(): ChainAlgorithm {
  return getHashes().includes("sm3") ? "sm3" : "sha256";
}

/** The published demo key: development, tests and the demo only; refused in production. */
export const DEMO_AUDIT_KEY = "dashboard-demo-audit-hmac-key-not-for-production";

export class AuditKeyError extends Error {}

/**
 * The chain's key: AUDIT_HMAC_KEY (at least 32 characters). Without it, the published demo key
 * outside production; in production (NODE_ENV=production) nothing is written without a key of
 * its own — `npm start` generates one into .data/audit-hmac-key (scripts/auth-secret.ts).
 */
export function auditKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.AUDIT_HMAC_KEY;
  if (configured) {
    if (configured.length < 32) throw new AuditKeyError("AUDIT_HMAC_KEY must be at least 32 characters");
    return Buffer.from(configured, "utf8");
  }
  if (env.NODE_ENV === "production")
    throw new AuditKeyError("AUDIT_HMAC_KEY is not set: the audit trail is not written in production without its key");
  return Buffer.from(DEMO_AUDIT_KEY, "utf8");
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The fields an event's hash covers: everything but its id (the database's) and its hash. */
export type ChainedFields = {
  seq: number;
  at: Date;
  actorId: number | null;
  action: string;
  month: string | null;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
};

export function eventHash(
  previousHash: string,
  event: ChainedFields,
  key: Buffer,
  algorithm: ChainAlgorithm = chainAlgorithm(),
): string {
  const body = canonicalJson([
    event.seq,
    event.at.toISOString(),
    event.actorId,
    event.action,
    event.month,
    event.targetType,
    event.targetId,
    event.details ?? null,
  ]);
  const mac = createHmac(algorithm, key).update(previousHash).update("\n").update(body).digest("hex");
  return `${algorithm}:${mac}`;
}

/** The algorithm a stored hash names, when it is one this runtime computes. */
export function algorithmOf(hash: string): ChainAlgorithm | null {
  const name = hash.slice(0, hash.indexOf(":"));
  return name === "sm3" || name === "sha256" ? (getHashes().includes(name) ? name : null) : null;
}

/** The HMAC of a file's bytes (an archive's signature). */
export function signBytes(bytes: Buffer, key: Buffer, algorithm: ChainAlgorithm = chainAlgorithm()): string {
  return `${algorithm}:${createHmac(algorithm, key).update(bytes).digest("hex")}`;
}
