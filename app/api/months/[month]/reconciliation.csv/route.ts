import { csvResponse } from "@/lib/dashboard/exports/annex-csv";
import { MONTH_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { reconcileMonth } from "@/lib/month-versions/read-month-history";
import { versionNumberParam } from "@/lib/month-versions/reconciliation/read-reconciliation";
import { reconciliationCsv } from "@/lib/month-versions/reconciliation/reconciliation-view";

/** The reconciliation of a month as CSV: the versions chosen on the page (?cases=&annex=), differing cells or all (?all=1). */
export const GET = withGuard(
  "data.manage",
  { params: { month: MONTH_PARAM } },
  async ({ request, params: { month } }) => {
    const query = new URL(request.url).searchParams;
    const result = await reconcileMonth(month, {
      cases: versionNumberParam(query.get("cases") ?? undefined),
      annex: versionNumberParam(query.get("annex") ?? undefined),
    });
    const messages = getMessages();
    if (!result) return Response.json({ error: messages.reconciliation.missing }, { status: 404 });
    const all = query.get("all") === "1";
    return csvResponse(
      reconciliationCsv(result.reconciliation, messages, { all }),
      `核对-${month}-办件明细v${result.cases.number}-附件v${result.annex.number}.csv`,
    );
  },
);
