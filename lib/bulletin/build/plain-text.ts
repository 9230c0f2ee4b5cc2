// The bulletin as plain text, in reading order: for search, a text export and tests.
import type { Bulletin, BulletinBlock } from "./types";

function blockText(bulletin: Bulletin, block: BulletinBlock): string[] {
  switch (block.type) {
    case "subheading":
    case "note":
      return [block.text];
    case "paragraph":
      return [(block.lead ?? "") + block.text];
    case "figure": {
      const figure = bulletin.figures.find((f) => f.id === block.figureId);
      return figure ? [figure.caption] : [];
    }
  }
}

/** Title, notices, every part, the attachment list and the closing lines; annexes only with `annexes`. */
export function bulletinPlainText(bulletin: Bulletin, options: { annexes?: boolean } = {}): string {
  const lines: string[] = [bulletin.title, bulletin.subtitle, ...bulletin.notices];
  for (const part of bulletin.parts) {
    lines.push(part.heading);
    for (const block of part.blocks) lines.push(...blockText(bulletin, block));
  }
  lines.push(...bulletin.attachmentList);
  if (options.annexes) {
    for (const annex of bulletin.annexes) {
      lines.push(annex.label, annex.title);
      for (const row of annex.rows) lines.push([row.seq, row.name, ...row.cells].join(" "));
      lines.push(...annex.notes);
    }
  }
  for (const entry of bulletin.closing.distribution) lines.push(`${entry.label}：${entry.lines.join("")}`);
  lines.push(`${bulletin.closing.issuer}　${bulletin.closing.issueLine}`);
  return lines.join("\n");
}
