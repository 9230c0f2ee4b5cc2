"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useViewer } from "@/components/ui/use-viewer";

export type NavLink = { href: string; label: string; audience?: "allUnits" | "ownUnit" | "bulletin" };

/**
 * The page's links, trimmed to what the viewer may open: links to every unit's
 * rows are hidden from department users, who get a link to their own unit
 * instead. (The server refuses those pages anyway; this only avoids dead ends.)
 */
export function NavLinks({ links, label, month, ownUnitLabel }: { links: NavLink[]; label: string; month: string; ownUnitLabel: string }) {
  const pathname = usePathname();
  const viewer = useViewer();
  const department = viewer?.role === "DEPARTMENT";
  const shown: NavLink[] = links.filter((link) =>
    link.audience === "bulletin" ? !department || viewer.readsBulletin === true : !(department && link.audience === "allUnits"),
  );
  if (department && viewer.unitCode) shown.push({ href: `/${month}/units/${viewer.unitCode}`, label: ownUnitLabel });
  return (
    <nav className="flex gap-1 overflow-x-auto text-sm" aria-label={label}>
      {shown.map((link) => {
        const active = pathname === link.href;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 whitespace-nowrap ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
