// This server's stagings: the queue (one at a time), the staging processes running and the
// uploads it queued. On globalThis: a route handler and a server action may be bundled apart, and
// they must see one queue and one set of processes per server.
import type { ChildProcess } from "node:child_process";

export type StagingRun = { child: ChildProcess; settled: Promise<void> };
type Registry = { queue: Promise<unknown>; running: Map<number, StagingRun>; owned: Set<number> };

export const stagingRegistry: Registry = ((globalThis as { __caseStaging?: Registry }).__caseStaging ??= {
  queue: Promise.resolve(),
  running: new Map(),
  owned: new Set(),
});
