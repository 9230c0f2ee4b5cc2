// A headline figure: label, value in tabular numbers, change from last month,
// and one line of context (after shadcn/ui's dashboard KPI cards). With `href`
// the whole card leads to the figure's detail page.
import { AudienceLink } from "@/components/ui/audience-link";
import type { KpiChange } from "@/lib/dashboard/format-figure";

export function KpiCard({
  label,
  value,
  change,
  context,
  testId,
  href,
  status,
}: {
  label: string;
  value: string;
  change: KpiChange;
  context?: string;
  testId?: string;
  href?: string;
  /** The figure's decision (stated / computed / estimated / missing), for tests and styling. */
  status?: string;
}) {
  const badge = {
    up: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    down: "bg-rose-50 text-rose-700 ring-rose-600/20",
    flat: "bg-slate-100 text-slate-600 ring-slate-500/20",
    none: "bg-slate-50 text-slate-600 ring-slate-300/30",
  }[change.direction];
  const arrow = { up: "▲", down: "▼", flat: "", none: "" }[change.direction];
  const card = (
    <div
      className="h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={testId}
      data-kpi-card
      data-figure-status={status}
    >
      <div className="text-sm text-slate-600">{label}</div>
      <div className="tabular mt-1 text-2xl font-semibold tracking-tight text-slate-900" data-kpi-value>
        {value}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <span
          data-kpi-change
          className={`tabular keep-words inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 ring-1 ring-inset ${badge}`}
        >
          {arrow && <span aria-hidden>{arrow}</span>}
          {change.text}
        </span>
      </div>
      {context && (
        <p className="mt-2 text-xs leading-relaxed text-slate-600" data-kpi-context>
          {context}
        </p>
      )}
    </div>
  );
  if (!href) return card;
  return (
    <AudienceLink
      href={href}
      className="block rounded-lg hover:ring-2 hover:ring-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
    >
      {card}
    </AudienceLink>
  );
}
