"use client";

// Switches the month while staying on the same view: the month is the first
// segment of every dashboard URL (/2021-06/municipal), so views can be
// prerendered per month. From the keyboard, arrow keys only move the choice
// (some browsers fire `change` on every arrow press of a closed select);
// Enter or leaving the field opens it.
import { usePathname, useRouter } from "next/navigation";
import { useRef } from "react";
import { unpackMonths } from "@/components/ui/packed-months";
import { formatMonthLabel } from "@/lib/calendar/month";
import { localePath, readPathname } from "@/lib/i18n/locale";
import { withNote } from "@/lib/i18n/punctuation";

const MOVE_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

export function MonthPicker({
  months,
  current,
  label,
  demoLabel,
  basePath,
}: {
  /** The months, packed (components/ui/packed-months.ts): ~1 kB of payload instead of ~7 kB. */
  months: string;
  current: string;
  label: string;
  demoLabel: string;
  /** Pages whose month is not the first segment (/reports/2021-06): switch to `${basePath}/${month}`. */
  basePath?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const byKeyboard = useRef(false);
  const pending = useRef<string | null>(null);
  const pageLocale = readPathname(pathname).locale;
  const open = (month: string) => {
    pending.current = null;
    if (month === current) return;
    // In the page's language: the path is read without its /en prefix and given it back.
    const { locale, path } = readPathname(pathname);
    if (basePath) return router.push(localePath(locale, `${basePath}/${month}`));
    const rest = path.split("/").slice(2).join("/");
    router.push(localePath(locale, `/${month}${rest ? `/${rest}` : ""}`));
  };
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">{label}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900"
        key={current}
        defaultValue={current}
        data-testid="month-picker"
        onKeyDown={(event) => {
          byKeyboard.current = MOVE_KEYS.has(event.key);
          if (event.key === "Enter" && pending.current) {
            event.preventDefault();
            open(pending.current);
          }
        }}
        onMouseDown={() => {
          byKeyboard.current = false;
        }}
        onBlur={() => pending.current && open(pending.current)}
        onChange={(event) => {
          if (byKeyboard.current) pending.current = event.target.value;
          else open(event.target.value);
        }}
      >
        {unpackMonths(months)
          .reverse()
          .map((m) => (
            <option key={m.month} value={m.month}>
              {`${formatMonthLabel(m.month, pageLocale)}${m.isDemo ? withNote("", demoLabel, pageLocale) : ""}`}
            </option>
          ))}
      </select>
    </label>
  );
}
