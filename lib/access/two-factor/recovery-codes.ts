// One-time recovery codes (issue 22): shown once at enrolment, each replaces an app's code once.
// Ten random characters from an alphabet without look-alikes (no i, l, o, 0, 1): ~50 bits each,
// stored only as a keyed hash (lib/access/secret-box.ts keyedHash).
import { randomInt } from "node:crypto";
import { keyedHash } from "@/lib/access/secret-box";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const LENGTH = 10;

/** "abcde-fghjk": the two halves make it easier to copy. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A typed recovery code in its stored form (case, spaces and hyphens ignored), or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const plain = input.toLowerCase().replace(/[\s-]/g, "");
  return new RegExp(`^[${ALPHABET}]{${LENGTH}}$`).test(plain) ? plain : null;
}

export const hashRecoveryCode = (normalized: string): string => keyedHash(normalized, "recovery-code");
