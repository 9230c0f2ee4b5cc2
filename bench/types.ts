// The contract between scripts/bench.ts and its sections (bench/sections/*.ts).
//
// A section is a module whose default export is a BenchSection. bench.ts loads
// every bench/sections/*.ts (not *.test.ts), sorts them by `order` (then file
// name) and runs them one after another against one prepared environment: a
// throwaway database holding the bench dataset, a production build in
// .next-bench, `next start` on a free port of 127.0.0.1. Each returns a table
// (columns + rows) and the budgets it checked; bench.ts prints the tables and
// writes them all to bench/results.json.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  label: string;
  /** Shown after the label, e.g. "ms", "kB". */
  unit?: string;
  /** Decimals for numbers (default: 0 for integers, 1 otherwise). */
  digits?: number;
}

export interface Budget {
  /** What is bounded, e.g. "home throughput ÷ static". */
  name: string;
  /** The bound, as written in the README, e.g. "≥ 0.50". */
  limit: string;
  /** The measured value, formatted. */
  actual: string;
  ok: boolean;
  note?: string;
}

export interface SectionResult {
  title: string;
  columns: Column[];
  rows: Row[];
  budgets?: Budget[];
  /** Lines printed under the table (method, caveats). */
  notes?: string[];
  /** Anything else worth keeping in results.json (raw figures). */
  details?: unknown;
}

export interface LoadOptions {
  /** Requests in all (autocannon `amount`). */
  amount: number;
  connections?: number;
  /** Cookie header; default: the signed-in official's. */
  cookie?: string | null;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Status that counts as success (default 200). */
  expectStatus?: number;
  /** The serving process: its CPU time over the run is measured (harness.ts processCpuMicros). */
  serverPid?: number;
  /** Paths asked in turn, one request each, instead of the one path (each read for the first time). */
  rotate?: readonly string[];
}

export interface LoadResult {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP90Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Connection errors + timeouts + responses with another status than expected. */
  errors: number;
  bytesPerResponse: number;
  /** The server's CPU time (user + system) per completed request, µs; null when not measured. */
  serverCpuMicrosPerRequest: number | null;
}

export interface BenchContext {
  /** `--quick`: fewer requests, fewer rounds, one Lighthouse run. */
  quick: boolean;
  /** e.g. http://127.0.0.1:43127 */
  baseUrl: string;
  /** The build directory under the project root (.next-bench). */
  distDir: string;
  root: string;
  /** The bench database (throwaway), and a client on it (pool of 3). */
  databaseUrl: string;
  prisma: PrismaClient;
  /** The month every measured page shows (the reference month, 2021-06). */
  month: string;
  /** Months in the database: 120. */
  monthCount: number;
  /** Cookie header of a signed-in user, from Auth.js's credentials endpoint. */
  signIn(username: string, password: string): Promise<string>;
  /** The signed-in OFFICIAL's cookie header (reads every page). */
  officialCookie: string;
  /** The signed-in SYSTEM_ADMIN's cookie header. */
  adminCookie: string;
  /** One request per URL until it answers `expectStatus`, then a short burst: the first request after start is slow. */
  warm(path: string, options?: { cookie?: string | null; expectStatus?: number; burst?: number }): Promise<void>;
  /** autocannon against baseUrl + path. */
  load(path: string, options: LoadOptions): Promise<LoadResult>;
  log(message: string): void;
}

export interface BenchSection {
  /** Short id, e.g. "pages", "upload". */
  id: string;
  /** Run order (pages 20, lighthouse 30, upload 40, bulletin 50, size 60). */
  order: number;
  run(context: BenchContext): Promise<SectionResult>;
}
