// The boundaries of docs/architecture.md are lint rules (biome.jsonc): this proves they hold, so a
// typo in the configuration cannot switch them off unseen. Each probe is a real file in the tree,
// linted by the project's own Biome, then removed.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** The rules the linter names for `source` placed at `file` (relative to the repository). */
function lintAt(file: string, source: string): string[] {
  const probe = path.join(root, file);
  mkdirSync(path.dirname(probe), { recursive: true });
  writeFileSync(probe, source);
  try {
    const result = spawnSync(path.join(root, "node_modules/.bin/biome"), ["lint", "--reporter=github", file], {
      cwd: root,
      encoding: "utf8",
    });
    return [...result.stdout.matchAll(/title=(lint\/[\w/]+)/g)].map((m) => m[1] ?? "");
  } finally {
    rmSync(probe);
  }
}

const importing = (specifier: string) => `import { probe } from "${specifier}";\nexport const used = probe;\n`;
const CROSSED = "lint/style/noRestrictedImports";

describe("capabilities meet only through their entry modules", () => {
  test("a file of another capability is refused, by alias or relative path", () => {
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("@/lib/annex-upload/parse/parse"))).toContain(CROSSED);
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("../annex-upload/parse/parse"))).toContain(CROSSED);
    expect(lintAt("lib/export/zz-probe.ts", importing("@/lib/bulletin/build/bulletin"))).toContain(CROSSED);
    // Supervision (issue 20) reaches the case records through their entry only.
    expect(lintAt("lib/supervision/zz-probe.ts", importing("@/lib/case-records/import/parse"))).toContain(CROSSED);
    expect(lintAt("lib/supervision/zz-probe.ts", importing("@/lib/case-records"))).toEqual([]);
    // supervision (issue 20) is a capability like the others, both ways.
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("@/lib/supervision/cards/card-sql"))).toContain(CROSSED);
    expect(lintAt("lib/supervision/zz-probe.ts", importing("@/lib/case-records/import/rollups"))).toContain(CROSSED);
    // 整改 (issue 21): its files are its own, and it reaches others through their entries too.
    expect(lintAt("lib/bulletin/zz-probe.ts", importing("@/lib/rectification/answers"))).toContain(CROSSED);
    expect(lintAt("lib/rectification/zz-probe.ts", importing("@/lib/bulletin/build/bulletin"))).toContain(CROSSED);
    expect(lintAt("lib/indicators/zz-probe.ts", importing("@/lib/rectification"))).toContain(CROSSED);
  });
  test("the entry module and the capability's own files are allowed", () => {
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("@/lib/annex-upload"))).toEqual([]);
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("@/lib/month-versions/server"))).toEqual([]);
    expect(lintAt("lib/dashboard/zz-probe.ts", importing("@/lib/dashboard/sections/problems"))).toEqual([]);
    expect(lintAt("lib/supervision/zz-probe.ts", importing("@/lib/dashboard/server"))).toEqual([]);
    expect(lintAt("lib/supervision/zz-probe.ts", importing("@/lib/supervision/cards/card-sql"))).toEqual([]);
    expect(lintAt("lib/bulletin/zz-probe.ts", importing("@/lib/rectification"))).toEqual([]);
    expect(lintAt("lib/rectification/zz-probe.ts", importing("@/lib/rectification/summary"))).toEqual([]);
  });
  test("a test may reach into any capability to set up what it needs", () => {
    expect(lintAt("lib/dashboard/zz-probe.test.ts", importing("@/lib/annex-upload/parse/parse"))).toEqual([]);
  });
});

describe("the direction of dependencies", () => {
  test("lib never imports components", () => {
    expect(lintAt("lib/bulletin/zz-probe.ts", importing("@/components/ui/locale-link"))).toContain(CROSSED);
  });
  test("indicators, i18n and calendar touch no database and no capability", () => {
    expect(lintAt("lib/indicators/zz-probe.ts", importing("@/lib/db"))).toContain(CROSSED);
    expect(lintAt("lib/i18n/zz-probe.ts", importing("pg"))).toContain(CROSSED);
    expect(lintAt("lib/calendar/zz-probe.ts", importing("@/lib/month-versions"))).toContain(CROSSED);
    expect(lintAt("lib/calendar/zz-probe.ts", importing("@/lib/supervision"))).toContain(CROSSED);
  });
  test("pages, routes and components read through their capability, never the database client", () => {
    expect(lintAt("app/zz-probe.ts", importing("@/lib/db"))).toContain(CROSSED);
    expect(lintAt("components/ui/zz-probe.tsx", importing("@/lib/db"))).toContain(CROSSED);
  });
});
