// A headline figure: label, value in tabular numbers, change from last month,
// and one line of context (after shadcn/ui's dashboard KPI cards). With `href`
// the whole card leads to the figure's detail page.
import { AudienceLink } from "@/components/ui/audience-link";
import type { KpiChange } from "@/lib/dashboard/format-figure";

export type KpiCardProps = {
  label: string;
  value: string;
  change: KpiChange;
  context?: string;
  testId?: string;
  href?: string;
  /** The figure's decision (stated / computed / estimated / missing), for tests and styling. */
  status?: string;
};

export function KpiCard({ label, value, change, context, testId, href, status }: KpiCardProps) {
  // Styled by the .kpi-* rules in globals.css (issue 23): 20 cards × a dozen utility classes
  // each travelled twice, in the HTML and in the RSC payload.
  const arrow = { up: "▲", down: "▼", flat: "", none: "" }[change.direction];
  const card = (
    <div className="kpi-card" data-testid={testId} data-kpi-card data-figure-status={status}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value tabular" data-kpi-value>
        {value}
      </div>
      <div className="kpi-changes">
        <span data-kpi-change data-direction={change.direction} className="tabular keep-words">
          {arrow && <span aria-hidden>{arrow}</span>}
          {change.text}
        </span>
      </div>
      {context && (
        <p className="kpi-context" data-kpi-context>
          {context}
        </p>
      )}
    </div>
  );
  if (!href) return card;
  return (
    <AudienceLink href={href} className="kpi-link">
      {card}
    </AudienceLink>
  );
}
