"use client";

// What a printed dashboard page says at its top, in place of the navigation: the city, the
// product, the scope (the tab the page is) and the month.
import { usePathname } from "next/navigation";
import { fill } from "@/lib/i18n/fill";
import { readPathname } from "@/lib/i18n/locale";

export function PrintHeading({
  template,
  city,
  title,
  month,
  scopes,
}: {
  template: string;
  city: string;
  title: string;
  month: string;
  scopes: Array<{ href: string; label: string }>;
}) {
  const pathname = readPathname(usePathname() ?? "/").path;
  const scope = scopes.find((s) => s.href === pathname)?.label ?? "";
  return (
    <p className="hidden text-sm font-semibold print:block" data-testid="print-heading">
      {fill(template, { city, title, scope, month }).replace(" ·  · ", " · ")}
    </p>
  );
}
