// The demo accounts (prisma/seed-data/demo-users.ts) have published passwords and a published
// second factor (README). In production mode they are refused unless ALLOW_DEMO_ACCOUNTS=1, which
// the embedded demo (`npm start` without DATABASE_URL) and the test runs set: a real deployment
// seeded by mistake with them does not let anyone in with the README's credentials.
import { DEMO_USERS } from "@/prisma/seed-data/demo-users";

export function demoAccountsRefused(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production" && env.ALLOW_DEMO_ACCOUNTS !== "1";
}

/** Is this the README's username and password? */
export function isDemoCredential(username: string, password: string): boolean {
  return DEMO_USERS.some((u) => u.username === username && u.password === password);
}
