// Plain tables styled like the rest of the dashboard, shared by the section pages.

export const tableClass = "tabular w-full border-collapse text-sm";
export const thClass =
  "border-b border-slate-200 bg-slate-100 px-3 py-2 text-left font-semibold text-slate-700 whitespace-nowrap";
export const tdClass = "border-b border-slate-100 px-3 py-2";
export const numClass = "border-b border-slate-100 px-3 py-2 text-right whitespace-nowrap";

export function SectionTable({
  children,
  testId,
  caption,
}: {
  children: React.ReactNode;
  testId?: string;
  caption?: string;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
