"use client";

// The header's 预警 count on every page: the viewer's own unit's red and yellow cards (a
// department user) or every unit's, fetched once per page load from /api/warnings/count (a
// small, briefly cached answer), so that the prerendered pages stay the same for everyone.
import { useEffect, useState } from "react";
import Link from "@/components/ui/locale-link";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";

type Counts = { red: number; yellow: number; href: string };
let request: Promise<Counts | null> | undefined;

function loadCounts(): Promise<Counts | null> {
  request ??= fetch("/api/warnings/count", { credentials: "same-origin" })
    .then((r) => (r.ok ? (r.json() as Promise<Counts>) : null))
    .catch(() => null);
  return request;
}

export function WarningCount({ messages }: { messages: Pick<SupervisionMessages, "headerCount" | "red" | "yellow"> }) {
  // undefined while asking: the count's box is held (invisible) so the header does not shift
  // when the answer arrives (Lighthouse's CLS was 0.24 on every month page at 412 px); null: none.
  const [counts, setCounts] = useState<Counts | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadCounts().then((c) => live && setCounts(c));
    return () => {
      live = false;
    };
  }, []);
  if (counts === null) return null;
  if (counts === undefined) {
    return (
      <span
        aria-hidden
        className="invisible inline-flex min-h-6 items-center gap-1 rounded border px-2 py-0.5 text-sm"
        data-testid="warning-count-placeholder"
      >
        <span>{messages.headerCount}</span>
        <span className="px-1.5 text-xs font-semibold">0</span>
        <span className="px-1.5 text-xs font-semibold">0</span>
      </span>
    );
  }
  return (
    <Link
      href={counts.href}
      className="inline-flex min-h-6 items-center gap-1 rounded border border-slate-300 px-2 py-0.5 text-sm text-slate-800 hover:bg-slate-50"
      data-testid="warning-count"
      data-red={counts.red}
      data-yellow={counts.yellow}
    >
      {/* The name read out is the visible text with the cards named: "预警 红牌 1 黄牌 2". */}
      <span>{messages.headerCount}</span>
      <span className="sr-only">{messages.red}</span>
      <span
        className="rounded bg-red-700 px-1.5 text-xs font-semibold text-[#ffffff] tabular-nums"
        data-testid="warning-count-red"
      >
        {counts.red}
      </span>
      <span className="sr-only">{messages.yellow}</span>
      <span
        className="rounded bg-amber-300 px-1.5 text-xs font-semibold text-[#000000] tabular-nums"
        data-testid="warning-count-yellow"
      >
        {counts.yellow}
      </span>
    </Link>
  );
}
