// Generates the platform's records for the reference month (2021-06): a 办件明细 whose cases,
// counted by the definitions of definitions.ts, give exactly every count of 附件1 and 附件2 per
// unit (applied, accepted, completed, overdue, promisedCompleted, promisedOverdue and the online
// ones), a 好差评 with exactly each unit's activeEvaluations, and a 实施清单 sized so that the
// month's coverage gives the annex's 办件覆盖率 of every unit. Deterministic (seeded).
//
// How the counts come out exact: per unit and channel (网上/窗口 are disjoint), the cases are
// built from six patterns of which of their three times fall in June — applied+accepted+
// completed, applied+accepted, applied only, accepted+completed (applied in May), accepted only
// (applied in May), completed only (applied and accepted in May) — in the fewest cases that give
// the unit's applied/accepted/completed. Of the completions, `promisedCompleted` are 承诺件, of
// which `promisedOverdueCompleted` finish after their promised limit and the rest before it;
// 即办件 finish within their limit of 1 working day unless counted overdue.
//
// The annex's unit rows sum to 1,048,052 applications (the bulletin's text says 1,048,053), in
// 1,048,981 non-batch cases (completions and acceptances of cases applied in May add rows).
// Batch cases (批量件), outside every count but completedInclBatch, are added for the counties
// so that completedInclBatch reproduces the bulletin's stated 主动评价率 (通川区 100.38% …),
// found as the integer denominator that rounds to it: 232,858 of them. Where a unit has fewer
// cases than covered items (市委宣传部: no case, 50%), batch cases applied in the month and not
// yet accepted — in no figure but coverage — give each covered item its case.

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { createGzip } from "node:zlib";
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { roundRate } from "@/lib/indicators/rates";
import type { StatRow } from "@/lib/indicators/types";

export type GeneratorUnit = Pick<
  StatRow,
  | "unitName"
  | "unitCode"
  | "kind"
  | "applied"
  | "accepted"
  | "completed"
  | "overdueCompleted"
  | "promisedCompleted"
  | "promisedOverdueCompleted"
  | "onlineApplied"
  | "onlineAccepted"
  | "onlineCompleted"
  | "onlinePromisedCompleted"
  | "onlinePromisedOverdueCompleted"
  | "activeEvaluations"
  | "promiseSpeedupRate"
  | "coverageRate"
  | "activeEvaluationRateReported"
>;

export type GenerateOptions = {
  outDir: string;
  units: readonly GeneratorUnit[];
  /** Default 2021-06 (the generator's date logic is for any month; the counts are the units'). */
  month?: string;
  gzip?: boolean;
  seed?: number;
  /** Extra default (system) evaluations per active one, for satisfaction and realism; default 0.05. */
  defaultEvaluationShare?: number;
};

export type GeneratedFiles = {
  cases: string;
  evaluations: string;
  catalogue: string;
  caseRows: number;
  batchRows: number;
  evaluationRows: number;
  itemRows: number;
};

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Patterns = { n111: number; n110: number; n100: number; n011: number; n010: number; n001: number };

/** The fewest cases whose June times give `a` applied, `c` accepted, `d` completed. */
export function casePatterns(a: number, c: number, d: number): Patterns {
  const n111 = Math.min(a, c, d);
  const n110 = Math.min(a - n111, c - n111);
  const n011 = Math.min(c - n111 - n110, d - n111);
  return { n111, n110, n100: a - n111 - n110, n011, n010: c - n111 - n110 - n011, n001: d - n111 - n011 };
}

/** completedInclBatch behind a stated evaluation rate: the integer ≥ completed nearest AE/rate. */
export function batchInclusiveCompletions(activeEvaluations: number, rate: number, completed: number): number {
  const guess = Math.round((activeEvaluations / rate) * 100);
  for (let delta = 0; delta < 50; delta++) {
    for (const n of [guess - delta, guess + delta]) {
      if (n >= completed && n > 0 && roundRate((activeEvaluations / n) * 100) === rate) return n;
    }
  }
  return completed;
}

