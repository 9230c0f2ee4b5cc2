"use client";

// The wall display (大屏) for the hall's 1920×1080 screen: dark, large, no scrolling. It starts
// with the figures the server rendered and fetches /api/warnings/wall every minute, replacing the
// figures in place (no reload, no flicker: the old ones stay until the new have arrived). When a
// fetch fails the last figures stay, marked as stale with the time they are of.
import { useEffect, useState } from "react";
import { fill } from "@/lib/i18n/fill";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import type { WallFigures, WallRate } from "@/lib/supervision/server";

export const WALL_REFRESH_MS = 60_000;
/** Units listed on the screen (by most red cards); the rest are summed in one line. */
const UNIT_ROWS = 14;

function time(iso: string): string {
  return new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(new Date(iso));
}

/** A provisional or demo mark beside a month's name: read from across the hall, in the cell it labels. */
function Mark({ text }: { text: string }) {
  return <span className="ml-2 rounded bg-amber-300 px-2 py-0.5 text-xl font-semibold text-[#020617]">{text}</span>;
}

function rate(value: number | null | undefined, noBase: string): string {
  return value === null || value === undefined ? `— ${noBase}` : `${value.toFixed(2)}%`;
}

export function WallDisplay({
  initial,
  t,
  rateOrder,
  english,
}: {
  initial: WallFigures;
  t: Pick<SupervisionMessages, "wall" | "red" | "yellow">;
  rateOrder: readonly WallRate[];
  english: boolean;
}) {
  const [figures, setFigures] = useState(initial);
  const [stale, setStale] = useState(false);
  useEffect(() => {
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/warnings/wall", { credentials: "same-origin", cache: "no-store" });
        if (!response.ok) throw new Error(String(response.status));
        setFigures((await response.json()) as WallFigures);
        setStale(false);
      } catch {
        setStale(true);
      }
    }, WALL_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const w = t.wall;
  const rates = figures.rates;
  const shown = figures.units.slice(0, UNIT_ROWS);
  const rest = figures.units.slice(UNIT_ROWS);
  const kpi = (label: string, value: number, testId: string) => (
    <div className="rounded-xl bg-[#0f172a] px-8 py-6">
      <div className="text-3xl text-[#cbd5e1]">{label}</div>
      <div className="mt-2 text-8xl font-bold tabular-nums text-[#ffffff]" data-testid={testId}>
        {value.toLocaleString("zh-CN")}
      </div>
    </div>
  );
  return (
    <div className="flex h-full flex-col gap-6 p-8" data-testid="wall" data-read-at={figures.readAt}>
      <header className="flex items-baseline justify-between">
        <h1 className="text-5xl font-bold text-[#ffffff]">{w.title}</h1>
        <p
          className={`text-2xl ${stale ? "rounded bg-amber-300 px-3 py-1 font-semibold text-[#020617]" : "text-[#cbd5e1]"}`}
          data-testid="wall-status"
          data-stale={stale ? "true" : "false"}
          role="status"
        >
          {figures.asOf} · {fill(stale ? w.stale : w.updated, { time: time(figures.readAt) })}
        </p>
      </header>
      <section className="grid grid-cols-5 gap-6" aria-label={w.today}>
        {kpi(w.applied, figures.today.applied, "wall-applied")}
        {kpi(w.completed, figures.today.completed, "wall-completed")}
        {kpi(w.open, figures.today.open, "wall-open")}
        <div className="rounded-xl bg-red-950 px-8 py-6">
          <div className="text-3xl text-red-200">{t.red}</div>
          <div className="mt-2 text-8xl font-bold tabular-nums text-red-300" data-testid="wall-red">
            {figures.cards.red}
          </div>
        </div>
        <div className="rounded-xl bg-amber-950 px-8 py-6">
          <div className="text-3xl text-[#fef3c7]">{t.yellow}</div>
          <div className="mt-2 text-8xl font-bold tabular-nums text-amber-300" data-testid="wall-yellow">
            {figures.cards.yellow}
          </div>
        </div>
      </section>
      <div className="grid min-h-0 flex-1 grid-cols-2 gap-6">
        <section className="min-h-0 overflow-hidden rounded-xl bg-[#0f172a] p-6" aria-labelledby="wall-units">
          <h2 id="wall-units" className="text-3xl font-semibold text-[#ffffff]">
            {w.cardsByUnit}
          </h2>
          {shown.length === 0 ? (
            <p className="mt-4 text-2xl text-[#cbd5e1]">{w.noUnits}</p>
          ) : (
            <table className="mt-3 w-full text-2xl" data-testid="wall-units">
              <thead>
                <tr className="text-[#cbd5e1]">
                  <th scope="col" className="py-1 text-left font-normal">
                    &nbsp;
                  </th>
                  <th scope="col" className="py-1 text-right font-normal">
                    {t.red}
                  </th>
                  <th scope="col" className="py-1 text-right font-normal">
                    {t.yellow}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.code} data-unit={u.code} className="border-t border-[#1e293b]">
                    <th
                      scope="row"
                      className="py-1 text-left font-normal text-[#f1f5f9]"
                      lang={english && !u.nameEn ? "zh-CN" : undefined}
                    >
                      {english && u.nameEn ? u.nameEn : u.name}
                    </th>
                    <td className="py-1 text-right font-semibold tabular-nums text-red-300">{u.red}</td>
                    <td className="py-1 text-right font-semibold tabular-nums text-amber-300">{u.yellow}</td>
                  </tr>
                ))}
                {rest.length > 0 && (
                  <tr className="border-t border-[#1e293b] text-[#cbd5e1]">
                    <th scope="row" className="py-1 text-left font-normal">
                      + {rest.length}
                    </th>
                    <td className="py-1 text-right tabular-nums">{rest.reduce((s, u) => s + u.red, 0)}</td>
                    <td className="py-1 text-right tabular-nums">{rest.reduce((s, u) => s + u.yellow, 0)}</td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </section>
        <section className="min-h-0 overflow-hidden rounded-xl bg-[#0f172a] p-6" aria-labelledby="wall-rates">
          <h2 id="wall-rates" className="text-3xl font-semibold text-[#ffffff]">
            {w.rates}
          </h2>
          <table className="mt-3 w-full text-3xl" data-testid="wall-rates">
            <thead>
              <tr className="text-[#cbd5e1]">
                <th scope="col" className="py-2 text-left font-normal">
                  &nbsp;
                </th>
                <th
                  scope="col"
                  className="py-2 text-right font-normal"
                  data-testid="wall-this-month"
                  data-provisional={rates.provisionalAsOf ?? undefined}
                  data-demo={rates.monthIsDemo ? "true" : "false"}
                >
                  {rates.provisionalAsOf
                    ? fill(w.thisMonthToDate, { day: Number(rates.provisionalAsOf.slice(8, 10)) })
                    : `${w.thisMonth} ${rates.month ?? ""}`}
                  {rates.provisionalAsOf && <Mark text={w.provisional} />}
                  {rates.monthIsDemo && <Mark text={w.demo} />}
                </th>
                <th
                  scope="col"
                  className="py-2 text-right font-normal"
                  data-testid="wall-last-month"
                  data-demo={rates.lastMonthIsDemo ? "true" : "false"}
                >
                  {w.lastMonth} {rates.lastMonth ?? ""}
                  {rates.lastMonthIsDemo && <Mark text={w.demo} />}
                </th>
              </tr>
            </thead>
            <tbody>
              {rateOrder.map((key) => {
                const now = rates.current[key];
                const before = rates.previous[key];
                const up = now != null && before != null && now > before;
                const down = now != null && before != null && now < before;
                return (
                  <tr key={key} className="border-t border-[#1e293b]">
                    <th scope="row" className="py-2 text-left font-normal text-[#f1f5f9]">
                      {w.rateNames[key]}
                    </th>
                    <td className="py-2 text-right font-semibold tabular-nums text-[#ffffff]">
                      {rate(now, w.noBase)} {up ? "▲" : down ? "▼" : ""}
                    </td>
                    <td className="py-2 text-right tabular-nums text-[#cbd5e1]">{rate(before, w.noBase)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rates.month && (
            <div className="mt-4 space-y-1 text-xl text-[#cbd5e1]" role="note" data-testid="wall-rates-note">
              <p>
                {rates.provisionalAsOf
                  ? fill(w.monthSourceProvisional, { date: rates.provisionalAsOf })
                  : fill(w.monthSource, { month: rates.month })}
              </p>
              {rates.monthIsDemo && <p className="text-amber-300">{fill(w.monthDemo, { month: rates.month })}</p>}
              {rates.lastMonthIsDemo && rates.lastMonth && (
                <p className="text-amber-300" data-testid="wall-last-month-demo">
                  {fill(w.lastMonthDemo, { month: rates.lastMonth })}
                </p>
              )}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
