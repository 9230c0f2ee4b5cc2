// A counter of this process's report-data writes (publish, rollback, settings, texts): what
// remembers facts about the data in memory (the gate's page-existence memo) forgets them when it
// moves. Bumped by expireReportData; on globalThis because the proxy and the app are bundled
// apart but share one process. Other instances learn of a write through their memo's TTL.
const store = globalThis as unknown as { __dashboardDataGeneration?: number };

export function dataGeneration(): number {
  return store.__dashboardDataGeneration ?? 0;
}

export function bumpDataGeneration(): void {
  store.__dashboardDataGeneration = dataGeneration() + 1;
}
