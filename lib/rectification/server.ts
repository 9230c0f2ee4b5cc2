// The rectification capability's entry for the Next.js server only: its reads for pages and
// routes. Scripts and other capabilities' plain code import "@/lib/rectification" only.
import "server-only";

export { canAnswerTask, canReviewTask, canSeeTask } from "./access";
export { boardQueryString, readBoardQuery } from "./board-query";
export { boardXlsx, taskFlags, taskSubject } from "./board-xlsx";
export { chinaTime } from "./due-date";
export {
  getAttachment,
  getAttachmentBytes,
  getDueWorkingDays,
  getMonthSummary,
  getRedCardAnswerStates,
  getTask,
  getTasks,
  getWaitingCount,
  getWaitingTasks,
} from "./page-reads";
export {
  type BoardQuery,
  type BoardSort,
  countWaitingTasks,
  listTasks,
  readAttachment,
  readMonthSummary,
  readTask,
  type TaskDetail,
  type TaskRow,
} from "./read-tasks";
export { summariseTasks } from "./summary";
