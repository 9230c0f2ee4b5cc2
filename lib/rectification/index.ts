// The rectification capability's entry (整改, issue 21): what other capabilities may use
// (docs/architecture.md). Everything else in lib/rectification/ is its own business.
// - lib/bulletin's issue creates and corrects a month's PROBLEM tasks (syncBulletinTasks) in its
//   transaction, and its draft reads the previous month's summary (readMonthSummary).
// - The daily supervision (issue 20) opens a case's RED_CARD task (openRedCardTask) and joins the
//   answer state of many cards at once (readRedCardAnswerStates).
export { type Measures, type RedCardAnswer, reviewTask, submitAnswer } from "./answers";
export { type BulletinTaskChanges, syncBulletinTasks } from "./bulletin-tasks";
export { addWorkingDays } from "./due-date";
export { readMonthSummary } from "./read-tasks";
export {
  type AnswerState,
  isRedCardReason,
  openRedCardTask,
  RED_CARD_REASONS,
  type RedCardReason,
  readRedCardAnswerStates,
} from "./red-card";
export { type RectificationSummary, summariseTasks } from "./summary";
