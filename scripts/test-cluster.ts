// npm run test:cluster [-- --reuse]
//
// The tests of the several-instances topology (test/cluster/, docs/deploying.md): brings
// a fresh cluster up (scripts/cluster-topology.ts) in CLUSTER_DIR (default
// $TMPDIR/dash-cluster-test), runs them, then stops it and deletes its data, pass or fail
// (its logs are kept in test-results/cluster-logs/; the figures in test-results/cluster.json).
// --reuse: test the cluster `npm run cluster` is running (CLUSTER_DIR as it uses), leave it up.
// Needs Debian's postgresql-15, redis-server, nginx and chromium; takes 3–6 minutes on 2 cores
// (a build into .next-cluster first, if there is none). Not part of `npm test`.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ClusterLayout, clusterCertificate, clusterLayout, down, status, up } from "./cluster-topology";
import { onTerminate, root, runTool } from "./process-utils";

const reuse = process.argv.includes("--reuse");
if (!reuse) process.env.CLUSTER_DIR ??= path.join(tmpdir(), "dash-cluster-test");
const layout = clusterLayout();

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function busyPorts(l: ClusterLayout): Promise<number[]> {
  const ports = [
    l.primaryPort,
    l.replicaPort,
    l.redisPort,
    l.nginxPort,
    l.nginxSinglePort,
    l.nginxHttpPort,
    ...l.appPorts,
  ];
  const busy = await Promise.all(ports.map(async (p) => ((await portInUse(p)) ? p : null)));
  return busy.filter((p): p is number => p !== null);
}

async function main(): Promise<number> {
  if (!reuse) {
    const busy = await busyPorts(layout);
    if (busy.length > 0) {
      console.error(
        `[test:cluster] ports in use: ${busy.join(", ")} (a cluster already running? npm run cluster -- stop, or use --reuse)`,
      );
      return 1;
    }
    onTerminate(() => down(layout, { purge: true }));
    await up(layout, { fresh: true });
  } else if (!Object.values(status(layout)).every(Boolean)) {
    console.error(
      `[test:cluster] --reuse: the cluster in ${layout.dir} is not fully running (npm run cluster -- status)`,
    );
    return 1;
  }
  return runTool("vitest", "vitest", ["run", "-c", "vitest.cluster.config.ts"], {
    ...process.env,
    CLUSTER_DIR: layout.dir,
    // nginx's self-signed certificate: the tests' fetch and load generator trust it (no
    // verification turned off).
    NODE_EXTRA_CA_CERTS: clusterCertificate(layout),
  });
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[test:cluster] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  if (!reuse) {
    await down(layout, { purge: false });
    // The instances', nginx's and PostgreSQL's logs outlive the cluster, for a failure's post-mortem.
    const logs = path.join(root, "test-results", "cluster-logs");
    rmSync(logs, { recursive: true, force: true });
    mkdirSync(logs, { recursive: true });
    for (const file of [
      "app-1.log",
      "app-2.log",
      "app-3.log",
      "redis.log",
      "nginx/error.log",
      "pg/primary.log",
      "pg/replica.log",
    ]) {
      if (existsSync(path.join(layout.dir, file)))
        cpSync(path.join(layout.dir, file), path.join(logs, file.replace("/", "-")));
    }
    await down(layout, { purge: true });
  }
}
process.exit(code);
