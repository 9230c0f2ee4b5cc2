// Upload limits. A real month has 41 departments and 8 districts (2021-06); a month's file
// is a few tens of kilobytes. The limits reject what cannot be a month's bulletin before any
// work is spent on it.

/** Largest file accepted (bytes), checked before anything is parsed. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Largest uncompressed content of an .xlsx (the sizes its ZIP directory declares), checked
 * before it is opened. A month's workbook is well under 1 MB unpacked; 5,000 rows are ~10 MB.
 */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/** Most unit rows one upload may hold: ten times any real month. */
export const MAX_DATA_ROWS = 500;

/**
 * Rows besides unit rows a sheet may hold (title, headers, footnotes, totals). A sheet with
 * more than MAX_DATA_ROWS + this many non-empty rows is rejected before its rows are read.
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
