// Counting a worksheet's rows while its XML is being inflated, so that a sheet of two million
// rows is refused after its first few hundred instead of after exceljs has parsed them all.
// A row counts when it holds a value (<v>), an inline string (<is>) or a formula (<f>): what
// exceljs counts in actualRowCount. Rows that only carry formatting (borders down to row
// 10,000) do not count, as they never did.

/** The longest unfinished tag kept between chunks; tags are far shorter. */
const MAX_CARRY = 64 * 1024;

// An element of interest: row, v, is, f, with any namespace prefix; group 1 "/" for a closing
// tag, group 3 "/" for a self-closing one.
const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?(row|v|is|f)(?=[\s/>])[^>]*?(\/?)>/g;

export class SheetRowCounter {
  rows = 0;
  /** Counting stops at the first row past `limit`: rows is then limit + 1. */
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  private inRow = false;
  private rowHasValue = false;
  private carry = "";

  /** Feeds the next bytes of the sheet's XML; returns the rows with values counted so far. */
  push(chunk: Uint8Array): number {
    if (this.rows > this.limit) return this.rows;
    // latin1 keeps the ASCII tag names intact whatever the text's encoding.
    const text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
    const end = text.lastIndexOf(">");
    this.carry = text.slice(end + 1).slice(-MAX_CARRY);
    if (end < 0) return this.rows;
    for (const m of text.slice(0, end + 1).matchAll(TAG)) {
      const closing = m[1] === "/";
      const selfClosing = m[3] === "/";
      if (m[2] === "row") {
        if (closing) {
          if (this.inRow && this.rowHasValue && ++this.rows > this.limit) return this.rows;
          this.inRow = false;
        } else if (!selfClosing) {
          this.inRow = true;
          this.rowHasValue = false;
        }
      } else if (!closing && !selfClosing && this.inRow) {
        this.rowHasValue = true;
      }
    }
    return this.rows;
  }
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === "lt") return "<";
    if (lower === "gt") return ">";
    if (lower === "quot") return '"';
    if (lower === "apos") return "'";
    if (lower === "amp") return "&";
    const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ""));
  return out;
}

/** The path of a workbook part ("xl/worksheets/sheet1.xml") from a relationship target. */
function partPath(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ["xl"];
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/** Sheet names by their part's path, from xl/workbook.xml and its relationships. */
export function sheetNamesByPath(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const attrs = attributes(m[1]!);
    const id = attrs.get("Id");
    const target = attrs.get("Target");
    if (id && target) targets.set(id, partPath(target));
  }
  const names = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributes(m[1]!);
    const name = attrs.get("name");
    const id = [...attrs].find(([key]) => key === "id" || key.endsWith(":id"))?.[1];
    const path = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && path) names.set(path, name);
  }
  return names;
}
