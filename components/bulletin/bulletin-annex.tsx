"use client";

// 附件1 / 附件2 as the bulletin prints them: the report's two header rows with their spans,
// every cell formatted by lib/bulletin (plain digits, rates with two decimals, "—" for a rate with
// no base, as on the dashboard), the 注 below (with what "—" means).
// A client component with no state: the annex travels once, as its compact rows of cell texts
// in the page's payload, and reaches the HTML through the server render, instead of as
// 49 × 21 finished cells both in the HTML and in the payload; the cells carry no classes, one
// rule (.bulletin-annex-table in globals.css) styles them (issue 23).
import type { BulletinAnnex } from "@/lib/bulletin/build";
import { NO_BASE_MARK } from "@/lib/indicators/rate-bases";

export function BulletinAnnexTable({ annex }: { annex: BulletinAnnex }) {
  return (
    <section className="space-y-2" data-testid={`bulletin-${annex.id}`} aria-labelledby={`${annex.id}-title`}>
      <p className="font-bold">{annex.label}</p>
      <h3 id={`${annex.id}-title`} className="text-center text-base font-bold">
        {annex.title}
      </h3>
      <div className="overflow-x-auto">
        <table className="bulletin-annex-table tabular w-full border-collapse text-center text-[11px] leading-tight">
          <thead>
            {annex.headerRows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <th key={c} colSpan={cell.colSpan} rowSpan={cell.rowSpan} scope="col">
                    {cell.text}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {annex.rows.map((row) => (
              <tr
                key={row.unitCode}
                data-unit={row.name}
                data-code={row.unitCode}
                data-no-cases={row.noCases || undefined}
              >
                <td>{row.seq}</td>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell, i) => (
                  <td key={i} data-field={annex.columns[i]?.field} data-no-base={cell === NO_BASE_MARK || undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {annex.notes.length > 0 && (
        <div className="space-y-0.5 text-[11px] leading-snug text-slate-700">
          {annex.notes.map((note, i) => (
            <p key={i} className={i === 0 ? "" : "pl-[2em]"}>
              {note}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
