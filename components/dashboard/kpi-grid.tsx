"use client";

// A scope's KPI cards, drawn from one plain list of what each card says (ScopeKpis prepares
// it on the server). As server-rendered elements, 20 cards on the home travelled twice, in
// the HTML and as their element trees in the RSC payload (~15 kB); as this list, once in the
// payload (~5 kB) and as HTML through the server render (issue 23).
import { KpiCard, type KpiCardProps } from "@/components/dashboard/kpi-card";

export function KpiGrid({ cards }: { cards: Array<KpiCardProps & { key: string }> }) {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
      {cards.map(({ key, ...card }) => (
        <KpiCard key={key} {...card} />
      ))}
    </div>
  );
}
