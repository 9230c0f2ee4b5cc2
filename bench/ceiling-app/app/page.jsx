// The bench's ceiling (issue 23): a FIXED small page, the 49 × 20 figures table of a month
// (49 units, 20 figures each) and nothing else, about 35 kB of HTML. It is not matched to the
// size of our pages: a product page twice its bytes shows as about half its throughput, so the
// bytes a page sends are part of what its ratio measures. The table is sent once: as HTML, drawn
// by a client component from one compact array of figures (the RSC payload holds the numbers,
// not the cells again); one CSS rule styles it, no cell carries a class. Changing this page
// changes every ratio the bench reports: don't.
import { FiguresTable } from "./figures-table";

const names = Array.from({ length: 49 }, (_, r) => `达州市第${r + 1}政务服务单位`);
const figures = Array.from(
  { length: 49 * 20 },
  (_, i) => ((Math.floor(i / 20) + 7) * ((i % 20) + 13) * 7919) % 1_000_000,
);

export default function Page() {
  return (
    <main>
      <h1>ceiling</h1>
      <FiguresTable names={names} figures={figures} />
    </main>
  );
}
