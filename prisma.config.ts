import { defineConfig } from "prisma/config";

// Prisma 7 reads the URL here, not from schema.prisma. A default keeps every
// prisma command (generate in particular) working when DATABASE_URL is unset:
// the app itself resolves its database in lib/db/index.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  },
});
