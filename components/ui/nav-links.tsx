"use client";

import { useEffect, useRef, useState } from "react";
import Link, { useAppPath } from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";

export type NavLink = { href: string; label: string; audience?: "allUnits" | "ownUnit" | "bulletin" };

/**
 * The page's links, trimmed to what the viewer may open: links to every unit's
 * rows are hidden from department users, who get a link to their own unit
 * instead. (The server refuses those pages anyway; this only avoids dead ends.)
 * On a narrow screen the strip scrolls sideways: the edge it continues past fades
 * and a hint says so, and the current tab is scrolled into view.
 */
export function NavLinks({
  links,
  label,
  month,
  ownUnitLabel,
  scrollHint,
}: {
  links: NavLink[];
  label: string;
  month: string;
  ownUnitLabel: string;
  scrollHint: string;
}) {
  // The path without its language prefix: links name app paths, LocaleLink adds /en.
  const pathname = useAppPath();
  const viewer = useViewer();
  const department = viewer?.role === "DEPARTMENT";
  const shown: NavLink[] = links.filter((link) =>
    link.audience === "bulletin"
      ? !department || viewer.readsBulletin === true
      : !(department && link.audience === "allUnits"),
  );
  if (department && viewer.unitCode) shown.push({ href: `/${month}/units/${viewer.unitCode}`, label: ownUnitLabel });

  const strip = useRef<HTMLElement>(null);
  const [edges, setEdges] = useState({ start: false, end: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the links or the page change, though the body reads neither
  useEffect(() => {
    const element = strip.current;
    if (!element) return;
    const measure = () =>
      setEdges({
        start: element.scrollLeft > 2,
        end: element.scrollLeft + element.clientWidth < element.scrollWidth - 2,
      });
    element.querySelector<HTMLElement>("[aria-current=page]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
    measure();
    element.addEventListener("scroll", measure, { passive: true });
    window.addEventListener("resize", measure);
    return () => {
      element.removeEventListener("scroll", measure);
      window.removeEventListener("resize", measure);
    };
  }, [shown.length, pathname]);

  return (
    <div className="print:hidden">
      <nav
        ref={strip}
        className={`flex gap-1 overflow-x-auto text-sm ${edges.start ? "scroll-hint-start" : ""} ${edges.end ? "scroll-hint-end" : ""}`}
        aria-label={label}
        data-testid="main-nav"
      >
        {shown.map((link) => {
          const active = pathname === link.href;
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              // Links every viewer may not open are not prefetched before the viewer is known
              // (a department user's browser would fetch refusals for the tabs it is then not shown).
              prefetch={viewer === undefined && link.audience !== undefined ? false : undefined}
              className={`rounded-md px-3 py-1.5 whitespace-nowrap ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
      {/* Its line is always held on a narrow screen (invisible until the strip is found to
          continue): appearing after the first measure shifted the whole page (CLS). */}
      <p
        className={`mt-1 text-right text-xs text-slate-600 md:hidden ${edges.end ? "" : "invisible"}`}
        aria-hidden={!edges.end}
        data-testid="nav-scroll-hint"
      >
        {scrollHint} →
      </p>
    </div>
  );
}
