// The bulletin as a Word document (.docx), laid out like the printed report:
// - A4 portrait for the text, margins and type after GB/T 9704 (official documents):
//   title in 方正小标宋简体 22pt, body in 仿宋_GB2312 16pt on a fixed 28pt line, part headings
//   in 黑体, numbered headings in 楷体_GB2312. These are East Asian font names (w:rFonts
//   eastAsia); Latin text and digits are Times New Roman. Word substitutes a similar font
//   where one is missing (宋体/SimSun, or Noto CJK under LibreOffice); nothing is embedded.
// - 图1–图4 as native Word charts (docx's ChartRun: editable in Word, data in an embedded
//   workbook), horizontal bars for units, with the figures' data also in each chart's alt text.
// - 附件1 and 附件2 in a landscape A4 section, the report's grouped two-row headings merged
//   and repeated on every page, every cell as the bulletin formats it.
import "server-only";

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  type IRunOptions,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { ChartRun } from "docx/charts";
import { niceScale } from "../build/chart-scale";
import type { Bulletin, BulletinAnnex, BulletinBlock, BulletinFigure } from "../build/types";

const FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading: "黑体",
  subheading: "楷体_GB2312",
  table: "宋体",
  latin: "Times New Roman",
} as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

/** Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt, 小五 9pt, 六号 7.5pt. */
const SIZE = { title: 44, body: 32, note: 24, tableHeader: 16, table: 15, chart: 18 } as const;
/** Twips: A4 and GB/T 9704 margins (37/35/28/26 mm). */
const A4 = { width: 11906, height: 16838 } as const;
const MARGINS = { top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
const LANDSCAPE_MARGINS = { top: 1134, bottom: 1134, left: 1020, right: 1020 } as const;
const BODY_LINE = 560; // 28pt, exact

function run(text: string, options: Omit<IRunOptions, "text"> = {}): TextRun {
  return new TextRun({ text, font: font(FONTS.body), size: SIZE.body, ...options });
}

function bodyParagraph(
  children: TextRun[],
  options: {
    indent?: boolean | { left: number; hanging: number };
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  } = {},
): Paragraph {
  const indent =
    options.indent === false ? undefined : typeof options.indent === "object" ? options.indent : { firstLine: 640 }; // two characters of 16pt
  return new Paragraph({
    children,
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent,
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
  });
}

function blockParagraphs(bulletin: Bulletin, block: BulletinBlock): Paragraph[] {
  switch (block.type) {
    case "subheading":
      return [bodyParagraph([run(block.text, { font: font(FONTS.subheading), bold: true })])];
    case "paragraph":
      return [
        bodyParagraph([
          ...(block.lead ? [run(block.lead, { font: font(FONTS.subheading), bold: true })] : []),
          run(block.text),
        ]),
      ];
    case "note":
      return [bodyParagraph([run(block.text, { size: SIZE.note })])];
    case "figure": {
      const figure = bulletin.figures.find((f) => f.id === block.figureId);
      return figure ? figureParagraphs(figure) : [];
    }
  }
}

/** Alt text: the figure's data in words, for screen readers and for text extraction. */
function figureDescription(figure: BulletinFigure): string {
  return figure.series
    .map(
      (s) =>
        `${s.monthLabel}${s.isDemo ? "（示例数据）" : ""}：${figure.categories.map((c, i) => `${c} ${s.values[i] ?? "—"}`).join("，")}`,
    )
    .join("；");
}

function axisScale(figure: BulletinFigure): { maximum: number; interval: number } {
  const values = figure.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const scale = niceScale(Math.max(0, ...values));
  return { maximum: scale.max, interval: scale.step };
}

function figureParagraphs(figure: BulletinFigure): Paragraph[] {
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [run(figure.caption, { font: font(FONTS.heading), size: SIZE.note })],
  });
  const hasData = figure.categories.length > 0 && figure.series.some((s) => s.values.some((v) => v !== null));
  const chart = hasData
    ? new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new ChartRun({
            // Units go down the side (long names); Word draws the first category at the bottom.
            type: figure.categories.length > 4 ? "bar" : "column",
            categories: figure.categories.length > 4 ? [...figure.categories].reverse() : figure.categories,
            series: figure.series.map((s, index) => ({
              name: `${s.name}（${s.monthLabel}${s.isDemo ? "，示例数据" : ""}）`,
              values: figure.categories.length > 4 ? [...s.values].reverse() : s.values,
              color: index === figure.series.length - 1 ? "2F5597" : "A6A6A6",
            })),
            dataLabels: { value: true },
            valueAxis: { title: figure.unit, minimum: 0, ...axisScale(figure) },
            legend: { position: "bottom" },
            font: { name: FONTS.table },
            transformation: {
              width: 560,
              height: figure.categories.length > 4 ? Math.max(260, 34 * figure.categories.length + 90) : 280,
            },
            altText: { name: figure.caption, description: figureDescription(figure) },
          }),
        ],
      })
    : new Paragraph({ alignment: AlignmentType.CENTER, children: [run("（本月无数据）", { size: SIZE.note })] });
  const note = figure.note
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(`注：${figure.note}`, { size: SIZE.tableHeader })],
        }),
      ]
    : [];
  return [chart, caption, ...note];
}

// ---------------------------------------------------------------------------------------------
// Annex tables

const thin = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const BORDERS = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function cellParagraph(
  text: string,
  size: number,
  bold = false,
  align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER,
): Paragraph {
  return new Paragraph({
    alignment: align,
    children: [new TextRun({ text, font: font(FONTS.table), size, bold })],
  });
}

