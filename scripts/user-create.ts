// npm run user:create -- --role admin --username alice --name "张三" [--unit d08] [--password ...]
// Creates a user without the web UI: the first admin of a new installation.
// Without --password, the password is read from the USER_PASSWORD variable
// (so it stays out of shell history).
import { parseArgs } from "node:util";
import { createUser, UserInputError } from "@/lib/access/accounts/create-user";
import { newUserSchema } from "@/lib/access/accounts/user-input";
import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";

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
  role: values.role?.toUpperCase(),
  unitCode: values.unit,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`[user:create] ${issue.path.join(".") || "input"}: ${issue.message}`);
  console.error(
    "usage: npm run user:create -- --role admin|official|department --username NAME --name 显示名 [--unit CODE] [--password PW | USER_PASSWORD=PW]",
  );
  process.exit(2);
}
// DATABASE_URL unset: the embedded database (the one `npm start` runs, reused if it is running).
let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
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
