import { describe, expect, it } from "vitest";
import { readRequestPath } from "@/lib/access/request-path";
import { internalPath, isLocale, localePath, readPathname, splitLocale } from "@/lib/i18n/locale";

describe("splitLocale", () => {
  it.each([
    ["/", "zh-CN", "/"],
    ["/2021-06/municipal", "zh-CN", "/2021-06/municipal"],
    ["/en", "en", "/"],
    ["/en/", "en", "/"],
    ["/en/2021-06/units/d08", "en", "/2021-06/units/d08"],
    ["/english", "zh-CN", "/english"],
    ["/EN/2021-06", "zh-CN", "/EN/2021-06"],
    ["/en/en/2021-06", "en", "/en/2021-06"],
  ])("%s → %s %s", (path, locale, rest) => expect(splitLocale(path)).toEqual({ locale, path: rest }));
});

describe("readRequestPath", () => {
  it("decodes, normalises, then takes the prefix off", () => {
    expect(readRequestPath("/%65n/2021-06")).toEqual({ locale: "en", path: "/2021-06" });
    expect(readRequestPath("/en%2F2021-06%2Fmunicipal")).toEqual({ locale: "en", path: "/2021-06/municipal" });
    expect(readRequestPath("/en/2021-06/")).toEqual({ locale: "en", path: "/2021-06" });
    expect(readRequestPath("/2021-06")).toEqual({ locale: "zh-CN", path: "/2021-06" });
  });
  it("refuses what normalising refuses, and English route handlers", () => {
    for (const raw of [
      "/en/./2021-06",
      "/en//2021-06",
      "/en/%2e%2e/2021-06",
      "/en/api/units/search",
      "/en/_next/static/a.js",
      "/en/icon.svg",
    ]) {
      expect(readRequestPath(raw), raw).toBeNull();
    }
  });
});

describe("localePath", () => {
  it.each([
    ["zh-CN", "/2021-06", "/2021-06"],
    ["en", "/2021-06", "/en/2021-06"],
    ["en", "/", "/en"],
    ["en", "/?x=1", "/en?x=1"],
    ["en", "/signin?callbackUrl=%2Fen%2F2021-06", "/en/signin?callbackUrl=%2Fen%2F2021-06"],
    ["en", "/admin/months/2021-06?published=3", "/en/admin/months/2021-06?published=3"],
    ["en", "/en/2021-06", "/en/2021-06"],
    ["en", "/api/export/2021-06/unit/d08", "/api/export/2021-06/unit/d08"],
    ["en", "/api/reports/2021-06/bulletin.docx", "/api/reports/2021-06/bulletin.docx"],
    ["en", "#main", "#main"],
    ["en", "//evil.example/x", "//evil.example/x"],
  ] as const)("%s %s → %s", (locale, href, expected) => expect(localePath(locale, href)).toBe(expected));
});

describe("readPathname (client components)", () => {
  it("reads the browser's URL and the internal one alike", () => {
    expect(readPathname("/2021-06/municipal")).toEqual({ locale: "zh-CN", path: "/2021-06/municipal" });
    expect(readPathname("/zh-CN/2021-06/municipal")).toEqual({ locale: "zh-CN", path: "/2021-06/municipal" });
    expect(readPathname("/zh-CN")).toEqual({ locale: "zh-CN", path: "/" });
    expect(readPathname("/en/2021-06/municipal")).toEqual({ locale: "en", path: "/2021-06/municipal" });
  });
  it("reads a page's version by audience as the page it is served at", () => {
    expect(readPathname("/zh-CN/2021-06/all-units")).toEqual({ locale: "zh-CN", path: "/2021-06" });
    expect(readPathname("/zh-CN/warnings/view/d08/2026-12-07")).toEqual({ locale: "zh-CN", path: "/warnings" });
    expect(readPathname("/en/warnings/view/all/2026-12-07")).toEqual({ locale: "en", path: "/warnings" });
    expect(readPathname("/zh-CN/warnings/board/view/2026-12-07")).toEqual({ locale: "zh-CN", path: "/warnings/board" });
    expect(readPathname("/warnings/view/d08")).toEqual({ locale: "zh-CN", path: "/warnings/view/d08" });
  });
});

describe("internalPath", () => {
  it("puts the language first and encodes each segment", () => {
    expect(internalPath("zh-CN", "/")).toBe("/zh-CN");
    expect(internalPath("en", "/2021-06/units/d08")).toBe("/en/2021-06/units/d08");
    expect(internalPath("zh-CN", "/a b/c?d")).toBe("/zh-CN/a%20b/c%3Fd");
  });
  it("knows the two languages", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("EN")).toBe(false);
  });
});
