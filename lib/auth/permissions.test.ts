import { describe, expect, it } from "vitest";
import { authorizePath, can, canViewUnit, PERMISSIONS, type Viewer } from "@/lib/auth/permissions";

const admin: Viewer = { userId: 1, role: "ADMIN", unitCode: null };
const official: Viewer = { userId: 2, role: "OFFICIAL", unitCode: null };
const police: Viewer = { userId: 3, role: "DEPARTMENT", unitCode: "d08" };
const xuanhan: Viewer = { userId: 4, role: "DEPARTMENT", unitCode: "x04" };
const orphan: Viewer = { userId: 5, role: "DEPARTMENT", unitCode: null };

describe("the permission table", () => {
  it("gives uploads and users to admins only", () => {
    expect(can(admin, "data.manage")).toBe(true);
    expect(can(admin, "users.manage")).toBe(true);
    for (const v of [official, police]) {
      expect(can(v, "data.manage")).toBe(false);
      expect(can(v, "users.manage")).toBe(false);
    }
    expect(can(null, "report.viewCity")).toBe(false);
  });
  it("keeps department users to their own unit", () => {
    expect(canViewUnit(police, "d08")).toBe(true);
    expect(canViewUnit(police, "d13")).toBe(false);
    expect(canViewUnit(police, "x04")).toBe(false);
    expect(canViewUnit(xuanhan, "x04")).toBe(true);
    expect(canViewUnit(xuanhan, "x01")).toBe(false);
    expect(canViewUnit(orphan, "d08")).toBe(false);
    expect(canViewUnit(official, "d13")).toBe(true);
    expect(PERMISSIONS.DEPARTMENT).not.toContain("report.viewAllUnits");
  });
});

describe("authorizePath", () => {
  const cases: Array<[string, Viewer | null, ReturnType<typeof authorizePath>]> = [
    ["/signin", null, "allow"],
    ["/api/auth/session", null, "allow"],
    // Route handlers answer 401/403 themselves (lib/auth/guard.ts).
    ["/api/export/2021-06/unit/d08", null, "allow"],
    ["/", null, "signIn"],
    ["/2021-06", null, "signIn"],
    ["/2021-06/units/d08", null, "signIn"],
    ["/admin/users", null, "signIn"],
    ["/2021-06", police, "allow"],
    ["/2021-06/municipal", police, "forbidden"],
    ["/2021-06/districts", police, "forbidden"],
    ["/2021-06/units/d08", police, "allow"],
    ["/2021-06/units/d08/", police, "allow"],
    ["/2021-06/units/d13", police, "forbidden"],
    ["/2021-06/units/x04", police, "forbidden"],
    ["/2021-06/units/%64%30%38", police, "allow"], // "d08", percent-encoded
    ["/2021-06/units/d08%2F..%2Fd13", police, "forbidden"],
    ["/2021-06/units/x04", xuanhan, "allow"],
    ["/2021-06/units/x01", xuanhan, "forbidden"],
    ["/2021-06/municipal", official, "allow"],
    ["/2021-06/units/d13", official, "allow"],
    ["/admin", official, "forbidden"],
    ["/admin/users", official, "forbidden"],
    ["/admin/users", police, "forbidden"],
    ["/admin/users", admin, "allow"],
    ["/admin/audit", admin, "allow"],
    // 好差评, 办件超时, 存在的问题 and the bulletin name every unit: not for department users.
    ["/2021-06/evaluations", police, "forbidden"],
    ["/2021-06/timeliness", xuanhan, "forbidden"],
    ["/2021-06/problems/", police, "forbidden"],
    ["/2021-06/evaluations", official, "allow"],
    ["/2021-06/timeliness", official, "allow"],
    ["/2021-06/problems", admin, "allow"],
    ["/2021-06/problems", null, "signIn"],
    ["/reports/2021-06", police, "forbidden"],
    ["/reports/2021-06", xuanhan, "forbidden"],
    ["/reports", police, "forbidden"],
    ["/reports/2021-06", official, "allow"],
    ["/reports/2021-06", admin, "allow"],
    ["/reports/2021-06", null, "signIn"],
    // The bulletin's downloads answer for themselves (401/403 from guardRoute).
    ["/api/reports/2021-06/bulletin.pdf", null, "allow"],
    // Settings and bulletin texts are data management: admins only.
    ["/admin/settings", admin, "allow"],
    ["/admin/settings", official, "forbidden"],
    ["/admin/settings", police, "forbidden"],
    ["/admin/reports/2021-06", admin, "allow"],
    ["/admin/reports/2021-06", official, "forbidden"],
    ["/admin/reports", xuanhan, "forbidden"],
  ];
  it.each(cases)("%s as %o → %s", (path, viewer, expected) => {
    expect(authorizePath(viewer, path)).toBe(expected);
  });
});
