// Encrypted columns (issue 22, 数据保密性): the TOTP secrets of lib/access/two-factor, and any
// other value that must not be readable in a copy of the database. The key is the configuration's
// (FIELD_ENCRYPTION_KEY), never the database's: a dump or a backup alone reveals nothing.
//
// 国密 first: SM4-CTR for secrecy with an HMAC-SM3 over the context, the IV and the ciphertext
// (encrypt-then-MAC), since Node's OpenSSL 3.0 has SM4 but not SM4-GCM; AES-256-GCM where the
// runtime has no SM4. Each sealed value names its algorithm ("sm4:…", "aes:…"), so values stay
// readable when the runtime changes. The context (e.g. "UserTwoFactor.secret:12") is bound into
// the MAC: a sealed value copied into another row does not open there.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  getCiphers,
  getHashes,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

/** The published demo key: development, tests and the demo only; refused in production. */
export const DEMO_FIELD_KEY = "dashboard-demo-field-encryption-key-not-for-production";

export class SecretBoxError extends Error {}

/**
 * FIELD_ENCRYPTION_KEY (at least 32 characters). Without it, the published demo key outside
 * production; in production (NODE_ENV=production) nothing is sealed or opened without a key of
 * its own — `npm start` generates one into .data/field-encryption-key (scripts/auth-secret.ts).
 */
export function fieldKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.FIELD_ENCRYPTION_KEY;
  if (configured) {
    if (configured.length < 32) throw new SecretBoxError("FIELD_ENCRYPTION_KEY must be at least 32 characters");
    return Buffer.from(configured, "utf8");
  }
  if (env.NODE_ENV === "production")
    throw new SecretBoxError("FIELD_ENCRYPTION_KEY is not set: encrypted columns cannot be read in production");
  return Buffer.from(DEMO_FIELD_KEY, "utf8");
}

const subkey = (key: Buffer, purpose: string, length: number) =>
  Buffer.from(hkdfSync("sha256", key, "dashboard-secret-box", purpose, length));

export type SealAlgorithm = "sm4" | "aes";
export function sealAlgorithm(): SealAlgorithm {
  return getCiphers().includes("sm4-ctr") && getHashes().includes("sm3") ? "sm4" : "aes";
}

const b64 = (b: Buffer) => b.toString("base64url");
const unb64 = (s: string) => Buffer.from(s, "base64url");

function sm4Mac(key: Buffer, context: string, iv: Buffer, ciphertext: Buffer): Buffer {
  return createHmac("sm3", subkey(key, "sm4-mac", 32))
    .update(`sm4\u0000${context}\u0000`)
    .update(iv)
    .update(ciphertext)
    .digest();
}

/** The text, encrypted and authenticated for `context`. */
export function sealText(plain: string, context: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = fieldKey(env);
  const data = Buffer.from(plain, "utf8");
  if (sealAlgorithm() === "sm4") {
    const iv = randomBytes(16);
    const cipher = createCipheriv("sm4-ctr", subkey(key, "sm4-enc", 16), iv);
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    return `sm4:${b64(iv)}:${b64(ciphertext)}:${b64(sm4Mac(key, context, iv, ciphertext))}`;
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", subkey(key, "aes-gcm", 32), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return `aes:${b64(iv)}:${b64(ciphertext)}:${b64(cipher.getAuthTag())}`;
}

/** Is this a value sealText wrote (and not a plain value written before a column was encrypted)? */
export const isSealed = (value: string): boolean => /^(sm4|aes):[\w-]+:[\w-]*:[\w-]+$/.test(value);

/** The text sealed for `context`; throws SecretBoxError for another key, context or a changed value. */
export function openText(sealed: string, context: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = fieldKey(env);
  const [algorithm, ivText, ciphertextText, tagText, ...rest] = sealed.split(":");
  if (!ivText || ciphertextText === undefined || !tagText || rest.length > 0)
    throw new SecretBoxError("not a sealed value");
  const iv = unb64(ivText);
  const ciphertext = unb64(ciphertextText);
  const tag = unb64(tagText);
  if (algorithm === "sm4") {
    const expected = sm4Mac(key, context, iv, ciphertext);
    if (tag.length !== expected.length || !timingSafeEqual(tag, expected))
      throw new SecretBoxError("the sealed value does not open with this key and context");
    const decipher = createDecipheriv("sm4-ctr", subkey(key, "sm4-enc", 16), iv);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  }
  if (algorithm === "aes") {
    try {
      const decipher = createDecipheriv("aes-256-gcm", subkey(key, "aes-gcm", 32), iv);
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretBoxError("the sealed value does not open with this key and context");
    }
  }
  throw new SecretBoxError(`unknown algorithm ${algorithm}`);
}

/**
 * A keyed hash (HMAC-SM3, or HMAC-SHA-256 without SM3) for values that are only ever compared,
 * like recovery codes: a copy of the database without the key cannot test guesses against it.
 */
export function keyedHash(value: string, purpose: string, env: NodeJS.ProcessEnv = process.env): string {
  const algorithm = getHashes().includes("sm3") ? "sm3" : "sha256";
  const mac = createHmac(algorithm, subkey(fieldKey(env), `hash:${purpose}`, 32))
    .update(value, "utf8")
    .digest("base64url");
  return `${algorithm}:${mac}`;
}
