// Issue 19 (information): a failed sign-in wrote a 17-line stack trace to the log, an anonymous
// POST to /api/auth/session another. Expected refusals are one line now; real faults keep their stack.
import { CredentialsSignin } from "@auth/core/errors";
import { describe, expect, it } from "vitest";
import { logAuthError } from "./auth-logger";

function logged(error: Error): string[] {
  const lines: string[] = [];
  logAuthError(error, (...parts) => lines.push(...parts.map(String).join(" ").split("\n")));
  return lines;
}

describe("logAuthError", () => {
  it("a failed sign-in is one line, without a stack", () => {
    const error = new CredentialsSignin();
    expect(error.stack?.split("\n").length).toBeGreaterThan(3);
    const lines = logged(error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe("[auth] CredentialsSignin: code=credentials");
    expect(lines[0]).not.toContain(" at ");
  });

  it("an anonymous POST to /api/auth/session (MissingCSRF) is one line", async () => {
    const { MissingCSRF } = await import("@auth/core/errors");
    const lines = logged(new MissingCSRF("CSRF token was missing during an action session"));
    expect(lines).toEqual(["[auth] MissingCSRF: CSRF token was missing during an action session"]);
  });

  it("an unexpected error keeps its stack", () => {
    const lines = logged(new TypeError("boom"));
    expect(lines[0]).toBe("[auth][error] TypeError: boom");
    expect(lines.some((l) => l.includes("auth-logger.test.ts"))).toBe(true);
  });
});
