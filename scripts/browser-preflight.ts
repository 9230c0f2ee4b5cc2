// Before `npm test` spends minutes on unit tests and a build, make sure the browser tests can
// run at all: Debian's Chromium (Playwright's own download does not work offline) and CJK fonts
// (screenshots and axe's contrast checks read Chinese text). Installs them as .ci/run does when
// it can (root with apt-get); otherwise stops at once with the one command to run.
import { execFileSync, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL = ["apt-get", "install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont(): boolean {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim().length > 0;
}

/** What is missing for the browser tests, in words ([] when nothing is). */
export function missingForBrowserTests(): string[] {
  const missing: string[] = [];
  if (!executable(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
  if (!hasCjkFont()) missing.push("CJK fonts (fonts-noto-cjk)");
  return missing;
}

/** Returns null when the browser tests can run, else the message to stop with. */
export function ensureBrowserTestsCanRun(log: (message: string) => void): string | null {
  let missing = missingForBrowserTests();
  if (missing.length === 0) return null;
  const canInstall = process.getuid?.() === 0 && executable("/usr/bin/apt-get");
  if (canInstall && !process.env.CHROMIUM_PATH) {
    log(`安装浏览器与中文字体 / installing ${missing.join(", ")} with apt-get`);
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      execFileSync("apt-get", ["update"], { stdio: "inherit", env });
      execFileSync(INSTALL[0]!, INSTALL.slice(1), { stdio: "inherit", env });
    } catch (error) {
      return `apt-get failed (${error instanceof Error ? error.message : String(error)})`;
    }
    missing = missingForBrowserTests();
    if (missing.length === 0) return null;
  }
  return [
    `缺少端到端测试所需的 ${missing.join("、")} / the browser tests need ${missing.join(", ")}.`,
    `Install them once (as root): sudo apt-get update && sudo ${INSTALL.join(" ")}`,
    "or point CHROMIUM_PATH at a Chromium binary; or run only the unit tests: npm test -- --no-e2e",
  ].join("\n");
}
