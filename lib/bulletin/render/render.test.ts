// The renderers: the 2021-06 bulletin to .docx and .pdf bytes, read back and checked for
// the report's figures, its Chinese text, the annexes and the charts.

import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyReportedSummary, referenceMonthFromJson } from "@/lib/indicators";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { buildBulletin } from "../build/bulletin";
import { REFERENCE_BULLETIN_TEXTS } from "../build/texts";
import { renderBulletinDocx } from "./render-docx";
import { renderBulletinPdf } from "./render-pdf";

const ref = referenceMonthFromJson(reference);
const bulletin = buildBulletin({
  current: { month: "2021-06", isDemo: false, versionNumber: 1, rows: ref.rows, summaries: ref.summaries },
  previous: {
    month: "2021-05",
    isDemo: true,
    versionNumber: 1,
    rows: ref.rows,
    summaries: { CITY: { ...emptyReportedSummary("CITY"), activeEvaluations: 549_636, activeEvaluationRate: 129.03 } },
  },
  texts: REFERENCE_BULLETIN_TEXTS,
});

/** Sentences and figures both files must carry (whitespace removed before comparing). */
const EXPECTED_TEXT = [
  "政务服务事项运行情况",
  "2021年6月，全市通过一体化政务服务平台共申请依申请政务服务事项1048053件，受理568165件，办结535548件",
  "承诺提速85.16%，办理提速率为93.72%",
  "市公安局、市人力资源和社会保障局、市住房公积金管理中心、市自然资源和规划局办件较好",
  "宣汉县、开江县、大竹县办件较好，办结件数量分别为141678件、94933件、72349件。",
  "办件主动评价总数721807条",
  "较上月下降了35.09个百分点",
  "市本级办件主动评价数为31896条，主动评价率为91.28%",
  "达州高新区主动评价数为2613条，主动评价率为194.71%",
  "主动评价率分别为：77.29%、118.46%、99.35%、238.00%、104.78%。",
  "超时办结件0件，按时办结率为100.00%",
  "全市办件覆盖率仅为33.19%",
  "认领率为97.80%",
  "图4.办件主动评价数情况",
  "达州市一体化政务服务平台县（市、区）运行情况表（2021年6月）",
  "达州市政务服务管理局",
];
/** Annex cells, in row order: 市自然资源和规划局 (a negative rate) and 宣汉县. */
const ANNEX_CELLS = ["5917", "5907", "3578", "92.65%", "-19.97%", "260342", "143834", "141678", "130716", "37.35%"];

const squash = (text: string) => text.replace(/\s+/g, "");

describe("renderBulletinDocx", () => {
  let bytes: Buffer;
  let elapsed: number;
  let zip: JSZip;
  let documentXml: string;
  let text: string;
  beforeAll(async () => {
    const started = performance.now();
    bytes = await renderBulletinDocx(bulletin);
    elapsed = performance.now() - started;
    zip = await JSZip.loadAsync(bytes);
    documentXml = await zip.file("word/document.xml")!.async("string");
    text = squash([...documentXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
  });

  it("is a Word file with the bulletin's text and figures", () => {
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    for (const expected of EXPECTED_TEXT) expect(text).toContain(squash(expected));
    expect(elapsed).toBeLessThan(10_000);
  });

  it("has both annex tables, every cell, in a landscape section", () => {
    expect(documentXml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    expect(documentXml.match(/<w:tbl>/g)?.length).toBe(2);
    for (const annex of bulletin.annexes) {
      for (const row of annex.rows) expect(text).toContain(squash(row.name + row.cells.slice(0, 3).join("")));
    }
    let at = 0;
    for (const cell of ANNEX_CELLS) {
      at = text.indexOf(cell, at);
      expect(at, cell).toBeGreaterThan(-1);
    }
    expect(documentXml).toContain('w:gridSpan w:val="4"'); // 办件情况（件） over 申请 受理 办结 超时办结
    expect(documentXml).toContain('w:vMerge w:val="restart"'); // 序号, 部门 over two header rows
  });

  it("sets Chinese fonts and draws the four figures as Word charts", async () => {
    expect(documentXml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(documentXml).toContain('w:eastAsia="方正小标宋简体"');
    const charts = Object.keys(zip.files).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    expect(charts).toHaveLength(4);
    const chart = await zip.file(charts.find((c) => c.endsWith("chart1.xml"))!)!.async("string");
    expect(chart).toContain("1048053");
  });
});

describe("renderBulletinPdf", () => {
  let bytes: Buffer;
  let elapsed: number;
  let pdf: Awaited<ReturnType<typeof import("pdfjs-dist/legacy/build/pdf.mjs").getDocument>["promise"]>;
  const pages: string[] = [];
  let text: string;
  beforeAll(async () => {
    const started = performance.now();
    bytes = await renderBulletinPdf(bulletin);
    elapsed = performance.now() - started;
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
      .promise;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(squash(content.items.map((item) => ("str" in item ? item.str : "")).join("")));
    }
    text = pages.join("");
  });

  it("is an A4 PDF whose Chinese text and figures read back", () => {
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.numPages).toBeGreaterThanOrEqual(8);
    for (const expected of EXPECTED_TEXT) expect(text).toContain(squash(expected));
    expect(elapsed).toBeLessThan(15_000);
  });

  it("prints both annexes, every row, on landscape pages, and numbers the pages", async () => {
    for (const annex of bulletin.annexes) {
      for (const row of annex.rows) expect(text).toContain(squash([row.seq, row.name, ...row.cells].join("")));
    }
    const landscape = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const [, , width, height] = (await pdf.getPage(n)).view;
      landscape.push(width! > height!);
      expect(Math.round(Math.min(width!, height!))).toBe(595);
    }
    expect(landscape.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(landscape.indexOf(true)).toBeGreaterThan(3);
    expect(pages.every((page, index) => page.includes(`—${index + 1}—`))).toBe(true);
  });

  it("draws the charts with their values and legends", () => {
    for (const figure of bulletin.figures) expect(text).toContain(squash(figure.caption));
    expect(text).toContain("上月（2021年5月，示例数据）");
    expect(text).toContain("本月（2021年6月）");
    // 图1's axis in 万, as the text writes counts; the bars' values with separators.
    expect(text).toContain("50万");
    expect(text).toContain("100万");
    expect(text).not.toMatch(/500000|1000000/);
    expect(text).toContain("1,048,05");
  });
});
