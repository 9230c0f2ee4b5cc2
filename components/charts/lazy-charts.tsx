"use client";

// Charts stay off the critical path: recharts (~110 kB gzipped) loads in its
// own chunk, and only when a chart comes near the viewport (or the page is
// printed), so a page paints and becomes interactive without it and charts
// below the fold cost nothing until scrolled to (see README, Speed). The
// placeholder has the chart's height, so nothing shifts when it arrives.
// `eager`: render right after hydration wherever the chart is (a document
// meant to be printed or read whole, e.g. the bulletin page).
import dynamic from "next/dynamic";
import { type ComponentProps, useEffect, useRef, useState } from "react";
import type BarChartComponent from "@/components/charts/bar-chart";
import type LineChartComponent from "@/components/charts/line-chart";

function ChartPlaceholder({ height = 280 }: { height?: number }) {
  return <div className="w-full animate-pulse rounded bg-slate-100" style={{ height }} aria-hidden />;
}

const BarChart = dynamic(() => import("@/components/charts/bar-chart"), {
  ssr: false,
  loading: () => <ChartPlaceholder />,
});
const LineChart = dynamic(() => import("@/components/charts/line-chart"), {
  ssr: false,
  loading: () => <ChartPlaceholder />,
});

/** True once the element is within `margin` of the viewport, or the page is about to print. */
function useNearViewport(eager: boolean, margin = "300px") {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(eager);
  useEffect(() => {
    if (near) return;
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: `${margin} 0px`,
    });
    observer.observe(element);
    const onPrint = () => setNear(true);
    window.addEventListener("beforeprint", onPrint);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", onPrint);
    };
  }, [near, margin]);
  return { ref, near };
}

export function LazyBarChart({
  eager = false,
  ...props
}: ComponentProps<typeof BarChartComponent> & { eager?: boolean }) {
  const { ref, near } = useNearViewport(eager);
  const height = props.height ?? 300;
  return (
    <div ref={ref} style={{ minHeight: height }}>
      {near ? <BarChart {...props} /> : <ChartPlaceholder height={height} />}
    </div>
  );
}

export function LazyLineChart({
  eager = false,
  ...props
}: ComponentProps<typeof LineChartComponent> & { eager?: boolean }) {
  const { ref, near } = useNearViewport(eager);
  const height = props.height ?? 280;
  return (
    <div ref={ref} style={{ minHeight: height }}>
      {near ? <LineChart {...props} /> : <ChartPlaceholder height={height} />}
    </div>
  );
}
