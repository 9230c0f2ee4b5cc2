// npm run cluster [-- --rebuild] [-- --fresh]   bring the several-instances topology up, print
//                                               its URLs, stop it all on Ctrl-C
// npm run cluster -- stop                        stop a cluster left running (another terminal)
// npm run cluster -- status                      what is running
// npm run cluster -- purge                       stop it and delete its data
//
// From Debian's packages (apt-get install nginx redis-server postgresql-15): a PostgreSQL 15
// primary and a streaming replica (clusters of their own in CLUSTER_DIR, default
// $TMPDIR/dash-cluster, not the machine's), Redis, and nginx ending TLS and balancing three
// `next start` instances of one production build (.next-cluster). The primary is migrated and
// seeded (the demo accounts included) and archives its WAL. Ports: primary 5433, replica 5434,
// Redis 6380, nginx HTTPS 8443 (8444: instance 1 only; 8080: plain HTTP, redirects to 8443),
// instances 3601–3603 (CLUSTER_*_PORT, see scripts/cluster-topology.ts). The certificate is
// self-signed, made by openssl in CLUSTER_DIR/nginx/tls: a browser warns once.
// The topology and its tests: docs/deploying.md.
import {
  appUrl,
  clusterCertificate,
  clusterLayout,
  down,
  nginxHttpUrl,
  nginxSingleUrl,
  nginxUrl,
  primaryUrl,
  redisUrl,
  replicaUrl,
  status,
  up,
  walArchiveDir,
} from "./cluster-topology";

const args = process.argv.slice(2);
const known = new Set(["stop", "status", "purge", "--rebuild", "--fresh"]);
for (const a of args) {
  if (!known.has(a)) {
    console.error(`[cluster] unknown argument ${a} (use stop, status, purge, --rebuild, --fresh)`);
    process.exit(2);
  }
}
const layout = clusterLayout();

if (args.includes("stop") || args.includes("purge")) {
  await down(layout, { purge: args.includes("purge") });
  console.log(args.includes("purge") ? `[cluster] stopped; ${layout.dir} deleted` : "[cluster] stopped");
  process.exit(0);
}
if (args.includes("status")) {
  for (const [part, running] of Object.entries(status(layout)))
    console.log(`${running ? "running" : "stopped"}  ${part}`);
  process.exit(0);
}

let stopping: Promise<void> | undefined;
const stop = (signal: string) => {
  stopping ??= (async () => {
    console.log(`\n[cluster] ${signal}: stopping…`);
    await down(layout);
    console.log("[cluster] stopped");
    process.exit(0);
  })();
};
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => stop(s));

try {
  await up(layout, { rebuild: args.includes("--rebuild"), fresh: args.includes("--fresh") });
} catch (error) {
  console.error(`[cluster] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await down(layout);
  process.exit(1);
}

console.log(`
[cluster] up. Sign in as admin / admin-demo-2021 (demo accounts: README, Signing in).
  dashboard (nginx, HTTPS, ${layout.appPorts.length} instances) ${nginxUrl(layout)}
  nginx, instance 1 only               ${nginxSingleUrl(layout)}
  plain HTTP (redirects to HTTPS)      ${nginxHttpUrl(layout)}
  certificate (self-signed, trust it)  ${clusterCertificate(layout)}
${layout.appPorts.map((_, i) => `  instance ${i + 1}                           ${appUrl(layout, i)}`).join("\n")}
  PostgreSQL primary                   ${primaryUrl(layout)}
  PostgreSQL replica (streaming)       ${replicaUrl(layout)}
  Redis                                ${redisUrl(layout)}
  WAL archive (primary)                ${walArchiveDir(layout)}
  logs and data                        ${layout.dir}
Ctrl-C (or npm run cluster -- stop) stops everything; the data stays for the next start.`);

// Wait for Ctrl-C; leave when `npm run cluster -- stop` (another terminal) has stopped it all.
setInterval(() => {
  if (!stopping && !Object.values(status(layout)).some(Boolean)) {
    console.log("[cluster] stopped from elsewhere");
    process.exit(0);
  }
}, 2_000);