/** Catalogue size behind a coverage rate: k covered of n in use (smallest n), k ≥ 1 when `minCovered`. */
export function coverageFraction(
  rate: number,
  minCovered: number,
  maxCovered: number,
): { covered: number; inUse: number } {
  for (let n = 1; n <= 400; n++) {
    const k = Math.round((rate / 100) * n);
    if (k >= minCovered && k <= maxCovered && k <= n && roundRate((k / n) * 100) === rate)
      return { covered: k, inUse: n };
  }
  return { covered: Math.min(minCovered, maxCovered), inUse: Math.max(minCovered, 1) };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

class LineWriter {
  private buffer = "";
  private readonly out: WriteStream;
  private readonly sink: NodeJS.WritableStream;
  constructor(file: string, gzip: boolean, header: string) {
    this.out = createWriteStream(file);
    if (gzip) {
      const z = createGzip({ level: 1 });
      z.pipe(this.out);
      this.sink = z;
    } else this.sink = this.out;
    this.buffer = header;
  }
  async line(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length > 1 << 18) {
      const chunk = this.buffer;
      this.buffer = "";
      if (!this.sink.write(chunk)) await once(this.sink, "drain");
    }
  }
  async close(): Promise<void> {
    this.sink.write(this.buffer);
    this.sink.end();
    await once(this.out, "close");
  }
}

