// Who may open the 整改 paths (the gate's rules) and which tasks (the unit rules behind them).
import { describe, expect, it } from "vitest";
import { authorizePath, type Viewer } from "@/lib/access/permissions";
import { canAnswerTask, canReviewTask, canSeeTask } from "./access";

const admin: Viewer = { userId: 1, role: "SYSTEM_ADMIN", unitCode: null };
const official: Viewer = { userId: 2, role: "OFFICIAL", unitCode: null };
const police: Viewer = { userId: 3, role: "DEPARTMENT", unitCode: "d08" };
const xuanhan: Viewer = { userId: 4, role: "DEPARTMENT", unitCode: "x04" };

describe("the 整改 paths", () => {
  it.each([
    [police, "/rectification", "allow"],
    [police, "/en/rectification", "allow"],
    [police, "/rectification/tasks/12", "allow"],
    [police, "/rectification/tasks/%312", "allow"], // decoded once: the same page, decided on the task's unit
    [police, "/rectification/tasks/012", "notFound"],
    [police, "/rectification/tasks/1/../2", "notFound"],
    [police, "/rectification/tasks/12;x", "notFound"],
    [police, "/api/rectification/attachments/7", "allow"],
    [police, "/api/rectification/attachments/%2E%2E/7", "notFound"],
    [police, "/api/rectification/waiting", "allow"],
    [police, "/api/rectification/board.xlsx", "forbidden"],
    [xuanhan, "/api/rectification/board.xlsx", "forbidden"],
    [official, "/api/rectification/board.xlsx", "allow"],
    [admin, "/api/rectification/board.xlsx", "allow"],
    [null, "/rectification", "signIn"],
    [null, "/api/rectification/attachments/7", "signIn"],
    [official, "/en/api/rectification/waiting", "notFound"],
  ] as const)("%o %s → %s", (viewer, path, expected) => {
    expect(authorizePath(viewer, path)).toBe(expected);
  });
});

describe("the task's unit", () => {
  const policeTask = { unitCode: "d08" };
  const cityTask = { unitCode: null };
  it("a department sees and answers its own unit's tasks only, and reviews none", () => {
    expect(canSeeTask(police, policeTask)).toBe(true);
    expect(canAnswerTask(police, policeTask)).toBe(true);
    expect(canSeeTask(xuanhan, policeTask)).toBe(false);
    expect(canAnswerTask(xuanhan, policeTask)).toBe(false);
    expect(canSeeTask(police, cityTask)).toBe(false);
    expect(canReviewTask(police)).toBe(false);
  });
  it("officials see and review every task and answer none; the admin answers the administration's own", () => {
    expect(canSeeTask(official, policeTask)).toBe(true);
    expect(canReviewTask(official)).toBe(true);
    expect(canAnswerTask(official, policeTask)).toBe(false);
    expect(canAnswerTask(official, cityTask)).toBe(false);
    expect(canAnswerTask(admin, cityTask)).toBe(true);
    expect(canAnswerTask(admin, policeTask)).toBe(false);
    // The administration's task is no unit's: a department answers it no more than another unit's.
    expect(canAnswerTask(police, cityTask)).toBe(false);
    expect(canSeeTask(null, policeTask)).toBe(false);
  });
});
