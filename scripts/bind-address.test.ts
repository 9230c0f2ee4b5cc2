import { describe, expect, it } from "vitest";
import { bindAddress, displayUrl } from "./bind-address";

describe("bindAddress (HOSTNAME for npm start)", () => {
  it("defaults to 127.0.0.1, honours a chosen address, ignores the machine's own name", () => {
    expect(bindAddress({}, "vm")).toEqual({ host: "127.0.0.1" });
    expect(bindAddress({ HOSTNAME: "  " }, "vm")).toEqual({ host: "127.0.0.1" });
    expect(bindAddress({ HOSTNAME: "0.0.0.0" }, "vm")).toEqual({ host: "0.0.0.0" });
    expect(bindAddress({ HOSTNAME: "10.1.2.3" }, "vm")).toEqual({ host: "10.1.2.3" });
    expect(bindAddress({ HOSTNAME: "::1" }, "vm")).toEqual({ host: "::1" });
    const shell = bindAddress({ HOSTNAME: "vm" }, "vm");
    expect(shell.host).toBe("127.0.0.1");
    expect(shell.note).toMatch(/HOSTNAME=vm/);
  });

  it("prints a URL one can open", () => {
    expect(displayUrl("127.0.0.1", "3000")).toBe("http://127.0.0.1:3000");
    expect(displayUrl("0.0.0.0", "3000")).toBe("http://localhost:3000");
    expect(displayUrl("::1", "3000")).toBe("http://[::1]:3000");
  });
});
