"use client";

// The ceiling's table, drawn from one flat array of figures (20 a unit) and the units' names.
export function FiguresTable({ names, figures }) {
  const columns = figures.length / names.length;
  const rows = names.map((_, r) => figures.slice(r * columns, (r + 1) * columns));
  return (
    <table className="figures">
      <tbody>
        {rows.map((cells, r) => (
          <tr key={r}>
            <th scope="row">{names[r]}</th>
            {cells.map((value, i) => (
              <td key={i}>{value.toLocaleString("en-US")}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
