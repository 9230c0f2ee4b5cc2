// Upload limits. A real month has 41 departments and 8 districts (2021-06); a month's file
// is a few tens of kilobytes. The limits reject what cannot be a month's bulletin before any
// work is spent on it.

/** Largest file accepted (bytes), checked before anything is parsed. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Most files one upload may hold: two annexes and a summary CSV, with room for one more. */
export const MAX_UPLOAD_FILES = 4;

/**
 * Largest request body of one upload: the files at their limit plus the multipart framing.
 * next.config.ts gives the proxy the same limit (it buffers request bodies up to it), so that
 * the route handler, not the proxy, answers a body too large: with a 413 naming the limit.
 */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES * MAX_UPLOAD_FILES + 64 * 1024;

/**
 * Largest uncompressed content of an .xlsx. The sizes its ZIP directory declares are checked
 * before it is opened; the bytes actually inflated are capped while it is opened (zip.ts), so
 * an archive that lies is stopped at this many bytes. A month's workbook is well under 1 MB
 * unpacked; 5,000 rows are ~10 MB.
 */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * Largest count (件数) a cell may hold: PostgreSQL's integer, 2^31 − 1. A bigger figure is a
 * cell error, not a failed publish.
 */
export const MAX_COUNT = 2 ** 31 - 1;

/** Most unit rows one upload may hold: ten times any real month. */
export const MAX_DATA_ROWS = 500;

/**
 * Rows besides unit rows a sheet may hold (title, headers, footnotes, totals). A sheet with
 * more than MAX_DATA_ROWS + this many non-empty rows is rejected while it is read: an .xlsx
 * sheet's rows are counted as it inflates, a CSV's records as they are tokenised, and reading
 * stops at the first row past the limit.
 */
export const MAX_OTHER_ROWS = 100;

/** How many header rows a table may have (the report has two). */
export const MAX_HEADER_ROWS = 4;

export type UploadLimits = { maxBytes: number; maxUncompressedBytes: number; maxRows: number };

export const DEFAULT_LIMITS: UploadLimits = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES,
  maxRows: MAX_DATA_ROWS,
};
