import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, type AccountKey, fillSignInForm, storageStateOf } from "./accounts";

// Signs in once per demo account through the real sign-in page (password and, since issue 22,
// the demo secret's one-time code) and keeps the session cookie for the specs.
for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
  setup(`sign in as ${key}`, async ({ page }) => {
    const account = ACCOUNTS[key];
    await page.goto("/signin");
    await fillSignInForm(page, account.username, account.password);
    await page.getByRole("button", { name: "登录" }).click();
    // Department and county users land on their own unit, the security and audit administrators
    // on their own pages, everyone else on the city.
    await expect(page).toHaveURL(
      key === "gaj"
        ? /\/\d{4}-\d{2}\/units\/d08$/
        : key === "xuanhan"
          ? /\/\d{4}-\d{2}\/units\/x04$/
          : key === "security"
            ? /\/admin\/security$/
            : key === "auditor"
              ? /\/admin\/audit$/
              : /\/\d{4}-\d{2}$/,
    );
    await expect(page.getByTestId("viewer-name")).toHaveText(account.name);
    await page.context().storageState({ path: storageStateOf(key) });
  });
}
