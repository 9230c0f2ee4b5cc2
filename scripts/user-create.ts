// npm run user:create -- --role admin --username alice --name "张三" [--unit d08] [--password ...]
// Creates a user without the web UI: the first administrators of a new installation, and the
// only way to create a security administrator (--role security) or an audit administrator
// (--role auditor): 三员分立, a system administrator cannot make them in the browser
// (docs/access.md). --role admin (or system_admin) is the system administrator.
// Without --password, the password is read from the USER_PASSWORD variable
// (so it stays out of shell history).
import { parseArgs } from "node:util";
import { createUser, UserInputError } from "@/lib/access/accounts/create-user";
import { newUserSchema } from "@/lib/access/accounts/user-input";
import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ensureAuditKey } from "./auth-secret";

/** --role as typed: admin/system_admin, security/security_admin, auditor, official, department. */
function roleOf(value: string | undefined): string | undefined {
  const role = value?.trim().toUpperCase().replace(/-/g, "_");
  const aliases: Record<string, string> = { ADMIN: "SYSTEM_ADMIN", SECURITY: "SECURITY_ADMIN", AUDIT: "AUDITOR" };
  return role ? (aliases[role] ?? role) : undefined;
}

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    username: { type: "string" },
    name: { type: "string" },
    unit: { type: "string" },
    password: { type: "string" },
  },
});

const parsed = newUserSchema.safeParse({
  username: values.username,
  displayName: values.name ?? values.username,
  password: values.password ?? process.env.USER_PASSWORD,
  role: roleOf(values.role),
  unitCode: values.unit,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`[user:create] ${issue.path.join(".") || "input"}: ${issue.message}`);
  console.error(
    "usage: npm run user:create -- --role admin|security|auditor|official|department --username NAME --name 显示名 [--unit CODE] [--password PW | USER_PASSWORD=PW]",
  );
  process.exit(2);
}
// DATABASE_URL unset: the embedded database (the one `npm start` runs, reused if it is running).
let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  // The embedded database's audit key, as `npm start` keeps it (the event joins its chain).
  ensureAuditKey(".data");
  embedded = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir });
  url = embedded.url;
}
const prisma = createPrismaClient(url, 1);
try {
  const user = await createUser(prisma, parsed.data, null);
  console.log(`[user:create] 已创建 / created ${parsed.data.role} ${parsed.data.username} (id ${user.id})`);
} catch (error) {
  if (error instanceof UserInputError) {
    console.error(`[user:create] ${error.field}: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
