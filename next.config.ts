import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // npm test builds into its own directory so that it never replaces the build `npm start` serves.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Prisma's generated client and pg stay server-side Node modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  typedRoutes: false,
};

export default nextConfig;
