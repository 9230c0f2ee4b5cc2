// This server's stagings: the queue (one at a time), the staging processes running and the
// uploads it queued. On globalThis: a route handler and a server action may be bundled apart, and
// they must see one queue and one set of processes per server.
import type { ChildProcess } from "node:child_process";

export type StagingRun = { child: ChildProcess; settled: Promise<void> };
/** owned: upload id → stagings of it queued here and not yet over (a remap queues one while the last ends). */
type Registry = { queue: Promise<unknown>; running: Map<number, StagingRun>; owned: Map<number, number> };

export const stagingRegistry: Registry = ((globalThis as { __caseStaging?: Registry }).__caseStaging ??= {
  queue: Promise.resolve(),
  running: new Map(),
  owned: new Map(),
});

export function ownStaging(id: number): void {
  stagingRegistry.owned.set(id, (stagingRegistry.owned.get(id) ?? 0) + 1);
}
export function releaseStaging(id: number): void {
  const left = (stagingRegistry.owned.get(id) ?? 1) - 1;
  if (left > 0) stagingRegistry.owned.set(id, left);
  else stagingRegistry.owned.delete(id);
}
