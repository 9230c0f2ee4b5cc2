// Refusals by the gate (proxy.ts) are audit events (issue 22, 安全审计), sampled so that an attack
// cannot flood the table: per subject (the account, or the client address when signed out) and
// window of REFUSAL_WINDOW_MS, the first refusal is recorded with its path and decision; the
// others of the window are only counted, and that count goes with the subject's next recorded
// refusal (details.notRecordedBefore). Across all subjects at most REFUSALS_PER_WINDOW events a
// window are written (an attack from many addresses); past that, refusals are counted in one
// total that the next window's first event carries (details.droppedLastWindow). Per process: with
// n instances, n times as many at most. Redirects to sign-in are not refusals.
import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";

export const REFUSAL_WINDOW_MS = 10 * 60_000;
export const REFUSALS_PER_WINDOW = 100;

type Sampler = {
  window: number;
  subjects: Map<string, number>;
  written: number;
  dropped: number;
  droppedBefore: number;
};

const store = globalThis as unknown as { __dashboardRefusals?: Sampler };

export type RefusalSample = { record: false } | { record: true; notRecordedBefore: number; droppedLastWindow: number };

/** Whether this refusal is the one of its subject and window to record (pure apart from the counts). */
export function sampleRefusal(subject: string, now: number = Date.now()): RefusalSample {
  const window = Math.floor(now / REFUSAL_WINDOW_MS);
  let s = store.__dashboardRefusals;
  if (!s || s.window !== window) {
    // A new window: the subjects' counts of the last one are carried by their next event.
    const carried = new Map<string, number>();
    if (s) for (const [k, n] of s.subjects) if (n > 1) carried.set(`carry:${k}`, n - 1);
    s = { window, subjects: carried, written: 0, dropped: 0, droppedBefore: s?.dropped ?? 0 };
    store.__dashboardRefusals = s;
  }
  const seen = s.subjects.get(subject) ?? 0;
  s.subjects.set(subject, seen + 1);
  if (seen > 0) return { record: false };
  if (s.written >= REFUSALS_PER_WINDOW) {
    s.dropped++;
    return { record: false };
  }
  s.written++;
  const carried = s.subjects.get(`carry:${subject}`) ?? 0;
  s.subjects.delete(`carry:${subject}`);
  const droppedLastWindow = s.written === 1 ? s.droppedBefore : 0;
  return { record: true, notRecordedBefore: carried, droppedLastWindow };
}

/** Records the refusal when it is its window's sample; never fails the request. */
export async function auditRefusal(refusal: {
  userId: number | null;
  address: string;
  path: string;
  decision: "forbidden" | "notFound";
}): Promise<void> {
  const subject = refusal.userId !== null ? `user:${refusal.userId}` : `address:${refusal.address}`;
  const sample = sampleRefusal(subject);
  if (!sample.record) return;
  try {
    await recordAuditEvent(prisma, {
      actorId: refusal.userId,
      action: "access.refused",
      details: {
        path: refusal.path.slice(0, 300),
        decision: refusal.decision,
        address: refusal.address,
        windowMinutes: REFUSAL_WINDOW_MS / 60_000,
        notRecordedBefore: sample.notRecordedBefore,
        droppedLastWindow: sample.droppedLastWindow,
      },
    });
  } catch (error) {
    console.error(`[access] could not audit a refusal: ${error instanceof Error ? error.message : error}`);
  }
}

/** Forgets this process's counts (tests). */
export function forgetRefusalSamples(): void {
  store.__dashboardRefusals = undefined;
}
