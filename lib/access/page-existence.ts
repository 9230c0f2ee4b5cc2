// Whether the thing a page URL names exists, decided by the gate (proxy.ts) BEFORE anything is
// rendered: a month page, unit page, item page or page number is rendered on first visit and
// kept in the page cache, so a URL naming a month never published, a unit that is no unit, an
// item the unit does not have or a page past the item's last would otherwise be rendered and
// stored once per URL — any signed-in user could fill the disk (issue 19, item 1). Such a URL is
// answered with the uncached 404 refusal page instead.
//
// permissions.ts decides who may have a path; this decides whether it names something. The
// reads belong to the capabilities that own the data (month-versions: the published months;
// dashboard: the unit codes; case-records: a unit's item segments, an item's page count), each
// one indexed read, remembered here in a small memo: per process, at most MEMO_MAX_ENTRIES
// facts, each for MEMO_TTL_MS, forgotten at once when this process writes report data
// (dataGeneration, bumped by expireReportData); another instance learns within the TTL.
// A read of a unit's items or an item's pages made because the memo did not know (a "lookup")
// is counted against the account (lib/access/lookup-limit.ts), so that one account cannot make
// the database answer without end; the months and the unit codes are one fact each for everyone.
import "server-only";
import { dataGeneration } from "@/lib/cache/data-generation";
import { loadItemPageCount, loadUnitItemSegments } from "@/lib/case-records/server";
import { loadUnitCodes } from "@/lib/dashboard/server";
import { pageRead } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadPublishedMonths } from "@/lib/month-versions/server";

export const MEMO_TTL_MS = 15_000;
export const MEMO_MAX_ENTRIES = 5_000;

/** What the gate needs to know of a decided path (without its language). */
export type PageFacts = { month: string; unit?: string; item?: string; page?: number };

const MONTH_PAGE = /^\/(\d{4}-\d{2})(?:\/(?:municipal|districts|evaluations|timeliness|problems))?$/;
const UNIT_PAGE = /^\/(\d{4}-\d{2})\/units\/([a-z][0-9]{2,4})(?:\/items(?:\/([0-9A-Za-z_-]{1,64})(?:\/(\d{1,6}))?)?)?$/;
const REPORT_PAGE = /^\/reports\/(\d{4}-\d{2})(?:\/draft|\/editions\/[0-9]{1,4})?$/;

/** The facts a path's page depends on, or null for a page that names no month (nothing to check). */
export function pageFacts(path: string): PageFacts | null {
  const month = MONTH_PAGE.exec(path) ?? REPORT_PAGE.exec(path);
  if (month) return { month: month[1]! };
  const unit = UNIT_PAGE.exec(path);
  if (!unit) return null;
  const [, m, code, item, page] = unit;
  return {
    month: m!,
    unit: code,
    ...(item === undefined ? {} : { item }),
    ...(page === undefined ? {} : { page: Number(page) }),
  };
}

/** The answer for a path: render it, refuse it (404), or the account asked too much (429). */
export type Existence = "exists" | "notFound" | "limited";

export class LookupsExhausted extends Error {}

export type ExistenceOptions = {
  /** Runs a read (default: pageRead, the replica when it is current). */
  read?: <T>(run: (db: PrismaClient) => Promise<T>) => Promise<T>;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
  generation?: () => number;
};

type MemoEntry = { value: Promise<unknown>; at: number; generation: number };

export type PageExistence = {
  /**
   * Whether the path's page exists. `beforeLookup` is asked before each read the memo cannot
   * answer; false stops there with "limited".
   */
  check(path: string, beforeLookup: () => Promise<boolean>): Promise<Existence>;
  /** Facts remembered now (the memo's size, for the tests). */
  size(): number;
  forget(): void;
};

export function createPageExistence(options: ExistenceOptions = {}): PageExistence {
  const read = options.read ?? pageRead;
  const ttl = options.ttlMs ?? MEMO_TTL_MS;
  const max = options.maxEntries ?? MEMO_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const generation = options.generation ?? dataGeneration;
  // Insertion order is age order: the oldest fact is the first key.
  const memo = new Map<string, MemoEntry>();

  async function fact<T>(key: string, beforeLookup: () => Promise<boolean>, load: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const known = memo.get(key);
      const fresh = known && now() - known.at < ttl && known.generation === generation();
      // The promise is remembered before anything is awaited: concurrent requests for one fact
      // share one lookup, counted once against the account that made it.
      const value: Promise<unknown> = fresh
        ? known.value
        : (async () => {
            if (!(await beforeLookup())) throw new LookupsExhausted();
            return load();
          })();
      if (!fresh) {
        memo.delete(key);
        memo.set(key, { value, at: now(), generation: generation() });
        value.catch(() => memo.get(key)?.value === value && memo.delete(key));
        while (memo.size > max) memo.delete(memo.keys().next().value!);
      }
      try {
        return (await value) as T;
      } catch (error) {
        // Another account's lookup was refused: this request asks on its own account.
        if (error instanceof LookupsExhausted && fresh && attempt < 2) continue;
        throw error;
      }
    }
  }

  return {
    async check(path, beforeLookup) {
      const facts = pageFacts(path);
      if (!facts) return "exists";
      try {
        // The months and the unit codes are one fact each for everyone: not counted against anyone.
        const shared = async () => true;
        const months = await fact("months", shared, () =>
          read(async (db) => new Set((await loadPublishedMonths(db)).map((m) => m.month))),
        );
        if (!months.has(facts.month)) return "notFound";
        if (facts.unit === undefined) return "exists";
        const units = await fact("units", shared, () => read(async (db) => new Set(await loadUnitCodes(db))));
        if (!units.has(facts.unit)) return "notFound";
        if (facts.item === undefined) return "exists";
        const { month, unit, item } = facts;
        const items = await fact(`items:${month}:${unit}`, beforeLookup, () =>
          read((db) => loadUnitItemSegments(db, month, unit)),
        );
        if (!items?.has(item)) return "notFound";
        if (facts.page === undefined) return "exists";
        // Page 1 is the item's own URL: /…/items/<item>/1 is no page.
        if (facts.page < 2) return "notFound";
        const pages = await fact(`pages:${month}:${unit}:${item}`, beforeLookup, () =>
          read((db) => loadItemPageCount(db, month, unit, item)),
        );
        return facts.page <= pages ? "exists" : "notFound";
      } catch (error) {
        if (error instanceof LookupsExhausted) return "limited";
        throw error;
      }
    },
    size: () => memo.size,
    forget: () => memo.clear(),
  };
}

// One per process, on globalThis: the proxy and the app are bundled apart but share one process.
const store = globalThis as unknown as { __dashboardPageExistence?: PageExistence };
export const pageExistence: PageExistence = (store.__dashboardPageExistence ??= createPageExistence());
