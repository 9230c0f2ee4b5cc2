import { describe, expect, it } from "vitest";
import { brokenPasswordRule, characterClasses } from "./password-rules";
import { defaultSecurityPolicy, passwordExpired, readStoredSecurityPolicy } from "./security-policy";

describe("password rules (issue 22, 身份鉴别 a)", () => {
  it("counts the four classes", () => {
    expect(characterClasses("abcdefgh")).toBe(1);
    expect(characterClasses("abcd1234")).toBe(2);
    expect(characterClasses("Abcd1234")).toBe(3);
    expect(characterClasses("Abcd-1234")).toBe(4);
  });

  it("refuses a short one, one of fewer than 3 classes, and one containing the username, each by its rule", () => {
    expect(brokenPasswordRule("Ab1-", "gaj")).toBe("length");
    expect(brokenPasswordRule("abcdefghijkl", "gaj")).toBe("classes");
    expect(brokenPasswordRule("abcdefgh1234", "gaj")).toBe("classes");
    expect(brokenPasswordRule("ABCDEFGH-!?#", "gaj")).toBe("classes");
    expect(brokenPasswordRule("Zhangsan-2024", "zhangsan")).toBe("username");
    expect(brokenPasswordRule("my-ZHANGSAN-1", "zhangsan")).toBe("username");
    expect(brokenPasswordRule("x".repeat(300), "gaj")).toBe("tooLong");
  });

  it("accepts 3 of 4 classes in any mix, and the published demo passwords' shape", () => {
    expect(brokenPasswordRule("Abcdefgh12", "gaj")).toBeNull();
    expect(brokenPasswordRule("abcdefgh-12", "gaj")).toBeNull();
    expect(brokenPasswordRule("ABCDEFGH-12", "gaj")).toBeNull();
    expect(brokenPasswordRule("Abcdefgh-!", "gaj")).toBeNull();
    // admin-demo-2021 is 3 classes; it contains its own username, so the demo seed alone sets it.
    expect(brokenPasswordRule("admin-demo-2021", "official")).toBeNull();
    expect(brokenPasswordRule("admin-demo-2021", "admin")).toBe("username");
  });
});

describe("the security policy's stored value and expiry", () => {
  it("falls back field by field to the defaults, and refuses values out of bounds", () => {
    const defaults = defaultSecurityPolicy({});
    expect(defaults).toEqual({ idleMinutes: 30, lockAfterFailures: 5, lockMinutes: 15, passwordMaxAgeDays: 90 });
    expect(readStoredSecurityPolicy(null)).toMatchObject({ lockAfterFailures: 5, lockMinutes: 15 });
    expect(readStoredSecurityPolicy({ idleMinutes: 10, lockAfterFailures: 99, lockMinutes: "x" })).toMatchObject({
      idleMinutes: 10,
      lockAfterFailures: 5,
      lockMinutes: 15,
    });
    expect(defaultSecurityPolicy({ SESSION_IDLE_MINUTES: "120", PASSWORD_MAX_AGE_DAYS: "1" })).toMatchObject({
      idleMinutes: 120,
      passwordMaxAgeDays: 90,
    });
  });

  it("expires a password older than the maximum age", () => {
    const policy = defaultSecurityPolicy({});
    const day = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 11, 7);
    expect(passwordExpired(now - 89 * day, policy, now)).toBe(false);
    expect(passwordExpired(now - 91 * day, policy, now)).toBe(true);
  });
});
