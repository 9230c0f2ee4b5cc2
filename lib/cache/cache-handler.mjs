// The module next.config.ts names as `cacheHandler` when REDIS_URL is set. Next imports it at
// run time as plain JavaScript, outside its bundle; the handler itself is TypeScript
// (./redis-cache-handler.ts), loaded here through tsx, a dependency of `npm start` already.
import { tsImport } from "tsx/esm/api";

const { RedisCacheHandler } = await tsImport("./redis-cache-handler.ts", import.meta.url);
export default RedisCacheHandler;
