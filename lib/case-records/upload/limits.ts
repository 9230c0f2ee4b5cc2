// Limits of the case-import upload (/admin/cases), shared by the browser and the server.
//
// Why chunks: every request passes proxy.ts, and Next buffers the body of such a request in
// memory up to experimental.proxyClientMaxBodySize, passing on only that much (a larger body
// arrives truncated, with a warning in the log). A month's 办件明细 is ~150–250 MB, so the browser
// sends each file in pieces of at most CASE_CHUNK_BYTES, each written to disk at its offset.
export const CASE_CHUNK_BYTES = 8 * 1024 * 1024;
/** One file: the generated 2021-06 month's cases are 169 MB as CSV; room for XLSX and growth. */
export const CASE_FILE_MAX_BYTES = 1024 * 1024 * 1024;
/** 办件明细, 好差评, 实施清单 (or a .zip of them). */
export const CASE_FILES_MAX = 3;
export const CASE_FILE_PATTERN = /\.(csv|csv\.gz|gz|zip|xlsx)$/i;
/** Processing writes a heartbeat this often; one older than CASE_STALE_MS means the server stopped. */
export const CASE_HEARTBEAT_MS = 5_000;
export const CASE_STALE_MS = 60_000;
/** Files kept for a later step — a refused upload's for mapping, an unfinished transfer's for resuming — go after this. */
export const CASE_FILES_KEPT_MS = 7 * 24 * 3600_000;
/**
 * The staging watchdog: a staging process that reads no new row (nor moves to another stage or
 * file) for this long is stopped and its upload FAILED. A month reads ~60,000 rows a second and
 * reports every 10,000, so two minutes of silence is a parse gone wrong (one unclosed quote once
 * took 13 minutes), not a slow file. CASE_WATCHDOG_SECONDS overrides it (tests).
 */
export const CASE_WATCHDOG_MS = 120_000;
