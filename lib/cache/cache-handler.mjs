// The module next.config.ts names as `cacheHandler`. Next imports it at run time as plain
// JavaScript, outside its bundle; the handlers are TypeScript, loaded here through tsx (a
// dependency of `npm start` already), with relative imports only (no "@/" paths out here).
//   REDIS_URL set: ./redis-cache-handler.ts, shared by every instance;
//   else:          ./read-dated-file-system-cache.ts, Next's own file-system cache.
// Both date an entry by its oldest read, so a render that began before a publish is never
// kept after it (lib/queries/cache-tags.ts).
import { tsImport } from "tsx/esm/api";

const handler = process.env.REDIS_URL
  ? (await tsImport("./redis-cache-handler.ts", import.meta.url)).RedisCacheHandler
  : (await tsImport("./read-dated-file-system-cache.ts", import.meta.url)).ReadDatedFileSystemCache;
export default handler;
