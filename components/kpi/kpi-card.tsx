// A headline figure: label, value in tabular numbers, change from last month,
// and one line of context (after shadcn/ui's dashboard KPI cards).
export type KpiChange = { text: string; direction: "up" | "down" | "flat" | "none" };

export function KpiCard({
  label,
  value,
  change,
  context,
  testId,
  status,
}: {
  label: string;
  value: string;
  change: KpiChange;
  context?: string;
  testId?: string;
  /** The figure's decision (stated / computed / estimated / missing), for tests and styling. */
  status?: string;
}) {
  const badge = {
    up: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    down: "bg-rose-50 text-rose-700 ring-rose-600/20",
    flat: "bg-slate-100 text-slate-600 ring-slate-500/20",
    none: "bg-slate-50 text-slate-400 ring-slate-300/30",
  }[change.direction];
  const arrow = { up: "▲", down: "▼", flat: "", none: "" }[change.direction];
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId} data-figure-status={status}>
      <div className="text-sm text-slate-500">{label}</div>
      <div className="tabular mt-1 text-2xl font-semibold tracking-tight text-slate-900" data-kpi-value>
        {value}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <span data-kpi-change className={`tabular inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 ring-1 ring-inset ${badge}`}>
          {arrow && <span aria-hidden>{arrow}</span>}
          {change.text}
        </span>
      </div>
      {context && <p className="mt-2 text-xs leading-relaxed text-slate-500" data-kpi-context>{context}</p>}
    </div>
  );
}
