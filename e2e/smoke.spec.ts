import { expect, test } from "@playwright/test";

// Placeholder smoke test: the home page answers without a server error.
test("home page responds", async ({ page }) => {
  const response = await page.goto("/");
  expect(response, "no response for /").not.toBeNull();
  expect(response!.status()).toBeLessThan(500);
});
