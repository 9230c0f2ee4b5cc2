// The bulletin as PDF (pdfkit), laid out like the printed report:
// - A4 portrait text pages with GB/T 9704 margins, 16pt body on a 28pt line; 附件1/附件2 on
//   landscape A4 pages with the grouped two-row headings, repeated on every page.
// - Chinese text needs a complete CJK font embedded: Noto Serif SC (regular and bold TTFs of
//   @expo-google-fonts/noto-serif-sc, read from node_modules at run time, never fetched).
//   pdfkit embeds only the glyphs used, with a ToUnicode map, so the text stays searchable
//   and the file stays small.
// - 图1–图4 as vector bar charts (previous month grey, this month blue, values at the bar
//   ends), categories down the side.
// - Page numbers "— n —" at the foot of every page.
import "server-only";

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { scaleTicks } from "@/lib/charts/axis-ticks";
import { niceScale } from "../build/chart-scale";
import type { Bulletin, BulletinAnnex, BulletinBlock, BulletinFigure, BulletinHeaderCell } from "../build/types";

type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const PORTRAIT = {
  size: "A4" as const,
  layout: "portrait" as const,
  margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
};
const LANDSCAPE = {
  size: "A4" as const,
  layout: "landscape" as const,
  margins: { top: 15 * MM, bottom: 18 * MM, left: 12 * MM, right: 12 * MM },
};
const BODY = { size: 16, line: 28 };
const COLORS = {
  text: "#000000",
  previous: "#A6A6A6",
  current: "#2F5597",
  grid: "#D9D9D9",
  notice: "#C00000",
  headerFill: "#F2F2F2",
};

// ---------------------------------------------------------------------------------------------
// Fonts

export type PdfFonts = { regular: Buffer; bold: Buffer };

let cachedFonts: PdfFonts | null = null;

/**
 * Noto Serif SC regular and bold from node_modules. Resolved from the working directory
 * (the app's root), not from this module's URL, so that bundling does not rewrite the path.
 */
export function loadPdfFonts(): PdfFonts {
  if (cachedFonts) return cachedFonts;
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const file = (weight: string) =>
    require.resolve(`@expo-google-fonts/noto-serif-sc/${weight}/NotoSerifSC_${weight}.ttf`);
  cachedFonts = { regular: readFileSync(file("400Regular")), bold: readFileSync(file("700Bold")) };
  return cachedFonts;
}

const REGULAR = "serif";
const BOLD = "serif-bold";

// ---------------------------------------------------------------------------------------------
// Text helpers

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Extra space between lines so that a line of `size`pt text takes `line`pt. */
function lineGapFor(doc: Doc, fontName: string, size: number, line: number): number {
  doc.font(fontName).fontSize(size);
  return Math.max(0, line - doc.currentLineHeight(false));
}

function ensureSpace(doc: Doc, height: number, options: typeof PORTRAIT | typeof LANDSCAPE = PORTRAIT): void {
  if (doc.y + height > bottom(doc)) {
    doc.addPage(options);
  }
}

function bodyText(
  doc: Doc,
  text: string,
  options: { lead?: string; fontName?: string; indent?: boolean; align?: "left" | "center" } = {},
): void {
  const x = doc.page.margins.left;
  const width = contentWidth(doc);
  const lineGap = lineGapFor(doc, REGULAR, BODY.size, BODY.line);
  const indent = options.indent === false ? 0 : BODY.size * 2;
  const common = { width, lineGap, align: options.align ?? ("left" as const) };
  ensureSpace(doc, BODY.line);
  if (options.lead) {
    doc
      .font(BOLD)
      .fontSize(BODY.size)
      .text(options.lead, x, doc.y, { ...common, indent, continued: true });
    doc.font(options.fontName ?? REGULAR).text(text, { ...common });
  } else {
    doc
      .font(options.fontName ?? REGULAR)
      .fontSize(BODY.size)
      .text(text, x, doc.y, { ...common, indent });
  }
}

