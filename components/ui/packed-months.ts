// The published months as one short string for a client component's props: "2021-05* 2021-06",
// oldest first, `*` marking demo data. A page passes its list of months (120 with the demo
// history) to the month picker and to the 404/403 boundaries that Next sends with every page;
// as objects with their labels they cost ~7 kB of RSC payload each, as this ~1 kB (issue 23).
// The labels are made where the months are drawn, in the page's language.

export type PackedMonth = { month: string; isDemo: boolean };

export function packMonths(months: ReadonlyArray<PackedMonth>): string {
  return months.map((m) => `${m.month}${m.isDemo ? "*" : ""}`).join(" ");
}

export function unpackMonths(packed: string): PackedMonth[] {
  return packed
    .split(" ")
    .filter(Boolean)
    .map((m) => ({ month: m.replace("*", ""), isDemo: m.endsWith("*") }));
}
