// The rectification capability's entry for the Next.js server only: its reads for pages and
// routes. Scripts and other capabilities' plain code import "@/lib/rectification" only.
import "server-only";

export { canAnswerTask, canReviewTask, canSeeTask } from "./access";
export {
  type BoardQuery,
  type BoardSort,
  countWaitingTasks,
  listTasks,
  readAttachment,
  readTask,
  type TaskDetail,
  type TaskRow,
} from "./read-tasks";
