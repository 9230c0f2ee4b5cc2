"use client";

// The header's unit search: a combobox (WAI-ARIA 1.2 pattern) over the units the viewer may
// open, fetched once on first focus from /api/units/search (which leaves out other units for
// a department user: prerendered pages carry no unit list).
import { usePathname, useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { searchUnits, type UnitSearchEntry } from "@/lib/dashboard/unit-search/unit-match";
import { fill } from "@/lib/i18n/fill";
import { localePath, readPathname } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

let request: Promise<UnitSearchEntry[]> | undefined;
function loadEntries(): Promise<UnitSearchEntry[]> {
  request ??= fetch("/api/units/search", { credentials: "same-origin" })
    .then((r) => (r.ok ? (r.json() as Promise<UnitSearchEntry[]>) : []))
    .catch(() => []);
  return request;
}

export function UnitSearch({
  messages,
  fallbackMonth,
}: {
  messages: Messages["readers"]["search"];
  fallbackMonth: string;
}) {
  const router = useRouter();
  const { locale, path: pathname } = readPathname(usePathname() ?? "/");
  const month =
    /^\/(\d{4}-\d{2})(\/|$)/.exec(pathname)?.[1] ?? /^\/reports\/(\d{4}-\d{2})/.exec(pathname)?.[1] ?? fallbackMonth;
  const [entries, setEntries] = useState<UnitSearchEntry[] | null>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const results = useMemo(() => (entries ? searchUnits(entries, query) : []), [entries, query]);

  const go = (entry: UnitSearchEntry) => {
    setOpen(false);
    setQuery("");
    router.push(localePath(locale, `/${month}/units/${entry.code}`));
  };

  return (
    <div className="relative print:hidden" data-testid="unit-search">
      <label className="sr-only" htmlFor={`${listId}-input`}>
        {messages.label}
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? `${listId}-${results[active]!.code}` : undefined}
        placeholder={messages.placeholder}
        autoComplete="off"
        value={query}
        className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-600"
        onFocus={() => void loadEntries().then(setEntries)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (event.key === "Enter" && results[active]) {
            event.preventDefault();
            go(results[active]!);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <div className="sr-only" aria-live="polite">
        {open && query.trim() !== "" && entries ? fill(messages.results, { count: results.length }) : ""}
      </div>
      {open && query.trim() !== "" && (entries === null || results.length === 0) && (
        <p className="absolute right-0 z-30 mt-1 w-72 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700 shadow-lg">
          {entries === null ? messages.loading : messages.none}
        </p>
      )}
      {open && results.length > 0 && (
        <ul
          id={listId}
          role="listbox"
          aria-label={messages.label}
          className="absolute right-0 z-30 mt-1 max-h-80 w-72 overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {results.map((entry, index) => (
            <li
              key={entry.code}
              id={`${listId}-${entry.code}`}
              role="option"
              aria-selected={index === active}
              data-code={entry.code}
              className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
              onMouseDown={(event) => {
                event.preventDefault();
                go(entry);
              }}
              onMouseEnter={() => setActive(index)}
            >
              {entry.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
