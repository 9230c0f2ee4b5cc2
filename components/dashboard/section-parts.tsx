// Small pieces the section pages share: a change line for KPI cards, the basis of an
// evaluation rate, and plain tables styled like the rest of the dashboard.
import type { KpiChange } from "@/lib/dashboard/format-figure";
import { formatPoints, formatSignedCount } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import type { CountChange, RateChange } from "@/lib/indicators";

export function countChangeOf(change: CountChange | null, t: Messages, unit = "件"): KpiChange {
  if (!change) return { text: t.sections.noPrevious, direction: "none" };
  const direction = change.difference > 0 ? "up" : change.difference < 0 ? "down" : "flat";
  const text = change.difference === 0 ? t.sections.unchanged : `${formatSignedCount(change.difference)}${unit}`;
  return { text: fill(t.sections.vsPrevious, { change: text }), direction };
}

export function rateChangeOf(change: RateChange | null, t: Messages): KpiChange {
  if (!change) return { text: t.sections.noPrevious, direction: "none" };
  const direction = change.points > 0 ? "up" : change.points < 0 ? "down" : "flat";
  const text = change.points === 0 ? t.sections.unchanged : formatPoints(change.points);
  return { text: fill(t.sections.vsPrevious, { change: text }), direction };
}

export const tableClass = "tabular w-full border-collapse text-sm";
export const thClass =
  "border-b border-slate-200 bg-slate-100 px-3 py-2 text-left font-semibold text-slate-700 whitespace-nowrap";
export const tdClass = "border-b border-slate-100 px-3 py-2";
export const numClass = "border-b border-slate-100 px-3 py-2 text-right whitespace-nowrap";

export function SectionTable({
  children,
  testId,
  caption,
}: {
  children: React.ReactNode;
  testId?: string;
  caption?: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
