import { test as setup } from "@playwright/test";
import { ensureReconciliationMonth } from "./reconciliation-month";

// The reconciliation specs' month (reconciliation-month.ts), made once before any spec asks for it.
// The specs still ensure it (a run of one spec by hand), and find it made. On PGlite an advisory lock
// does not exclude another client (lib/db/embedded.ts), so specs in two workers could both set it up
// at once: made here, no spec ever sets it up while another one does.
setup("the reconciliation month", async () => {
  setup.setTimeout(120_000);
  await ensureReconciliationMonth();
});
