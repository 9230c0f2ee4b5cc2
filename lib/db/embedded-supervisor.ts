// `npm start`'s embedded database, supervised. Its process can die under the server (killed,
// out of memory, a PGlite abort); before, every request then answered 500 until someone
// restarted everything by hand (issue 19, item 10). Now it is started again on the same data
// directory and the same port — the URL every child was given stays right — a bounded number of
// times in a window; past that the owner is told to give up (npm start exits non-zero with a
// message saying so) rather than serve errors.
import {
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
  startEmbeddedDatabase,
  waitForDatabase,
} from "./embedded";

export type SupervisedOptions = EmbeddedDatabaseOptions & {
  /** Restarts allowed within `windowMs` (default 3 in 10 minutes). */
  maxRestarts?: number;
  windowMs?: number;
  /** Called once when the database died and is not restarted (again); the caller should exit non-zero. */
  onGiveUp: (message: string) => void;
};

export interface SupervisedDatabase {
  url: string;
  readonly dataDir: string;
  /** The current server process. */
  readonly pid: number | undefined;
  /** Restarts made so far. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export async function startSupervisedEmbeddedDatabase(options: SupervisedOptions): Promise<SupervisedDatabase> {
  const log = options.log ?? (() => {});
  const maxRestarts = options.maxRestarts ?? 3;
  const windowMs = options.windowMs ?? 10 * 60_000;
  let current: EmbeddedDatabase = await startEmbeddedDatabase(options);
  if (current.reused) {
    // Another process owns it and supervises it; we only use it.
    return { url: current.url, dataDir: current.dataDir, pid: current.pid, restarts: 0, stop: () => current.stop() };
  }
  const port = current.port;
  const restartTimes: number[] = [];
  let stopping = false;
  let restarting: Promise<void> | undefined;

  const watch = (db: EmbeddedDatabase) => {
    void db.exited.then(({ code, signal }) => {
      if (stopping || db !== current) return;
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const now = Date.now();
      while (restartTimes.length > 0 && now - restartTimes[0]! > windowMs) restartTimes.shift();
      if (restartTimes.length >= maxRestarts) {
        options.onGiveUp(
          `内置数据库进程意外终止（${how}），${Math.round(windowMs / 60_000)} 分钟内已重启 ${restartTimes.length} 次，不再重启；请检查 ${db.dataDir} 与日志后重新运行 npm start。 / ` +
            `the embedded database process died (${how}) after ${restartTimes.length} restarts in ${Math.round(windowMs / 60_000)} min; not restarting it again. Check ${db.dataDir} and the log, then run npm start again.`,
        );
        return;
      }
      restartTimes.push(now);
      log(
        `内置数据库进程意外终止（${how}），正在重启（第 ${restartTimes.length} 次）… / the embedded database died (${how}); restarting it (${restartTimes.length}/${maxRestarts})`,
      );
      restarting = (async () => {
        try {
          const next = await startEmbeddedDatabase({ ...options, port });
          current = next;
          await waitForDatabase(next.url, 30_000);
          log(`内置数据库已重启 / the embedded database is back (pid ${next.pid}, port ${next.port})`);
          if (stopping) await next.stop();
          else watch(next);
        } catch (error) {
          options.onGiveUp(
            `内置数据库进程意外终止（${how}），重启失败：${String(error)} / the embedded database died (${how}) and did not restart: ${String(error)}`,
          );
        }
      })();
    });
  };
  watch(current);

  return {
    url: current.url,
    get dataDir() {
      return current.dataDir;
    },
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restartTimes.length;
    },
    async stop() {
      stopping = true;
      await restarting?.catch(() => {});
      await current.stop();
    },
  };
}
