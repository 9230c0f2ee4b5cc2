"use client";

// Charts load in their own chunk after the page has painted: recharts adds
// ~110 kB gzipped, which must not weigh on first load (see README, Speed).
import dynamic from "next/dynamic";

function ChartPlaceholder() {
  return <div className="h-[280px] w-full animate-pulse rounded bg-slate-100" aria-hidden />;
}

export const LazyBarChart = dynamic(() => import("@/components/charts/bar-chart"), {
  ssr: false,
  loading: ChartPlaceholder,
});

export const LazyLineChart = dynamic(() => import("@/components/charts/line-chart"), {
  ssr: false,
  loading: ChartPlaceholder,
});
