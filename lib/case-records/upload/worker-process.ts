// The staging process seen from outside it: is a pid alive, is it our staging script (before a
// pid recorded on a CaseUpload is killed: after a restart the number may name another process).
import { readFileSync } from "node:fs";

export function processAlive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True only when /proc says the pid runs scripts/stage-case-upload.ts (false where it cannot tell). */
export function isStagingProcess(pid: number | null | undefined): boolean {
  if (!pid || !processAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("stage-case-upload");
  } catch {
    return false;
  }
}

/** Kills a staging process left running, if the pid still names one. */
export function killStagingProcess(pid: number | null | undefined): boolean {
  if (!isStagingProcess(pid)) return false;
  try {
    process.kill(pid!, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}
