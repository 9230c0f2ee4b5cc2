// The filter drops exactly Node's client-abort error (message "aborted", code ECONNRESET),
// however Next passes it to console.error, and nothing else.
import { describe, expect, it } from "vitest";
import { isClientAbort, quietClientAborts } from "./quiet-client-aborts";

const abort = () => Object.assign(new Error("aborted"), { code: "ECONNRESET" });

function fakeConsole() {
  const lines: unknown[][] = [];
  const target = { error: (...args: unknown[]) => lines.push(args) } as unknown as Console;
  return { target, lines };
}

describe("quietClientAborts", () => {
  it("drops a client abort, alone or after Next's prefix, and keeps every other error", () => {
    const { target, lines } = fakeConsole();
    quietClientAborts(target);
    quietClientAborts(target); // idempotent: one wrapper
    target.error(abort());
    target.error(" ⨯", "uncaughtException: ", abort());
    target.error(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    target.error(new Error("aborted"));
    target.error("plain text");
    expect(lines.map((args) => args.map((a) => (a instanceof Error ? a.message : a)))).toEqual([
      ["read ECONNRESET"],
      ["aborted"],
      ["plain text"],
    ]);
  });

  it("isClientAbort: the error, not a look-alike", () => {
    expect(isClientAbort(abort())).toBe(true);
    expect(isClientAbort({ message: "aborted", code: "ECONNRESET" })).toBe(false);
    expect(isClientAbort(Object.assign(new Error("aborted"), { code: "EPIPE" }))).toBe(false);
  });
});