export async function generateMonthRecords(options: GenerateOptions): Promise<GeneratedFiles> {
  const month = options.month ?? "2021-06";
  const rand = random(options.seed ?? 20210630);
  const year = Number(month.slice(0, 4));
  const calendar = new WorkingDayCalendar(year - 1, year + 1);
  const prevMonth = month.endsWith("-01") ? `${year - 1}-12` : `${year}-${pad(Number(month.slice(5)) - 1, 2)}`;
  const daysOf = (m: string) => {
    const out: string[] = [];
    for (let d = 1; d <= 31; d++) {
      const key = `${m}-${pad(d, 2)}`;
      if (!calendar.covers(key) || new Date(`${key}T00:00:00Z`).toISOString().slice(0, 10) !== key) continue;
      if (calendar.isWorkday(key)) out.push(key);
    }
    return out;
  };
  const work = daysOf(month); // this month's working days
  const prevWork = daysOf(prevMonth);
  const allWork = [...prevWork, ...work]; // index: prevWork.length + j is work[j]
  const P = prevWork.length;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const time = (day: string, fromMinute = 510, toMinute = 1050) => {
    const minute = fromMinute + Math.floor(rand() * (toMinute - fromMinute));
    return `${day} ${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:${pad(Math.floor(rand() * 60), 2)}`;
  };

  const ext = options.gzip ? ".csv.gz" : ".csv";
  const files = {
    cases: path.join(options.outDir, `办件明细-${month}${ext}`),
    evaluations: path.join(options.outDir, `好差评-${month}${ext}`),
    catalogue: path.join(options.outDir, `实施清单-${month}${ext}`),
  };
  const cases = new LineWriter(
    files.cases,
    options.gzip ?? false,
    "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n",
  );
  const evaluations = new LineWriter(
    files.evaluations,
    options.gzip ?? false,
    "评价编号,办件编号,实施主体,评价时间,评价等级,评价类型\n",
  );
  const catalogue = new LineWriter(
    files.catalogue,
    options.gzip ?? false,
    "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\n",
  );
  let caseSeq = 0;
  let evaluationSeq = 0;
  let caseRows = 0;
  let batchRows = 0;
  let evaluationRows = 0;
  let itemRows = 0;
  const compactMonth = month.replace("-", "");

  for (const unit of options.units) {
    // --- the catalogue: k covered items of n in use (plus a few out of use) ---
    const nonBatchCases =
      Object.values(casePatterns(unit.onlineApplied, unit.onlineAccepted, unit.onlineCompleted)).reduce(
        (s, n) => s + n,
        0,
      ) +
      Object.values(
        casePatterns(
          unit.applied - unit.onlineApplied,
          unit.accepted - unit.onlineAccepted,
          unit.completed - unit.onlineCompleted,
        ),
      ).reduce((s, n) => s + n, 0);
    const inclBatch =
      unit.activeEvaluationRateReported != null
        ? batchInclusiveCompletions(unit.activeEvaluations, unit.activeEvaluationRateReported, unit.completed)
        : unit.completed;
    const batch = inclBatch - unit.completed;
    const totalCases = nonBatchCases + batch;
    const { covered, inUse } = coverageFraction(
      unit.coverageRate,
      unit.coverageRate > 0 || totalCases > 0 ? 1 : 0,
      400,
    );
    // A unit needs a case per covered item: batch cases applied in the month, not yet accepted,
    // count for coverage and in no case figure (so a unit with no counted case can show coverage).
    const coveragePadding = Math.max(0, covered - totalCases);
    // Promised items carry limits that approximate the unit's 承诺提速率 (legal 20 working days).
    const speedup = unit.promiseSpeedupRate > 0 ? unit.promiseSpeedupRate / 100 : 0.8;
    const promisedDays = Math.min(15, Math.max(3, Math.round(20 * (1 - speedup))));
    type Item = { code: string; name: string; promised: boolean };
    const items: Item[] = [];
    for (let i = 0; i < inUse; i++) {
      const promised = i % 2 === 0;
      const item: Item = {
        code: `5117${unit.unitCode.toUpperCase()}${pad(i + 1, 4)}`,
        name: `${unit.unitName}事项${i + 1}`,
        promised,
      };
      items.push(item);
      await catalogue.line(
        `${item.code},${item.name},${unit.unitName},${promised ? "承诺件" : "即办件"},${promised ? 20 : 5},${promised ? promisedDays : 1},在用\n`,
      );
      itemRows++;
    }
    for (let i = 0; i < 2; i++) {
      await catalogue.line(
        `5117${unit.unitCode.toUpperCase()}X${pad(i + 1, 3)},${unit.unitName}停用事项${i + 1},${unit.unitName},承诺件,20,10,停用\n`,
      );
      itemRows++;
    }
    const coveredItems = items.slice(0, covered);
    const promisedItems = coveredItems.filter((i) => i.promised);
    const instantItems = coveredItems.filter((i) => !i.promised);
    // Every covered item gets at least one case: the first cases go round the covered items.
    let roundRobin = 0;
    const itemFor = (promised: boolean): Item => {
      if (roundRobin < coveredItems.length) return coveredItems[roundRobin++]!;
      const pool = promised ? promisedItems : instantItems;
      return pool.length > 0 ? pick(pool) : pick(coveredItems);
    };

    const completedCaseNos: string[] = [];
    const writeCase = async (c: {
      promised: boolean;
      online: boolean;
      batch: boolean;
      applied: string | null;
      accepted: string | null;
      completed: string | null;
    }) => {
      const item = itemFor(c.promised);
      const caseNo = `${compactMonth}${pad(++caseSeq, 8)}`;
      const legal = c.promised ? 20 : 5;
      const limit = c.promised ? promisedDays : 1;
      await cases.line(
        `${caseNo},${item.code},${item.name},${unit.unitName},${c.promised ? "承诺件" : "即办件"},${legal},${limit},${c.online ? "网上申请" : "窗口申请"},${c.batch ? "是" : "否"},${c.applied ?? ""},${c.accepted ?? ""},${c.completed ?? ""}\n`,
      );
      caseRows++;
      if (c.completed) completedCaseNos.push(caseNo);
    };

    for (const online of [true, false]) {
      const a = online ? unit.onlineApplied : unit.applied - unit.onlineApplied;
      const acc = online ? unit.onlineAccepted : unit.accepted - unit.onlineAccepted;
      const d = online ? unit.onlineCompleted : unit.completed - unit.onlineCompleted;
      const pd = online ? unit.onlinePromisedCompleted : unit.promisedCompleted - unit.onlinePromisedCompleted;
      const pod = online
        ? unit.onlinePromisedOverdueCompleted
        : unit.promisedOverdueCompleted - unit.onlinePromisedOverdueCompleted;
      // Instant overdue completions (overdue but not promised) are counted on the counter channel.
      const iod = online ? 0 : unit.overdueCompleted - unit.promisedOverdueCompleted;
      if ([a, acc, d, pd, pod, iod].some((n) => n < 0) || pd > d || pod > pd || iod > d - pd) {
        throw new Error(`${unit.unitName}: counts cannot be built from cases (${online ? "网上" : "窗口"})`);
      }
      const p = casePatterns(a, acc, d);
      // Completions: which are promised / overdue. Cases completed in June but accepted in May
      // (n001) cannot be finished the same day, so they take the promised slots first.
      let promisedLeft = pd;
      let promisedOverdueLeft = pod;
      let instantOverdueLeft = iod;
      const completion = () => {
        if (promisedLeft > 0) {
          promisedLeft--;
          if (promisedOverdueLeft > 0) {
            promisedOverdueLeft--;
            return { promised: true, elapsed: promisedDays + 1 + Math.floor(rand() * 3) };
          }
          return { promised: true, elapsed: 1 + Math.floor(rand() * (promisedDays - 1)) };
        }
        if (instantOverdueLeft > 0) {
          instantOverdueLeft--;
          return { promised: false, elapsed: 2 + Math.floor(rand() * 2) };
        }
        return { promised: false, elapsed: -1 }; // instant, on time: same day, or next day when accepted earlier
      };
      // completed only in June (applied and accepted in the month before)
      for (let i = 0; i < p.n001; i++) {
        const c = completion();
        const elapsed = c.elapsed === -1 ? 1 : c.elapsed;
        const doneIndex = P + Math.floor(rand() * Math.min(elapsed, work.length));
        const acceptIndex = doneIndex - elapsed;
        const acceptedDay = allWork[acceptIndex]!;
        const acceptedAt = time(acceptedDay);
        const appliedAt = time(acceptIndex > 0 ? allWork[acceptIndex - 1]! : acceptedDay, 480, 500);
        await writeCase({
          promised: c.promised,
          online,
          batch: false,
          applied: appliedAt,
          accepted: acceptedAt,
          completed: time(allWork[doneIndex]!),
        });
      }
      // applied, accepted and completed in June; accepted (applied in May) and completed in June
      for (const [count, appliedInMonth] of [
        [p.n111, true],
        [p.n011, false],
      ] as const) {
        for (let i = 0; i < count; i++) {
          const c = completion();
          const elapsed = c.elapsed === -1 ? 0 : c.elapsed;
          const acceptIndex = P + Math.floor(rand() * (work.length - elapsed));
          const accepted = time(allWork[acceptIndex]!, 510, 840);
          const completedDay = allWork[acceptIndex + elapsed]!;
          const completed = elapsed === 0 ? time(completedDay, 850, 1050) : time(completedDay);
          const applied = appliedInMonth
            ? `${accepted.slice(0, 11)}08:${pad(Math.floor(rand() * 30), 2)}:00`
            : time(pick(prevWork));
          await writeCase({ promised: c.promised, online, batch: false, applied, accepted, completed });
        }
      }
      if (promisedLeft + promisedOverdueLeft + instantOverdueLeft > 0)
        throw new Error(`${unit.unitName}: completions left over`);
      // accepted in June, not completed: applied in June, or in May
      for (const [count, appliedInMonth] of [
        [p.n110, true],
        [p.n010, false],
      ] as const) {
        for (let i = 0; i < count; i++) {
          const accepted = time(pick(work.slice(-10)), 510, 840);
          const applied = appliedInMonth
            ? `${accepted.slice(0, 11)}08:${pad(Math.floor(rand() * 30), 2)}:00`
            : time(pick(prevWork));
          await writeCase({ promised: rand() < 0.5, online, batch: false, applied, accepted, completed: null });
        }
      }
      // applied in June, not accepted yet
      for (let i = 0; i < p.n100; i++) {
        await writeCase({
          promised: rand() < 0.5,
          online,
          batch: false,
          applied: time(pick(work.slice(-5))),
          accepted: null,
          completed: null,
        });
      }
    }
    for (let i = 0; i < coveragePadding; i++) {
      await writeCase({
        promised: false,
        online: false,
        batch: true,
        applied: time(pick(work.slice(-5))),
        accepted: null,
        completed: null,
      });
      batchRows++;
    }
    // batch cases: applied, accepted and completed in June, counted only in completedInclBatch
    for (let i = 0; i < batch; i++) {
      const day = pick(work);
      await writeCase({
        promised: false,
        online: rand() < 0.5,
        batch: true,
        applied: time(day, 480, 500),
        accepted: time(day, 510, 600),
        completed: time(day, 700, 1000),
      });
      batchRows++;
    }

    // --- evaluations: exactly activeEvaluations active ones, dated in the month, plus default ones ---
    const defaults = Math.round(unit.activeEvaluations * (options.defaultEvaluationShare ?? 0.05));
    for (let i = 0; i < unit.activeEvaluations + defaults; i++) {
      const active = i < unit.activeEvaluations;
      // Most evaluate a case of this month; some evaluate cases completed in the month before.
      const caseNo =
        completedCaseNos.length > 0 && rand() < 0.9
          ? completedCaseNos[i % completedCaseNos.length]!
          : `${prevMonth.replace("-", "")}E${pad(i, 7)}`;
      const level = ["非常满意", "非常满意", "非常满意", "满意", "基本满意"][Math.floor(rand() * 5)]!;
      await evaluations.line(
        `PJ${compactMonth}${pad(++evaluationSeq, 8)},${caseNo},${unit.unitName},${time(pick(work), 480, 1320)},${level},${active ? "主动评价" : "默认评价"}\n`,
      );
      evaluationRows++;
    }
  }
  await Promise.all([cases.close(), evaluations.close(), catalogue.close()]);
  return { ...files, caseRows, batchRows, evaluationRows, itemRows };
}
