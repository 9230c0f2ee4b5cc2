import { describe, expect, it } from "vitest";
import { callbackPath, sameOriginRedirect } from "./callback-path";

describe("callbackPath: where sign-in sends the user back", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(callbackPath("/2021-06/units/d08?sort=applied&dir=desc#items")).toBe(
      "/2021-06/units/d08?sort=applied&dir=desc#items",
    );
    expect(callbackPath("/en/reports/2021-06")).toBe("/en/reports/2021-06");
    expect(callbackPath("/%E5%B8%82")).toBe("/%E5%B8%82");
  });

  it("refuses another site: scheme-relative, backslash, absolute URLs", () => {
    for (const value of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "evil.example",
      "javascript:alert(1)",
    ])
      expect(callbackPath(value)).toBe("/");
  });

  it("refuses CR, LF, NUL, tabs, spaces and raw non-ASCII characters (they gave a 500)", () => {
    for (const value of [
      "/a\r\nSet-Cookie: x=1",
      "/a\nb",
      "/a\u0000b",
      "/\t/evil.example",
      "/a b",
      "/市公安局",
      "/a\u2028b",
    ])
      expect(callbackPath(value)).toBe("/");
  });

  it("refuses nothing and very long values", () => {
    expect(callbackPath(undefined)).toBe("/");
    expect(callbackPath("")).toBe("/");
    expect(callbackPath(`/${"a".repeat(5000)}`)).toBe("/");
  });

  it("normalises dot segments inside the site", () => {
    expect(callbackPath("/2021-06/../admin")).toBe("/admin");
  });
});

describe("sameOriginRedirect: every redirect Auth.js issues (issue 19, item 8)", () => {
  it("is a path, whatever host the base URL was built on", () => {
    // The base URL Auth.js built from X-Forwarded-Host: evil.example.
    expect(sameOriginRedirect("https://evil.example/2021-06", "https://evil.example")).toBe("/2021-06");
    expect(sameOriginRedirect("/2021-06?x=1#a", "http://127.0.0.1:3000")).toBe("/2021-06?x=1#a");
    expect(sameOriginRedirect("http://127.0.0.1:3000/signin", "http://127.0.0.1:3000")).toBe("/signin");
  });
  it("sends another origin, or nonsense, home", () => {
    expect(sameOriginRedirect("https://evil.example/2021-06", "http://127.0.0.1:3000")).toBe("/");
    expect(sameOriginRedirect("//evil.example/x", "http://127.0.0.1:3000")).toBe("/");
    expect(sameOriginRedirect("javascript:alert(1)", "http://127.0.0.1:3000")).toBe("/");
    expect(sameOriginRedirect("/x", "not a url")).toBe("/");
  });
});