function blockContent(doc: Doc, bulletin: Bulletin, block: BulletinBlock): void {
  switch (block.type) {
    case "subheading":
      bodyText(doc, block.text, { fontName: BOLD });
      return;
    case "paragraph":
      bodyText(doc, block.text, { lead: block.lead });
      return;
    case "note":
      doc
        .font(REGULAR)
        .fontSize(12)
        .text(block.text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
      return;
    case "figure": {
      const figure = bulletin.figures.find((f) => f.id === block.figureId);
      if (figure) drawFigure(doc, figure);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Charts

/** A bar's value as the bulletin's text writes counts: 1,048,053. */
function formatValue(value: number): string {
  return Math.round(value).toLocaleString("zh-CN");
}

function drawFigure(doc: Doc, figure: BulletinFigure): void {
  const labelSize = 9;
  const barHeight = figure.series.length > 1 ? 10 : 12;
  const rowHeight = barHeight * figure.series.length + 8;
  const legendHeight = 18;
  const axisHeight = 16;
  const plotHeight = rowHeight * Math.max(1, figure.categories.length);
  const captionHeight = 24 + (figure.note ? 16 : 0);
  const total = 8 + legendHeight + plotHeight + axisHeight + captionHeight + 8;
  ensureSpace(doc, total);

  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  let y = doc.y + 8;

  // Legend
  doc.font(REGULAR).fontSize(labelSize);
  const legends = figure.series.map((s) => `${s.name}（${s.monthLabel}${s.isDemo ? "，示例数据" : ""}）`);
  const legendWidths = legends.map((text) => 14 + doc.widthOfString(text) + 16);
  let legendX = left + (width - legendWidths.reduce((a, b) => a + b, 0)) / 2;
  legends.forEach((text, index) => {
    const color = index === figure.series.length - 1 ? COLORS.current : COLORS.previous;
    doc.rect(legendX, y + 2, 10, 8).fill(color);
    doc.fillColor(COLORS.text).text(text, legendX + 14, y, { lineBreak: false });
    legendX += legendWidths[index] ?? 0;
  });
  y += legendHeight;

  const values = figure.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (figure.categories.length === 0 || values.length === 0) {
    doc.font(REGULAR).fontSize(12).fillColor(COLORS.text).text("（本月无数据）", left, y, { width, align: "center" });
    doc.y = y + 20;
  } else {
    doc.font(REGULAR).fontSize(labelSize);
    const labelWidth = Math.min(150, Math.max(...figure.categories.map((c) => doc.widthOfString(c))) + 8);
    const valueRoom = doc.widthOfString(formatValue(Math.max(...values))) + 6;
    const plotLeft = left + labelWidth;
    const plotWidth = width - labelWidth - valueRoom;
    const scale = niceScale(Math.max(...values));
    const xOf = (v: number) => plotLeft + (Math.max(0, v) / scale.max) * plotWidth;

    // Grid and axis labels
    // Ticks in 万 as the text writes counts ("0 50万 100万", not "0 500000 1000000").
    for (const tick of scaleTicks(scale)) {
      const x = xOf(tick.value);
      doc
        .moveTo(x, y)
        .lineTo(x, y + plotHeight)
        .lineWidth(0.5)
        .strokeColor(COLORS.grid)
        .stroke();
      doc
        .fillColor(COLORS.text)
        .fontSize(7)
        .text(tick.text, x - 30, y + plotHeight + 3, { width: 60, align: "center", lineBreak: false });
    }
    doc
      .moveTo(plotLeft, y)
      .lineTo(plotLeft, y + plotHeight)
      .lineWidth(0.8)
      .strokeColor(COLORS.text)
      .stroke();

    figure.categories.forEach((category, row) => {
      const rowTop = y + row * rowHeight + 4;
      doc
        .fillColor(COLORS.text)
        .fontSize(labelSize)
        .text(category, left, rowTop + (rowHeight - 8) / 2 - labelSize / 2, {
          width: labelWidth - 6,
          align: "right",
          lineBreak: false,
        });
      figure.series.forEach((series, index) => {
        const value = series.values[row] ?? null;
        const barTop = rowTop + index * barHeight;
        if (value === null) {
          doc
            .fillColor(COLORS.text)
            .fontSize(7)
            .text("—", plotLeft + 3, barTop, { lineBreak: false });
          return;
        }
        const color = index === figure.series.length - 1 ? COLORS.current : COLORS.previous;
        const barWidth = Math.max(0.5, xOf(value) - plotLeft);
        doc.rect(plotLeft, barTop, barWidth, barHeight - 1).fill(color);
        doc
          .fillColor(COLORS.text)
          .fontSize(6.5)
          .text(formatValue(value), plotLeft + barWidth + 3, barTop + (barHeight - 9) / 2, {
            lineBreak: false,
          });
      });
    });
    doc.fontSize(7).text(`单位：${figure.unit}`, left, y - 11, { width, align: "right", lineBreak: false });
    doc.y = y + plotHeight + axisHeight;
  }

  doc
    .font(REGULAR)
    .fontSize(12)
    .fillColor(COLORS.text)
    .text(figure.caption, left, doc.y + 4, { width, align: "center" });
  if (figure.note) doc.fontSize(9).text(`注：${figure.note}`, left, doc.y + 2, { width, align: "center" });
  doc.y += 8;
}

// ---------------------------------------------------------------------------------------------
// Annex tables

type PlacedCell = BulletinHeaderCell & { col: number; row: number };

/** Grid positions of header cells with spans, the way HTML places them. */
function placeHeader(rows: BulletinHeaderCell[][]): PlacedCell[] {
  const taken = new Set<string>();
  const placed: PlacedCell[] = [];
  rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${row}:${col}`)) col++;
      placed.push({ ...cell, row, col });
      for (let r = row; r < row + cell.rowSpan; r++) {
        for (let c = col; c < col + cell.colSpan; c++) taken.add(`${r}:${c}`);
      }
      col += cell.colSpan;
    }
  });
  return placed;
}

function drawAnnex(doc: Doc, annex: BulletinAnnex): void {
  doc.addPage(LANDSCAPE);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(12).fillColor(COLORS.text).text(annex.label, left, doc.y);
  doc
    .font(BOLD)
    .fontSize(15)
    .text(annex.title, left, doc.y + 4, { width, align: "center" });
  doc.y += 8;

  const seqWidth = 22;
  const nameWidth = annex.id === "annex1" ? 92 : 64;
  const fieldWidth = (width - seqWidth - nameWidth) / annex.columns.length;
  const widths = [seqWidth, nameWidth, ...annex.columns.map(() => fieldWidth)];
  const xs = [left];
  for (const [i, w] of widths.entries()) xs.push((xs[i] ?? left) + w);
  const headerSize = 7;
  const cellSize = 7.5;
  const pad = 2;

  const header = placeHeader(annex.headerRows);
  const spanWidth = (cell: PlacedCell) => (xs[cell.col + cell.colSpan] ?? 0) - (xs[cell.col] ?? 0);
  doc.font(BOLD).fontSize(headerSize);
  const textHeight = (cell: PlacedCell) =>
    doc.heightOfString(cell.text, { width: spanWidth(cell) - 2 * pad }) + 2 * pad;
  const rowHeights = annex.headerRows.map((_, row) =>
    Math.max(14, ...header.filter((c) => c.row === row && c.rowSpan === 1).map(textHeight)),
  );
  const tall = Math.max(0, ...header.filter((c) => c.rowSpan > 1).map(textHeight));
  const headerTotal = rowHeights.reduce((a, b) => a + b, 0);
  if (tall > headerTotal && rowHeights.length > 0) rowHeights[rowHeights.length - 1]! += tall - headerTotal;

  const drawHeader = () => {
    const top = doc.y;
    doc.font(BOLD).fontSize(headerSize);
    for (const cell of header) {
      const x = xs[cell.col] ?? left;
      const y = top + rowHeights.slice(0, cell.row).reduce((a, b) => a + b, 0);
      const h = rowHeights.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
      const w = spanWidth(cell);
      doc.rect(x, y, w, h).fillAndStroke(COLORS.headerFill, COLORS.text);
      const th = doc.heightOfString(cell.text, { width: w - 2 * pad });
      doc.fillColor(COLORS.text).text(cell.text, x + pad, y + (h - th) / 2, { width: w - 2 * pad, align: "center" });
    }
    doc.y = top + rowHeights.reduce((a, b) => a + b, 0);
  };

  doc.lineWidth(0.5);
  drawHeader();
  doc.font(REGULAR).fontSize(cellSize);
  const rowHeight = doc.currentLineHeight(true) + 2 * pad + 1;
  for (const row of annex.rows) {
    if (doc.y + rowHeight > bottom(doc)) {
      doc.addPage(LANDSCAPE);
      doc.lineWidth(0.5);
      drawHeader();
    }
    const top = doc.y;
    const cells = [row.seq, row.name, ...row.cells];
    doc.font(REGULAR).fontSize(cellSize);
    cells.forEach((text, i) => {
      const x = xs[i] ?? left;
      const w = widths[i] ?? 0;
      doc.rect(x, top, w, rowHeight).strokeColor(COLORS.text).stroke();
      // Never wrap or clip a figure: shrink the type of a cell too narrow for it.
      doc.fontSize(cellSize);
      const natural = doc.widthOfString(text);
      const size = natural > w - 2 * pad ? (cellSize * (w - 2 * pad)) / natural : cellSize;
      doc
        .fontSize(size)
        .fillColor(COLORS.text)
        .text(text, x + pad, top + pad + 0.5 + (cellSize - size) / 2, {
          width: w - 2 * pad + 1,
          align: i === 1 ? "left" : "center",
          lineBreak: false,
        });
    });
    doc.y = top + rowHeight;
  }
  if (annex.notes.length > 0) {
    doc.y += 6;
    doc.font(REGULAR).fontSize(8);
    const hang = doc.widthOfString("注：");
    annex.notes.forEach((note, index) => {
      ensureSpace(doc, 12, LANDSCAPE);
      const indent = index === 0 ? 0 : hang;
      doc.text(note, left + indent, doc.y, { width: width - indent });
    });
  }
}

// ---------------------------------------------------------------------------------------------

/** "附件：1．…" with the following items and wrapped lines aligned after "附件：". */
function drawAttachmentList(doc: Doc, lines: readonly string[]): void {
  const label = "附件：";
  const left = doc.page.margins.left;
  const lineGap = lineGapFor(doc, REGULAR, BODY.size, BODY.line);
  const labelWidth = doc.widthOfString(label);
  lines.forEach((line, index) => {
    const item = index === 0 && line.startsWith(label) ? line.slice(label.length) : line;
    const [, number = "", text = item] = /^(\d+．)(.*)$/.exec(item) ?? [];
    const numberWidth = doc.widthOfString(number);
    ensureSpace(doc, BODY.line * 2);
    const y = doc.y;
    if (index === 0) doc.text(label, left, y, { lineBreak: false });
    doc.text(number, left + labelWidth, y, { lineBreak: false });
    doc.text(text, left + labelWidth + numberWidth, y, {
      width: contentWidth(doc) - labelWidth - numberWidth,
      lineGap,
    });
  });
}

function drawClosing(doc: Doc, bulletin: Bulletin): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const size = 14;
  const lines = bulletin.closing.distribution.reduce((n, d) => n + d.lines.length, 0) + 1;
  ensureSpace(doc, lines * 24 + 40, LANDSCAPE);
  doc.y += 16;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .strokeColor(COLORS.text)
    .stroke();
  doc.y += 6;
  doc.font(REGULAR).fontSize(size).fillColor(COLORS.text);
  for (const entry of bulletin.closing.distribution) {
    entry.lines.forEach((line, index) => {
      const indent = index === 0 ? 0 : size * 2;
      doc.text(index === 0 ? `${entry.label}：${line}` : line, left + indent, doc.y, {
        width: width - indent,
        lineGap: 6,
      });
    });
  }
  doc.y += 4;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
  const y = doc.y + 6;
  doc.text(bulletin.closing.issuer, left + size, y, { lineBreak: false });
  doc.text(bulletin.closing.issueLine, left, y, { width: width - size, align: "right" });
  doc.y += 6;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .stroke();
}

function addPageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const marginBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font(REGULAR)
      .fontSize(12)
      .fillColor(COLORS.text)
      .text(`— ${i + 1 - range.start} —`, 0, doc.page.height - marginBottom / 2 - 6, {
        width: doc.page.width,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = marginBottom;
  }
}

export type RenderPdfOptions = { fonts?: PdfFonts };

/** The PDF file's bytes. */
export function renderBulletinPdf(bulletin: Bulletin, options: RenderPdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? loadPdfFonts();
  const doc = new PDFDocument({
    ...PORTRAIT,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `${bulletin.title}${bulletin.subtitle}`,
      Author: bulletin.closing.issuer,
      Subject: bulletin.isDemo ? "示例数据" : bulletin.monthLabel,
    },
    lang: "zh-CN",
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);

  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(22).fillColor(COLORS.text).text(bulletin.title, left, doc.y, { width, align: "center" });
  doc
    .font(REGULAR)
    .fontSize(BODY.size)
    .text(bulletin.subtitle, left, doc.y + 6, { width, align: "center" });
  doc.y += 10;
  for (const notice of bulletin.notices) {
    doc
      .font(REGULAR)
      .fontSize(11)
      .fillColor(COLORS.notice)
      .text(`【${notice}】`, left, doc.y, { width, align: "center" });
  }
  doc.fillColor(COLORS.text);
  doc.y += 12;

  for (const part of bulletin.parts) {
    bodyText(doc, part.heading, { fontName: BOLD, indent: false });
    for (const block of part.blocks) blockContent(doc, bulletin, block);
  }
  doc.y += BODY.line / 2;
  drawAttachmentList(doc, bulletin.attachmentList);

  drawAnnex(doc, bulletin.annexes[0]);
  drawAnnex(doc, bulletin.annexes[1]);
  drawClosing(doc, bulletin);
  addPageNumbers(doc);
  doc.end();
  return done;
}
