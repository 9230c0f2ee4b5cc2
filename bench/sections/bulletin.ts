// Bulletin (通报) generation for the reference month on the 10-year database:
// - HTML: the /reports/<month> page when the app has one (first request after
//   start = generation, then warm requests), else buildBulletin in-process;
// - the download formats, in-process as a download handler runs them: read the
//   two months (loadBulletinMonths), buildBulletin, render .docx / .pdf.
// "first" is the first call in this process (module warm-up, font parsing for
// the PDF); "warm" the median of the calls after it.
import { buildBulletin } from "@/lib/bulletin/build";
import { loadBulletinMonths } from "@/lib/bulletin/build/load";
import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
import { renderBulletinPdf } from "@/lib/bulletin/render/render-pdf";
import { median, timed } from "../harness";
import type { BenchContext, BenchSection, Row } from "../types";

async function bulletinOf(ctx: BenchContext) {
  const months = await loadBulletinMonths(ctx.prisma, ctx.month);
  if (!months) throw new Error(`no data for ${ctx.month}`);
  return buildBulletin(months);
}

async function measure(
  runs: number,
  fn: () => Promise<number>,
): Promise<{ first: number; warm: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const { ms, value } = await timed(fn);
    times.push(ms);
    bytes = value;
  }
  return { first: times[0]!, warm: median(times.slice(1)), bytes };
}

const section: BenchSection = {
  id: "bulletin",
  order: 50,
  async run(ctx) {
    const runs = ctx.quick ? 3 : 6;
    const rows: Row[] = [];
    const notes: string[] = [];

    const reportsPath = `/reports/${ctx.month}`;
    const { ms: probeMs, value: probe } = await timed(async () => {
      const response = await fetch(ctx.baseUrl + reportsPath, {
        headers: { cookie: ctx.officialCookie },
        redirect: "manual",
      });
      await response.arrayBuffer();
      return response;
    });
    if (probe.status === 200) {
      const html = await measure(runs, async () => {
        const response = await fetch(ctx.baseUrl + reportsPath, { headers: { cookie: ctx.officialCookie } });
        const body = await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`GET ${reportsPath}: ${response.status}`);
        return body.byteLength;
      });
      rows.push({
        format: `HTML: GET ${reportsPath} (the page)`,
        first: probeMs,
        warm: html.warm,
        kB: html.bytes / 1024,
      });
      notes.push(
        `HTML is the app's ${reportsPath} page over HTTP, signed in: "first" is its first request after start (rendering it), "warm" the requests after.`,
      );
    } else {
      const html = await measure(runs, async () => {
        const bulletin = await bulletinOf(ctx);
        return JSON.stringify(bulletin).length;
      });
      rows.push({
        format: "HTML: loadBulletinMonths + buildBulletin (in-process)",
        first: html.first,
        warm: html.warm,
        kB: null,
      });
      notes.push(
        `No ${reportsPath} page in this build (status ${probe.status}): HTML is timed as the document it would render, built in-process.`,
      );
    }

    const docx = await measure(runs, async () => (await renderBulletinDocx(await bulletinOf(ctx))).length);
    rows.push({
      format: "docx: load + build + renderBulletinDocx",
      first: docx.first,
      warm: docx.warm,
      kB: docx.bytes / 1024,
    });
    const pdf = await measure(runs, async () => (await renderBulletinPdf(await bulletinOf(ctx))).length);
    rows.push({
      format: "pdf: load + build + renderBulletinPdf",
      first: pdf.first,
      warm: pdf.warm,
      kB: pdf.bytes / 1024,
    });
    notes.push(
      `${runs} runs each against the bench database (${ctx.monthCount} months); "first" includes this process's warm-up (for the PDF: parsing the embedded Noto Serif SC).`,
    );

    return {
      title: `Bulletin generation (${ctx.month}, 49 units)`,
      columns: [
        { key: "format", label: "output" },
        { key: "first", label: "first", unit: "ms", digits: 0 },
        { key: "warm", label: "warm (median)", unit: "ms", digits: 0 },
        { key: "kB", label: "size", unit: "kB", digits: 1 },
      ],
      rows,
      notes,
    };
  },
};

export default section;
