// Who may see, answer and review a task. A DEPARTMENT user sees and answers its own unit's
// tasks only; officials and admins see every task and review; the administration's own tasks
// (unitCode null: a city-wide problem) are answered by whoever has rectification.answerForAdministration.
// The permission table (lib/access/permissions.ts) names the actions and who has them; these add
// the unit (only a DEPARTMENT user has one: lib/access/accounts/user-input.ts).
import { can, type Viewer } from "@/lib/access";

export type TaskOwner = { unitCode: string | null };

export function canSeeTask(viewer: Viewer | null, task: TaskOwner): boolean {
  if (!viewer || !can(viewer, "rectification.view")) return false;
  if (can(viewer, "rectification.review")) return true;
  return task.unitCode !== null && viewer.unitCode !== null && viewer.unitCode === task.unitCode;
}

export function canAnswerTask(viewer: Viewer | null, task: TaskOwner): boolean {
  if (!viewer || !can(viewer, "rectification.answer")) return false;
  if (task.unitCode === null) return can(viewer, "rectification.answerForAdministration");
  return viewer.unitCode !== null && viewer.unitCode === task.unitCode;
}

export function canReviewTask(viewer: Viewer | null): boolean {
  return can(viewer, "rectification.review");
}
