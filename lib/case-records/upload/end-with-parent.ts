// The staging process ends with the server that started it. A `kill -9` of the server closes no
// handler of ours, and the staging's own thread can be busy for minutes in one synchronous parse
// (an IPC "disconnect" or a timer there would never run), so a thread of its own watches the
// parent: once this process has been re-parented (the server died), it kills the whole process.
// The advisory lock goes with its connection; the next server start (or the next read of the
// list) finds the upload orphaned and drops its tables (lifecycle.ts, cleanUpOrphanedCaseStaging).
import { Worker } from "node:worker_threads";

const WATCH = `
const { workerData } = require("node:worker_threads");
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(workerData.pid, "SIGKILL");
}, 250);
`;

/** `parent`: the pid of the server that started us (it may have died before this process got here). */
export function endWithParent(parent: number): void {
  if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
  const worker = new Worker(WATCH, { eval: true, workerData: { parent, pid: process.pid } });
  // It must not keep the process alive once the staging is done.
  worker.unref();
}
