// An .xlsx is a ZIP archive, and what its directory declares can lie: a 2 MB workbook may
// declare 1,000 bytes for a sheet that inflates to gigabytes. So the archive is read here,
// before exceljs sees it: every entry is inflated with a hard cap on the bytes actually
// produced (not the sizes declared), an observer may stop the reading early (the row count
// of a sheet), and exceljs is then handed a new archive of the verified bytes, stored
// uncompressed, so that what it inflates is exactly what was counted here.
//
// declaredUncompressedSize stays as a cheap first look: an honest giant (a sheet formatted
// down to row 1,048,576) is refused with its declared size before anything is inflated.
import { crc32, createInflateRaw } from "node:zlib";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EXTRA = 0x0001;

type DirectoryEntry = {
  name: string;
  /** The name as stored, and whether it is UTF-8 (general-purpose flag bit 11). */
  nameBytes: Uint8Array;
  utf8: boolean;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
};

type Directory = { ok: true; entries: DirectoryEntry[] } | { ok: false; detail: string };

function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) if (view.getUint32(i, true) === EOCD) return i;
  return -1;
}

/** The central directory: names, methods, sizes and where each entry's data starts. */
function readDirectory(bytes: Uint8Array): Directory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length >= 22 ? findEocd(bytes, view) : -1;
  if (eocd < 0) return { ok: false, detail: "找不到 ZIP 目录" };
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  // More than 65,535 entries or a directory beyond 4 GB (ZIP64): not a month's workbook of at most 10 MB.
  if (count === 0xffff || offset === 0xffffffff) return { ok: false, detail: "ZIP64 目录" };
  const entries: DirectoryEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL)
      return { ok: false, detail: "ZIP 目录已损坏" };
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength + extraLength > bytes.length) return { ok: false, detail: "ZIP 目录已损坏" };
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const utf8 = (flags & 0x0800) !== 0;
    let compressedSize = view.getUint32(offset + 20, true);
    let declaredSize = view.getUint32(offset + 24, true);
    let localOffset = view.getUint32(offset + 42, true);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extra field: the 8-byte values present are those whose 4-byte field is all ones, in this order.
      let e = offset + 46 + nameLength;
      const end = e + extraLength;
      let found = false;
      while (e + 4 <= end) {
        const id = view.getUint16(e, true);
        const size = view.getUint16(e + 2, true);
        if (id === ZIP64_EXTRA) {
          let p = e + 4;
          const next = () => {
            const value = p + 8 <= e + 4 + size ? Number(view.getBigUint64(p, true)) : Number.NaN;
            p += 8;
            return value;
          };
          if (declaredSize === 0xffffffff) declaredSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
          found = true;
          break;
        }
        e += 4 + size;
      }
      if (!found || [compressedSize, declaredSize, localOffset].some((v) => !Number.isSafeInteger(v)))
        return { ok: false, detail: "ZIP64 目录已损坏" };
    }
    entries.push({
      name: new TextDecoder(utf8 ? "utf-8" : "latin1").decode(nameBytes),
      nameBytes,
      utf8,
      method: view.getUint16(offset + 10, true),
      flags,
      crc: view.getUint32(offset + 16, true),
      compressedSize,
      declaredSize,
      localOffset,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** Sum of the entries' declared uncompressed sizes; null when the directory cannot be read (damaged). */
export function declaredUncompressedSize(bytes: Uint8Array): number | null {
  const directory = readDirectory(bytes);
  if (!directory.ok) return null;
  return directory.entries.reduce((total, e) => total + e.declaredSize, 0);
}

export type ZipEntry = { name: string; nameBytes: Uint8Array; utf8: boolean; data: Buffer };

/** Called with each entry's inflated bytes as they are produced; false stops the reading. */
export type ChunkObserver = (chunk: Buffer) => boolean;

export type ReadZipOptions = {
  /** Most bytes all entries together may inflate to. */
  maxBytes: number;
  /** The order to read entries in (e.g. the workbook before its sheets); default: the directory's. */
  order?: (a: string, b: string) => number;
  /** An observer for an entry's bytes, or undefined for none. */
  observe?: (name: string) => ChunkObserver | undefined;
};

export type ReadZipResult =
  | { kind: "ok"; entries: ZipEntry[] }
  | { kind: "unreadable"; detail: string }
  /** The entries inflate to more than maxBytes; `declared` is what the directory claimed. */
  | { kind: "tooLarge"; declared: number }
  /** An observer said stop, reading `entry`; `entries` holds those read before it. */
  | { kind: "stopped"; entry: string; entries: ZipEntry[] };

const CHUNK = 64 * 1024;

type Inflated =
  | { kind: "done"; data: Buffer }
  | { kind: "overBudget" }
  | { kind: "stopped" }
  | { kind: "error"; detail: string };

/** Inflates raw deflate data, producing at most `budget` bytes: past it, the inflater is destroyed. */
function inflateCapped(compressed: Buffer, budget: number, observer: ChunkObserver | undefined): Promise<Inflated> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    const chunks: Buffer[] = [];
    let produced = 0;
    let settled = false;
    const settle = (result: Inflated) => {
      if (settled) return;
      settled = true;
      if (result.kind !== "done") {
        chunks.length = 0;
        inflater.destroy();
      }
      resolve(result);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (settled) return;
      produced += chunk.length;
      if (produced > budget) return settle({ kind: "overBudget" });
      if (observer && !observer(chunk)) return settle({ kind: "stopped" });
      chunks.push(chunk);
    });
    inflater.on("error", (cause) => settle({ kind: "error", detail: cause.message }));
    inflater.on("end", () => settle({ kind: "done", data: Buffer.concat(chunks, produced) }));
    inflater.end(compressed);
  });
}

