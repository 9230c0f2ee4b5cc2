// The total uncompressed size a ZIP archive (an .xlsx) declares in its central directory,
// read before exceljs inflates anything: a 10 MB workbook whose sheet is formatted down to row
// 1,048,576 inflates to gigabytes. Only the directory is read (no entry is decompressed);
// declared sizes can lie, so this stops honest giants, not crafted archives.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Sum of the entries' declared uncompressed sizes; null when the directory cannot be read (ZIP64, damaged). */
export function declaredUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) return null;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL) return null;
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}
