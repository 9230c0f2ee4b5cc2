"use client";

import Link from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";

/** Back to the unit's table — or, for a department user who may not open it, to the city overview. */
export function BackLink({
  href,
  label,
  fallbackHref,
  fallbackLabel,
}: {
  href: string;
  label: string;
  fallbackHref: string;
  fallbackLabel: string;
}) {
  const viewer = useViewer();
  const department = viewer?.role === "DEPARTMENT";
  return (
    // Not prefetched before the viewer is known: a department user's browser would fetch a refusal.
    <Link
      href={department ? fallbackHref : href}
      prefetch={viewer === undefined ? false : undefined}
      className="inline-block min-h-6 py-0.5 text-sm text-brand-700 hover:underline"
    >
      ← {department ? fallbackLabel : label}
    </Link>
  );
}
