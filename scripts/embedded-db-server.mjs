// The embedded database's own process, started by lib/db/embedded.ts (not by
// hand): PGlite on disk behind PGLiteSocketServer from @electric-sql/pglite-socket,
// i.e. what the package's `pglite-server` CLI does, plus what a child of ours
// needs: it reports its port over IPC once it listens, and it shuts down
// cleanly (closing PGlite, so the data directory stays consistent) on SIGTERM,
// SIGINT, or when its parent goes away (IPC disconnect).
//
// Usage: node scripts/embedded-db-server.mjs '{"dataDir":"…","port":0,"host":"127.0.0.1","maxConnections":32}'
//        node scripts/embedded-db-server.mjs '{"dataDir":"…","initOnly":true}'   (initdb, then exit)
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepBatchesWhole } from "./pglite-batch-affinity.mjs";

const options = JSON.parse(process.argv[2] ?? "{}");
const send = (message) => {
  if (process.send && process.connected) process.send(message);
};

let db;
let server;
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  try {
    if (server) await server.stop();
    if (db) await db.close();
  } catch (error) {
    console.error("[embedded-db] error while stopping:", error);
    code = code || 1;
  }
  process.exit(code);
}

process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
process.on("disconnect", () => void shutdown(0));

try {
  db = await PGlite.create(options.dataDir ?? "memory://");
  if (options.initOnly) {
    // Used to make a template data directory (initdb only), then exit.
    await db.close();
    process.exit(0);
  }
  server = new PGLiteSocketServer({
    db,
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    maxConnections: options.maxConnections ?? 32,
  });
  keepBatchesWhole(server);
  server.addEventListener("error", (event) => console.error("[embedded-db] socket server error:", event.detail));
  await server.start();
  // getServerConn() is "host:port" once listening (port 0 resolved by the OS).
  const port = Number(server.getServerConn().split(":").at(-1));
  send({ type: "ready", port, pid: process.pid });
} catch (error) {
  console.error("[embedded-db] failed to start:", error);
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  await shutdown(1);
}
