// KPI cards for one scope's headline figures, each with its change from the
// previous month: counts as a signed difference, rates in percentage points.
import { KpiCard, type KpiChange } from "@/components/kpi/kpi-card";
import { countChange, rateChange, type HeadlineField, type ScopeSummary } from "@/lib/indicators";
import { formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/format";
import { fill, type Messages } from "@/lib/i18n/messages";

const RATE_FIELDS = new Set<HeadlineField>([
  "promiseSpeedupRate",
  "handlingSpeedupRate",
  "earlyCompletionRate",
  "onlineShare",
  "onlineEarlyCompletionRate",
  "onTimeCompletionRate",
  "activeEvaluationRate",
  "satisfactionRate",
  "coverageRate",
  "catalogClaimRate",
]);

function changeOf(field: HeadlineField, current: ScopeSummary, previous: ScopeSummary | null, t: Messages): KpiChange {
  const now = current.figures[field].value;
  const before = previous?.figures[field].value ?? null;
  if (RATE_FIELDS.has(field)) {
    const change = rateChange(now, before);
    if (!change) return { text: t.kpi.noPrevious, direction: "none" };
    const direction = change.points > 0 ? "up" : change.points < 0 ? "down" : "flat";
    return { text: `${t.kpi.vsPreviousMonth} ${change.points === 0 ? t.kpi.unchanged : formatPoints(change.points)}`, direction };
  }
  const change = countChange(now, before);
  if (!change) return { text: t.kpi.noPrevious, direction: "none" };
  const direction = change.difference > 0 ? "up" : change.difference < 0 ? "down" : "flat";
  const relative = change.relative === null ? "" : `（${change.relative > 0 ? "+" : change.relative < 0 ? "\u2212" : ""}${Math.abs(change.relative).toFixed(1)}%）`;
  return {
    text: `${t.kpi.vsPreviousMonth} ${change.difference === 0 ? t.kpi.unchanged : formatSignedCount(change.difference, { unit: true }) + relative}`,
    direction,
  };
}

/** One line saying where the figure comes from, and any gap between the bulletin and the rows. */
function contextOf(field: HeadlineField, summary: ScopeSummary, t: Messages): string | undefined {
  const figure = summary.figures[field];
  if (figure.source === "approximate") return t.kpi.approximate;
  if (figure.source === "reported" && figure.difference !== null && figure.difference !== 0 && !figure.approximate) {
    const computed = RATE_FIELDS.has(field) ? formatRate(figure.computed) : formatCount(figure.computed, { unit: true });
    const difference = RATE_FIELDS.has(field) ? formatPoints(figure.difference) : formatSignedCount(figure.difference, { unit: true });
    return fill(t.kpi.rowsDiffer, { computed, difference });
  }
  return undefined;
}

export function ScopeKpis({
  fields,
  current,
  previous,
  messages,
  testIdPrefix,
  hrefOf,
}: {
  fields: HeadlineField[];
  current: ScopeSummary;
  previous: ScopeSummary | null;
  messages: Messages;
  testIdPrefix: string;
  /** The page a figure's card leads to (its detail). */
  hrefOf?: (field: HeadlineField) => string | undefined;
}) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
      {fields.map((field) => {
        const value = current.figures[field].value;
        return (
          <KpiCard
            key={field}
            testId={`${testIdPrefix}-${field}`}
            label={messages.fields[field]}
            value={RATE_FIELDS.has(field) ? formatRate(value) : formatCount(value, { unit: true })}
            change={changeOf(field, current, previous, messages)}
            context={contextOf(field, current, messages)}
            href={hrefOf?.(field)}
          />
        );
      })}
    </div>
  );
}
