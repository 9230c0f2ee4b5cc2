export function DemoBadge({ label, title }: { label: string; title?: string }) {
  return (
    <span
      className="inline-flex items-center rounded-md bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/30"
      title={title}
      data-testid="demo-badge"
    >
      {label}
    </span>
  );
}
