import type { Page } from "@playwright/test";

/**
 * Mounts every chart of the page: scrolls through it a screen at a time, so that each lazily
 * mounted chart comes near the viewport (components/charts/lazy-charts.tsx: within 300 px), then
 * back to the top; then waits until no chart placeholder is left and every chart has drawn its SVG.
 */
export async function mountCharts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(
    () =>
      document.querySelectorAll(".animate-pulse[aria-hidden]").length === 0 &&
      [...document.querySelectorAll(".recharts-responsive-container")].every((c) => c.querySelector("svg")),
  );
}