/**
 * Every entry of a ZIP archive, inflated with a hard cap on the bytes produced. Stored and
 * deflated entries only (what Excel writes); encrypted entries and other methods are unreadable.
 */
export async function readZipEntries(bytes: Uint8Array, options: ReadZipOptions): Promise<ReadZipResult> {
  const directory = readDirectory(bytes);
  if (!directory.ok) return { kind: "unreadable", detail: directory.detail };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = directory.entries.reduce((total, e) => total + e.declaredSize, 0);
  const ordered = options.order
    ? [...directory.entries].sort((a, b) => options.order!(a.name, b.name))
    : directory.entries;
  const entries: ZipEntry[] = [];
  let produced = 0;
  for (const entry of ordered) {
    if (entry.flags & 0x0001) return { kind: "unreadable", detail: `“${entry.name}”已加密` };
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL)
      return { kind: "unreadable", detail: `“${entry.name}”的位置不对` };
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) return { kind: "unreadable", detail: `“${entry.name}”不完整` };
    const compressed = Buffer.from(bytes.buffer, bytes.byteOffset + start, entry.compressedSize);
    const budget = options.maxBytes - produced;
    const observer = options.observe?.(entry.name);
    let data: Buffer;
    if (entry.method === 0) {
      if (compressed.length > budget) return { kind: "tooLarge", declared };
      for (let i = 0; i < compressed.length; i += CHUNK) {
        if (observer && !observer(compressed.subarray(i, i + CHUNK)))
          return { kind: "stopped", entry: entry.name, entries };
      }
      data = compressed;
    } else if (entry.method === 8) {
      const inflated = await inflateCapped(compressed, budget, observer);
      if (inflated.kind === "overBudget") return { kind: "tooLarge", declared };
      if (inflated.kind === "stopped") return { kind: "stopped", entry: entry.name, entries };
      if (inflated.kind === "error") return { kind: "unreadable", detail: `“${entry.name}”：${inflated.detail}` };
      data = inflated.data;
    } else {
      return { kind: "unreadable", detail: `“${entry.name}”的压缩方式 ${entry.method} 不受支持` };
    }
    if (crc32(data) >>> 0 !== entry.crc >>> 0) return { kind: "unreadable", detail: `“${entry.name}”校验失败（CRC）` };
    produced += data.length;
    entries.push({ name: entry.name, nameBytes: entry.nameBytes, utf8: entry.utf8, data });
  }
  return { kind: "ok", entries };
}

/** A ZIP archive of the entries, stored (not compressed): every declared size is the true one. */
export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const localSize = entries.reduce((n, e) => n + 30 + e.nameBytes.length + e.data.length, 0);
  const centralSize = entries.reduce((n, e) => n + 46 + e.nameBytes.length, 0);
  const out = Buffer.alloc(localSize + centralSize + 22);
  const offsets: number[] = [];
  const crcs = entries.map((e) => crc32(e.data) >>> 0);
  let p = 0;
  entries.forEach((e, i) => {
    offsets.push(p);
    out.writeUInt32LE(LOCAL, p);
    out.writeUInt16LE(20, p + 4);
    out.writeUInt16LE(e.utf8 ? 0x0800 : 0, p + 6);
    out.writeUInt16LE(0, p + 8); // stored
    out.writeUInt16LE(0, p + 10); // time
    out.writeUInt16LE(0x21, p + 12); // 1980-01-01
    out.writeUInt32LE(crcs[i]!, p + 14);
    out.writeUInt32LE(e.data.length, p + 18);
    out.writeUInt32LE(e.data.length, p + 22);
    out.writeUInt16LE(e.nameBytes.length, p + 26);
    out.writeUInt16LE(0, p + 28);
    out.set(e.nameBytes, p + 30);
    out.set(e.data, p + 30 + e.nameBytes.length);
    p += 30 + e.nameBytes.length + e.data.length;
  });
  const centralStart = p;
  entries.forEach((e, i) => {
    out.writeUInt32LE(CENTRAL, p);
    out.writeUInt16LE(20, p + 4);
    out.writeUInt16LE(20, p + 6);
    out.writeUInt16LE(e.utf8 ? 0x0800 : 0, p + 8);
    out.writeUInt16LE(0, p + 10);
    out.writeUInt16LE(0, p + 12);
    out.writeUInt16LE(0x21, p + 14);
    out.writeUInt32LE(crcs[i]!, p + 16);
    out.writeUInt32LE(e.data.length, p + 20);
    out.writeUInt32LE(e.data.length, p + 24);
    out.writeUInt16LE(e.nameBytes.length, p + 28);
    // extra, comment, disk, internal and external attributes: all zero (Buffer.alloc)
    out.writeUInt32LE(offsets[i]!, p + 42);
    out.set(e.nameBytes, p + 46);
    p += 46 + e.nameBytes.length;
  });
  out.writeUInt32LE(EOCD, p);
  out.writeUInt16LE(entries.length, p + 8);
  out.writeUInt16LE(entries.length, p + 10);
  out.writeUInt32LE(p - centralStart, p + 12);
  out.writeUInt32LE(centralStart, p + 16);
  return out;
}
