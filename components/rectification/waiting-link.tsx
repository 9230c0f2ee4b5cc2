"use client";
// The header's 整改 link with the viewer's number: a unit's tasks waiting for its answer, a
// reviewer's answers waiting for review (GET /api/rectification/waiting, one count).
import Link from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";
import { fill } from "@/lib/i18n/fill";
import { useWaiting } from "./waiting";

export function WaitingLink({ labels }: { labels: { nav: string; unit: string; reviewer: string } }) {
  const viewer = useViewer();
  const waiting = useWaiting(Boolean(viewer));
  if (viewer === null) return null;
  if (viewer === undefined || waiting === undefined) {
    // Asking: the link's box is held (invisible) so the header does not shift when it arrives.
    return (
      <span aria-hidden className="invisible inline-flex min-h-6 items-center px-2 py-1 text-sm">
        {labels.nav}
      </span>
    );
  }
  const count = waiting?.count ?? 0;
  const label = count > 0 ? fill(viewer.role === "DEPARTMENT" ? labels.unit : labels.reviewer, { count }) : labels.nav;
  return (
    <Link
      href="/rectification"
      className={`inline-flex min-h-6 items-center rounded px-2 py-1 text-sm ${count > 0 ? "bg-amber-100 font-medium text-amber-900" : "text-brand-700"} hover:underline`}
      data-testid="rectification-waiting"
      data-count={waiting ? count : undefined}
    >
      {label}
    </Link>
  );
}
