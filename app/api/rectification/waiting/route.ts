// GET /api/rectification/waiting: the header's number (one indexed count) and, for a unit, its
// tasks waiting for an answer (the unit page's panel). Per viewer, never cached.
import { withGuard } from "@/lib/http/with-guard";
import { getWaitingCount, getWaitingTasks } from "@/lib/rectification/server";

export const dynamic = "force-dynamic";

export const GET = withGuard("rectification.view", async ({ request, viewer }) => {
  const withTasks = new URL(request.url).searchParams.get("tasks") === "1";
  const [count, tasks] = await Promise.all([
    getWaitingCount(viewer),
    withTasks ? getWaitingTasks(viewer) : Promise.resolve([]),
  ]);
  return Response.json(
    {
      count,
      role: viewer.role,
      tasks: tasks.map((t) => ({
        id: t.id,
        month: t.month,
        kind: t.kind,
        problemKind: t.problemKind,
        caseNo: t.caseNo,
        figure: t.figure,
        dueDate: t.dueDate,
        status: t.status,
        overdueUnanswered: t.overdueUnanswered,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
});
