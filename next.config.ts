import { existsSync } from "node:fs";
import path from "node:path";
import type { NextConfig } from "next";
import { MAX_UPLOAD_BODY_BYTES } from "./lib/annex-upload/parse/limits";
import { ANSWER_BODY_LIMIT } from "./lib/rectification/limits";

// A build into another directory (npm test: .next-test, npm run bench: .next-bench)
// type-checks with its own tsconfig, so the generated route types of one build
// never meet those of another.
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const ownTsconfig = `tsconfig.${distDir.replace(/^\.next-?/, "")}.json`;
const tsconfigPath = distDir !== ".next" && existsSync(ownTsconfig) ? ownTsconfig : "tsconfig.json";

// Both cache handlers date every entry by its oldest read, so that a render that began before a
// publish is never kept after it (lib/cache/cache-tags.ts). Several instances
// (docs/deploying.md): with REDIS_URL, prerendered pages and cached reads live in Redis,
// shared by every instance, so that a publish on one expires them for all; no instance keeps a
// private in-memory copy. Without it, Next's own file-system cache, read-dated
// (lib/cache/read-dated-file-system-cache.mjs). Read when the server starts, so one build serves
// either way. ('use cache' is not used here, so `cacheHandlers` is left at its default.)
const sharedCache: Partial<NextConfig> = process.env.REDIS_URL
  ? { cacheHandler: path.join(process.cwd(), "lib/cache/cache-handler.mjs"), cacheMaxMemorySize: 0 }
  : { cacheHandler: path.join(process.cwd(), "lib/cache/read-dated-file-system-cache.mjs") };

const nextConfig: NextConfig = {
  ...sharedCache,
  reactStrictMode: true,
  // proxy.ts rewrites every page request to its language's tree (/zh-CN/…, /en/…). Without this,
  // Next re-serialises a rewrite's URL with "localhost" for 127.0.0.1 (where `npm start` and the
  // tests listen), then takes it for another origin and proxies it out ("Failed to proxy",
  // socket hang up). With it, the proxy sees the request as sent (the path it decides on is the
  // same; RSC requests keep their _rsc query and router headers) and its URLs are used as
  // written (docs/language.md).
  skipProxyUrlNormalize: true,
  poweredByHeader: false,
  // npm test builds into its own directory so that it never replaces the build `npm start` serves.
  distDir,
  typescript: { tsconfigPath },
  // Database drivers and the native password hash stay plain Node modules.
  // The case import (lib/case-records, run by /api/cases) too: chinese-days ships an ES module that
  // Turbopack refuses to bundle as CommonJS; pg-copy-streams, iconv-lite and yauzl are plain Node code.
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@node-rs/argon2",
    "exceljs",
    "redis",
    "chinese-days",
    "pg-copy-streams",
    "iconv-lite",
    "yauzl",
  ],
  experimental: {
    authInterrupts: true,
    // The proxy buffers a request's body up to this size (default 10 MB) and passes on only
    // that much: an upload of several files (4 × 10 MB) must reach POST /api/uploads whole,
    // which answers a larger one with a 413 naming the limit.
    proxyClientMaxBodySize: MAX_UPLOAD_BODY_BYTES,
    // A 整改 answer carries its evidence (lib/rectification/attachments.ts): up to 2 × 5 MB.
    serverActions: { bodySizeLimit: ANSWER_BODY_LIMIT },
  },
  // Security headers are set on every response as it arrives (lib/http/security-headers.ts), not
  // by headers() rules that Next would match and compile per request. ETags are off: Next hashes
  // every response's whole HTML in JavaScript to make one (about 10 % of a cached page's CPU in a
  // profile, issue 23), for a 304 that only a revisit of an unchanged page could use.
  generateEtags: false,
};

export default nextConfig;
