import "server-only";
import { isMonth, monthsEndingWith, previousMonth } from "@/lib/calendar/month";
import { type MonthScopes, monthScopes } from "@/lib/indicators";
import { decideMonthFigures, type MonthDecisions } from "@/lib/indicators/figure-decision";
import { getMonthsData, type MonthData } from "@/lib/month-versions/server";

/** A month with its scopes and the one decision per figure (lib/indicators/figure-decision.ts). */
export type MonthWithScopes = MonthData & { scopes: MonthScopes; figures: MonthDecisions };

export const HISTORY_MONTHS = 13;

/**
 * A month, the month before it and the 13 months ending with it, each with
 * its scopes computed: what every dashboard view needs, in one cached read.
 */
export async function getMonthView(month: string): Promise<{
  current: MonthWithScopes;
  previous: MonthWithScopes | null;
  history: MonthWithScopes[];
} | null> {
  if (!isMonth(month)) return null;
  const months = monthsEndingWith(month, HISTORY_MONTHS);
  const data = await getMonthsData(months);
  const history = data.map((m) => {
    const scopes = monthScopes(m.rows, m.summaries);
    return { ...m, scopes, figures: decideMonthFigures(scopes) };
  });
  const current = history.find((m) => m.month === month);
  if (!current) return null;
  const previous = history.find((m) => m.month === previousMonth(month)) ?? null;
  return { current, previous, history };
}
