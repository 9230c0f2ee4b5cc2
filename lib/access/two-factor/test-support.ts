// For the test runs, the bench and the cluster test: the code of the published demo secret
// (README) for a sign-in as one of the demo accounts. A code is accepted once per account (its
// time step is kept), so a second sign-in of the same account in the same 30 s waits for the next
// step; `usedStep` lets a caller that reads the database (e2e/accounts.ts) pass what the server
// has already taken.
import { DEMO_TOTP_SECRET, TOTP_PERIOD_SECONDS, timeStepAt, totpCode } from "@/lib/access/two-factor/totp";

const lastStep = new Map<string, number>();

export async function demoCodeFor(username: string, usedStep = -1): Promise<string> {
  for (;;) {
    const now = new Date();
    const step = timeStepAt(now);
    if (step > Math.max(lastStep.get(username) ?? -1, usedStep)) {
      lastStep.set(username, step);
      return totpCode(DEMO_TOTP_SECRET, now);
    }
    const nextStepAt = (step + 1) * TOTP_PERIOD_SECONDS * 1000;
    await new Promise((resolve) => setTimeout(resolve, nextStepAt - now.getTime() + 100));
  }
}
