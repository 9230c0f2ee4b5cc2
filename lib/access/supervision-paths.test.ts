// The 预警 pages and routes in the permission table (issue 20): a department user has its own
// cards (/warnings and the count, the CSV), never the board, the wall or their routes; officials
// and admins have all of them; signed out, nothing.
import { describe, expect, it } from "vitest";
import { authorizePath, canViewAllCards, type Viewer } from "./permissions";

const police: Viewer = { userId: 3, role: "DEPARTMENT", unitCode: "d08" };
const official: Viewer = { userId: 2, role: "OFFICIAL", unitCode: null };
const admin: Viewer = { userId: 1, role: "SYSTEM_ADMIN", unitCode: null };

const OWN = ["/warnings", "/en/warnings", "/api/warnings/count", "/api/warnings/cards.csv"];
const EVERY_UNIT = [
  "/warnings/board",
  "/en/warnings/board",
  "/wall",
  "/en/wall",
  "/api/warnings/board.csv",
  "/api/warnings/wall",
];

describe("supervision's paths", () => {
  it("gives a department user its own cards and nothing of every unit", () => {
    for (const path of OWN) expect(authorizePath(police, path), path).toBe("allow");
    for (const path of EVERY_UNIT) expect(authorizePath(police, path), path).toBe("forbidden");
    expect(canViewAllCards(police)).toBe(false);
  });

  it("gives officials and admins every page", () => {
    for (const viewer of [official, admin]) {
      for (const path of [...OWN, ...EVERY_UNIT]) expect(authorizePath(viewer, path), path).toBe("allow");
      expect(canViewAllCards(viewer)).toBe(true);
    }
    expect(authorizePath(admin, "/admin/settings/supervision")).toBe("allow");
    expect(authorizePath(official, "/admin/settings/supervision")).toBe("forbidden");
  });

  it("refuses the odd ways of writing them and asks the signed-out to sign in", () => {
    for (const path of ["/warnings/board/", "/warnings/./board", "/warnings//board", "/%77all", "/wall%2F"]) {
      expect(authorizePath(police, path), path).not.toBe("allow");
    }
    expect(authorizePath(null, "/warnings")).toBe("signIn");
    expect(authorizePath(null, "/api/warnings/wall")).toBe("signIn");
    expect(authorizePath(police, "/warnings/x04")).toBe("notFound");
  });
});