function annexTable(annex: BulletinAnnex): Table {
  const usable = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;
  const seqWidth = 420;
  const nameWidth = annex.id === "annex1" ? 2000 : 1200;
  const fieldWidth = Math.floor((usable - seqWidth - nameWidth) / annex.columns.length);
  const columnWidths = [seqWidth, nameWidth, ...annex.columns.map(() => fieldWidth)];

  const header = annex.headerRows.map(
    (cells) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cells.map(
          (cell) =>
            new TableCell({
              columnSpan: cell.colSpan,
              rowSpan: cell.rowSpan,
              verticalAlign: VerticalAlignTable.CENTER,
              margins: { left: 30, right: 30 },
              children: [cellParagraph(cell.text, SIZE.tableHeader, true)],
            }),
        ),
      }),
  );
  const body = annex.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ verticalAlign: VerticalAlignTable.CENTER, children: [cellParagraph(row.seq, SIZE.table)] }),
          new TableCell({
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 40, right: 40 },
            children: [cellParagraph(row.name, SIZE.table, false, AlignmentType.LEFT)],
          }),
          ...row.cells.map(
            (text) =>
              new TableCell({
                verticalAlign: VerticalAlignTable.CENTER,
                margins: { left: 20, right: 20 },
                children: [cellParagraph(text, SIZE.table)],
              }),
          ),
        ],
      }),
  );
  return new Table({
    rows: [...header, ...body],
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
  });
}

function annexChildren(annex: BulletinAnnex, pageBreak: boolean): (Paragraph | Table)[] {
  return [
    new Paragraph({
      pageBreakBefore: pageBreak,
      children: [run(annex.label, { font: font(FONTS.heading) })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120, after: 200 },
      children: [run(annex.title, { font: font(FONTS.title), size: 36 })],
    }),
    annexTable(annex),
    ...annex.notes.map(
      (note, index) =>
        new Paragraph({
          spacing: { before: index === 0 ? 120 : 0 },
          indent: index === 0 ? undefined : { left: 420 },
          children: [new TextRun({ text: note, font: font(FONTS.body), size: 20 })],
        }),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font(FONTS.table), size: 28 })],
      }),
    ],
  });
}

/** 报/送/发 and the issuer line (版记), after the annexes as in the report; `width` in twips. */
function closingParagraphs(bulletin: Bulletin, width: number): Paragraph[] {
  const rule = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 4 } as const;
  const lines: Paragraph[] = [];
  bulletin.closing.distribution.forEach((entry, index) => {
    entry.lines.forEach((line, lineIndex) => {
      lines.push(
        new Paragraph({
          border: index === 0 && lineIndex === 0 ? { top: rule } : undefined,
          indent: lineIndex === 0 ? { left: 0 } : { left: 640 },
          spacing: { line: 440, lineRule: LineRuleType.EXACT, before: index === 0 && lineIndex === 0 ? 480 : 0 },
          children: [run(lineIndex === 0 ? `${entry.label}：${line}` : line, { size: 28 })],
        }),
      );
    });
  });
  lines.push(
    new Paragraph({
      border: { top: rule, bottom: rule },
      spacing: { before: 120, line: 440, lineRule: LineRuleType.EXACT },
      tabStops: [{ type: "right", position: width }],
      children: [run(bulletin.closing.issuer, { size: 28 }), run(`\t${bulletin.closing.issueLine}`, { size: 28 })],
    }),
  );
  return lines;
}

export function bulletinDocument(bulletin: Bulletin): Document {
  const text: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 120 },
      children: [run(bulletin.title, { font: font(FONTS.title), size: SIZE.title })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [run(bulletin.subtitle, { font: font(FONTS.subheading) })],
    }),
    ...bulletin.notices.map(
      (notice) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(`【${notice}】`, { size: SIZE.note, color: "C00000" })],
        }),
    ),
  ];
  for (const part of bulletin.parts) {
    text.push(bodyParagraph([run(part.heading, { font: font(FONTS.heading) })], { indent: false }));
    for (const block of part.blocks) text.push(...blockParagraphs(bulletin, block));
  }
  // "附件：1．…" hanging so that wrapped lines and "2．…" align after "附件：" (3 characters)
  // and the item number ("1．", one and a half).
  bulletin.attachmentList.forEach((line, index) => {
    const left = 3 * 320 + 480;
    text.push(bodyParagraph([run(line)], { indent: index === 0 ? { left, hanging: left } : { left, hanging: 480 } }));
  });

  const footers = { default: pageNumberFooter() };
  const sections: ISectionOptions[] = [
    {
      properties: { page: { size: { width: A4.width, height: A4.height }, margin: MARGINS } },
      footers,
      children: text,
    },
    {
      properties: {
        page: {
          // docx swaps width and height for a landscape page: give the portrait size.
          size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
          margin: LANDSCAPE_MARGINS,
        },
      },
      footers,
      children: [
        ...annexChildren(bulletin.annexes[0], false),
        ...annexChildren(bulletin.annexes[1], true),
        ...closingParagraphs(bulletin, A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right),
      ],
    },
  ];

  return new Document({
    creator: bulletin.closing.issuer,
    title: `${bulletin.title}${bulletin.subtitle}`,
    description: bulletin.isDemo ? "示例数据" : undefined,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body), size: SIZE.body } },
      },
    },
    sections,
  });
}

/** The .docx file's bytes. */
export async function renderBulletinDocx(bulletin: Bulletin): Promise<Buffer> {
  return Packer.toBuffer(bulletinDocument(bulletin));
}
