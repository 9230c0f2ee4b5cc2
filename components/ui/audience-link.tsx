"use client";

// A link to a view that names every unit: on pages prerendered for every viewer, a department
// user (who would get 403 there) sees the same content without the link.
import Link from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";

export function AudienceLink({
  href,
  className,
  children,
  testId,
}: {
  href: string;
  className?: string;
  children: React.ReactNode;
  testId?: string;
}) {
  const viewer = useViewer();
  if (viewer?.role === "DEPARTMENT") return <div className={className}>{children}</div>;
  return (
    // No prefetch until the viewer is known: a department user's browser would fetch a 403.
    <Link href={href} className={className} data-testid={testId} prefetch={viewer === undefined ? false : undefined}>
      {children}
    </Link>
  );
}
