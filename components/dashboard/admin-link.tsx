"use client";

// A link only admins can follow (e.g. to the settings), shown to admins only: month pages are
// prerendered for every viewer, so the choice is made in the browser (the server refuses
// others anyway).
import Link from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";

export function AdminLink({
  href,
  children,
  className,
}: {
  href: string;
  children: React.ReactNode;
  className?: string;
}) {
  const viewer = useViewer();
  if (viewer?.role !== "SYSTEM_ADMIN") return null;
  return (
    <Link href={href} className={className ?? "text-sm text-brand-700 hover:underline"}>
      {children}
    </Link>
  );
}
