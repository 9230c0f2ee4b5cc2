import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { budgetedPaths, PAGE_BYTE_BUDGETS_KB } from "../bench/page-budgets";

// Issue 23: the pages' weight is a budget, not a hope. The HTML of the officials' home, 市本级
// and the bulletin page, as the official gets it, stays within bench/page-budgets.ts; the bench
// (npm run bench) reports the same bytes beside each page's throughput.
test("the home, 市本级 and the bulletin page stay within their byte budgets", async ({ page }) => {
  const paths = budgetedPaths("2021-06");
  const sizes: string[] = [];
  for (const [id, path] of Object.entries(paths) as Array<[keyof typeof PAGE_BYTE_BUDGETS_KB, string]>) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const body = await response.body();
    const text = body.toString("utf8");
    // The page with its figures, not an error or sign-in page that would be light for another reason.
    expect(text, path).toContain(id === "bulletin" ? 'data-testid="bulletin"' : "data-kpi-value");
    sizes.push(`${path} ${(body.length / 1000).toFixed(1)} kB (gzip ${(gzipSync(body).length / 1000).toFixed(1)} kB)`);
    expect(body.length / 1000, `${path}: HTML of ${body.length} bytes`).toBeLessThanOrEqual(PAGE_BYTE_BUDGETS_KB[id]);
  }
  console.log(`[page-bytes] ${sizes.join("; ")}`);
});
