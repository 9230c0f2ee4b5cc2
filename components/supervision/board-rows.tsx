"use client";

// The rows of the board's count tables (components/supervision/board-table.tsx), drawn from tuples.
// Drawn on the server, a row's tree travelled twice: as HTML and again as its JSON in the RSC
// payload (~600 bytes a row there, 99 rows a board, two thirds of the page's weight). As a client
// component only the tuples travel in the payload; the HTML is the same. The links are made on the
// server (filterQuery, the one writer of a 预警 URL) and arrive as strings; a zero is plain text.
/** One row: what names it, its three counts and their links. */
export type BoardRowTuple = [
  /** The row's unit code (data-unit of a unit's row). */
  unitCode: string,
  /** The unit's name. */
  unitName: string,
  red: number,
  yellow: number,
  total: number,
  redHref: string,
  yellowHref: string,
  totalHref: string,
  /** An item's row: its code and name. */
  itemCode?: string,
  itemName?: string,
];

function Count({ n, href, testId }: { n: number; href: string; testId: string | undefined }) {
  return n === 0 ? (
    "0"
  ) : (
    <a href={href} data-testid={testId}>
      {n}
    </a>
  );
}

function Counts({
  counts: [red, yellow, total],
  hrefs: [redHref, yellowHref, totalHref],
  id,
}: {
  counts: [number, number, number];
  hrefs: [string, string, string];
  id: (name: string) => string | undefined;
}) {
  return (
    <>
      <td data-testid={id("red")}>
        <Count n={red} href={redHref} testId={id("red-link")} />
      </td>
      <td data-testid={id("yellow")}>
        <Count n={yellow} href={yellowHref} testId={id("yellow-link")} />
      </td>
      <td>
        <Count n={total} href={totalHref} testId={id("total-link")} />
      </td>
    </>
  );
}

/** The rows of the units' table (`kind` "unit", with test ids) or of the items' table. */
export function BoardRows({ rows, kind }: { rows: BoardRowTuple[]; kind: "unit" | "item" }) {
  const id = (name: string) => (kind === "unit" ? `board-${name}` : undefined);
  return rows.map(([unitCode, unitName, red, yellow, total, redHref, yellowHref, totalHref, itemCode, itemName]) => {
    return kind === "unit" ? (
      <tr key={unitCode} data-testid="board-unit-row" data-unit={unitCode}>
        <th scope="row">{unitName}</th>
        <Counts counts={[red, yellow, total]} hrefs={[redHref, yellowHref, totalHref]} id={id} />
      </tr>
    ) : (
      <tr key={`${unitCode}:${itemCode}`}>
        <th scope="row">
          <span className="code">{itemCode}</span>
          {itemName}
        </th>
        <td>{unitName}</td>
        <Counts counts={[red, yellow, total]} hrefs={[redHref, yellowHref, totalHref]} id={id} />
      </tr>
    );
  });
}
