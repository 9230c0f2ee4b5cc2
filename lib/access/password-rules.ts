// The password rules (issue 22, 等保 身份鉴别 a): at least MIN_PASSWORD_LENGTH characters from at
// least 3 of the 4 classes (upper-case, lower-case, digits, symbols), not the username nor
// containing it (case-insensitively). Pure: the history rule (not one of the last 5) needs the
// database and is checked by lib/access/accounts/new-password.ts, which every path that sets a
// password calls.
import { MIN_PASSWORD_LENGTH } from "@/lib/access/passwords";

export const MAX_PASSWORD_LENGTH = 256;
export const MIN_CHARACTER_CLASSES = 3;

export type PasswordRule = "length" | "tooLong" | "classes" | "username" | "history";

/** How many of the 4 classes the password uses. Letters without case (汉字) count as symbols. */
export function characterClasses(password: string): number {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    else symbol = true;
  }
  return [upper, lower, digit, symbol].filter(Boolean).length;
}

/** The first rule the password breaks (without the history), or null. */
export function brokenPasswordRule(password: string, username: string | null): PasswordRule | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "length";
  if (length > MAX_PASSWORD_LENGTH) return "tooLong";
  if (characterClasses(password) < MIN_CHARACTER_CLASSES) return "classes";
  const name = username?.trim().toLowerCase();
  if (name && password.toLowerCase().includes(name)) return "username";
  return null;
}
