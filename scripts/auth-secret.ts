// AUTH_SECRET signs and encrypts the session cookies. It is never in the repo:
// set it in the environment for a real deployment; without it, the embedded
// default generates one on first start and keeps it in .data/ (git-ignored),
// so sessions survive restarts.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataDir: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  return process.env.AUTH_SECRET;
}

/**
 * AUDIT_HMAC_KEY keys the audit chain (lib/audit/chain.ts). Like AUTH_SECRET: set it in a real
 * deployment (and keep a copy with the backups: without it the chain cannot be verified); without
 * it, `npm start` generates one into .data/audit-hmac-key and keeps it.
 */
export function ensureAuditKey(dataDir: string): string {
  if (process.env.AUDIT_HMAC_KEY) return process.env.AUDIT_HMAC_KEY;
  const file = path.join(dataDir, "audit-hmac-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUDIT_HMAC_KEY = readFileSync(file, "utf8").trim();
  return process.env.AUDIT_HMAC_KEY;
}

/**
 * FIELD_ENCRYPTION_KEY encrypts the TOTP secrets (lib/access/secret-box.ts). Like the audit key:
 * set it in a real deployment and keep it apart from the backups (a backup without it holds no
 * readable secret); without it, `npm start` generates one into .data/field-encryption-key. Set it
 * before the first seed: the demo accounts' secrets are sealed with it.
 */
export function ensureFieldKey(dataDir: string): string {
  if (process.env.FIELD_ENCRYPTION_KEY) return process.env.FIELD_ENCRYPTION_KEY;
  const file = path.join(dataDir, "field-encryption-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.FIELD_ENCRYPTION_KEY = readFileSync(file, "utf8").trim();
  return process.env.FIELD_ENCRYPTION_KEY;
}
