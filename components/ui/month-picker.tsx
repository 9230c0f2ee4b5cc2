"use client";

// Switches the month while staying on the same view: the month is the first
// segment of every dashboard URL (/2021-06/municipal), so views can be
// prerendered per month.
import { usePathname, useRouter } from "next/navigation";

export function MonthPicker({
  months,
  current,
  label,
  demoLabel,
  basePath,
}: {
  months: Array<{ month: string; label: string; isDemo: boolean }>;
  current: string;
  label: string;
  demoLabel: string;
  /** Pages whose month is not the first segment (/reports/2021-06): switch to `${basePath}/${month}`. */
  basePath?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">{label}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900"
        value={current}
        data-testid="month-picker"
        onChange={(event) => {
          if (basePath) return router.push(`${basePath}/${event.target.value}`);
          const rest = pathname.split("/").slice(2).join("/");
          router.push(`/${event.target.value}${rest ? `/${rest}` : ""}`);
        }}
      >
        {[...months].reverse().map((m) => (
          <option key={m.month} value={m.month}>
            {m.label}
            {m.isDemo ? `（${demoLabel}）` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}
