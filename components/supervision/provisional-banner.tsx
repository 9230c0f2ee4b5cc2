// The mark of a month whose figures are the month to date (本月截至 X 日, issue 20): provisional,
// on every page that shows the month (the month layout, the bulletin draft). Server component.
import { DemoBadge } from "@/components/ui/demo-badge";
import { fill, type Messages } from "@/lib/i18n/messages";

export function ProvisionalBanner({ t, asOf }: { t: Messages["dailyFeed"]; asOf: string }) {
  return (
    <div
      className="border-b border-brand-100 bg-brand-50 print:border-0"
      role="note"
      data-testid="provisional-banner"
      data-as-of={asOf}
    >
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm text-brand-900">
        <DemoBadge label={fill(t.provisional.badge, { day: Number(asOf.slice(8, 10)) })} />{" "}
        <span className="ml-2">{fill(t.provisional.title, { date: asOf })}</span>
      </div>
    </div>
  );
}
