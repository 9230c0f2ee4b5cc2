// nginx in front of the app, ending TLS (issue 22, 数据传输的保密性和完整性): the one place its
// configuration is written. scripts/cluster-topology.ts (npm run cluster) and the test that
// runs in CI (scripts/nginx-conf.test.ts, the real nginx binary) both use nginxConf(), so the
// test checks what the cluster serves. docs/deploying.md explains each choice.
//
// - HTTPS only: TLS 1.2 and 1.3; on TLS 1.2 only ECDHE key exchange (forward secrecy) with AEAD
//   ciphers (AES-GCM, ChaCha20-Poly1305). No TLS 1.0/1.1, no CBC, no RSA key exchange.
// - HSTS (one year) from nginx on every answer, its own error pages included; the app's copy is
//   hidden so that the browser gets one header.
// - Plain HTTP answers 308 to the same URL over HTTPS (308 keeps the method and body of a POST).
// - The app is told the request came over HTTPS (X-Forwarded-Proto), and the client's address
//   (X-Forwarded-For): the app believes them with TRUSTED_PROXY_COUNT=1 (lib/access/client-address.ts).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { HSTS_VALUE } from "../lib/http/security-headers";

// One year, as 等保 assessors and browsers' preload lists expect at least: the app's own value.
export { HSTS_VALUE };

/** TLS 1.2's cipher suites: ECDHE with AEAD only (TLS 1.3's suites are all AEAD, OpenSSL's defaults). */
export const TLS12_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

export interface NginxUpstream {
  name: string;
  /** "127.0.0.1:3601" with nginx's server parameters if any ("… max_fails=1 fail_timeout=5s"). */
  servers: string[];
}

export interface NginxConfOptions {
  /** nginx's prefix: pid file, error log and temp directories live here. */
  dir: string;
  /** The address nginx listens on (127.0.0.1 for the cluster and the tests). */
  address: string;
  upstreams: NginxUpstream[];
  /** HTTPS servers: a port each, proxying to one upstream. */
  https: { port: number; upstream: string }[];
  /** Plain HTTP on `port`: every request answered 308 to the same path on HTTPS port `to`. */
  httpRedirect?: { port: number; to: number };
  tls: TlsFiles;
}

export interface TlsFiles {
  certificate: string;
  key: string;
}

export function nginxConf(o: NginxConfOptions): string {
  const proxy = `
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # Always https here (these servers listen with TLS only); overwrites whatever a client sent.
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Port $server_port;
      # An instance that refuses, resets or times out: the request goes to the next one.
      # Only idempotent requests are retried (POSTs are not, as nginx does by default).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      # Whole pages (up to ~400 kB) in memory: no temp files.
      proxy_buffer_size 64k;
      proxy_buffers 16 64k;
      proxy_busy_buffers_size 128k;
      proxy_max_temp_file_size 0;`;
  const upstreams = o.upstreams
    .map(
      (u) => `  upstream ${u.name} {
${u.servers.map((s) => `    server ${s};`).join("\n")}
    keepalive 64;
    # Shorter than Node's 5 s keep-alive: nginx never reuses a connection the instance is closing.
    keepalive_timeout 4s;
  }`,
    )
    .join("\n");
  const https = o.https
    .map(
      (s) => `  server {
    listen ${o.address}:${s.port} ssl;
    # nginx ends TLS, so nginx sends HSTS: on every answer ("always": its own 502 too). The app
    # sends its own when told https (next.config.ts); hidden here, or the browser would get two.
    proxy_hide_header Strict-Transport-Security;
    add_header Strict-Transport-Security "${HSTS_VALUE}" always;
    location / {
      proxy_pass http://${s.upstream};${proxy}
    }
  }`,
    )
    .join("\n");
  const redirect = o.httpRedirect
    ? `  server {
    listen ${o.address}:${o.httpRedirect.port};
    # Nothing is served over plain HTTP: the same URL over HTTPS ($host has no port).
    return 308 https://$host${o.httpRedirect.to === 443 ? "" : `:${o.httpRedirect.to}`}$request_uri;
  }
`
    : "";
  const d = (name: string) => path.join(o.dir, name);
  return `# written by scripts/nginx-conf.ts
worker_processes auto;
pid ${d("nginx.pid")};
error_log ${d("error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${d("client_body")};
  proxy_temp_path ${d("proxy")};
  fastcgi_temp_path ${d("fastcgi")};
  uwsgi_temp_path ${d("uwsgi")};
  scgi_temp_path ${d("scgi")};
  client_max_body_size 64m;
  gzip off;
  server_tokens off;

  ssl_certificate ${o.tls.certificate};
  ssl_certificate_key ${o.tls.key};
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_ciphers ${TLS12_CIPHERS};
  # Every suite offered is strong: the client's preference decides (its hardware may lack AES).
  ssl_prefer_server_ciphers off;
  ssl_ecdh_curve X25519:prime256v1:secp384r1;
  ssl_session_cache shared:TLS:10m;
  ssl_session_timeout 1d;
  # Tickets would reuse one key for every session until nginx restarts (no forward secrecy).
  ssl_session_tickets off;

${upstreams}
${https}
${redirect}}
`;
}

/** nginx's binary (Debian's package), or null when it is not installed. */
export function nginxBinary(): string | null {
  if (existsSync("/usr/sbin/nginx")) return "/usr/sbin/nginx";
  return spawnSync("nginx", ["-v"]).status === 0 ? "nginx" : null;
}

/** Whether the openssl command line is there (it makes the test certificate). */
export function hasOpenssl(): boolean {
  return spawnSync("openssl", ["version"]).status === 0;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost (ECDSA P-256, 30 days), for the
 * cluster and the tests: made by the openssl command line in `dir` (a temporary directory,
 * never the repository). Kept when it is there already. A real installation uses the
 * certificate its CA issued (docs/deploying.md).
 */
export function makeTestCertificate(dir: string): TlsFiles {
  const files = { certificate: path.join(dir, "cert.pem"), key: path.join(dir, "key.pem") };
  if (existsSync(files.certificate) && existsSync(files.key)) return files;
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-sha256",
      "-days",
      "30",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      files.key,
      "-out",
      files.certificate,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0)
    throw new Error(`openssl req failed (exit ${result.status}): ${result.stderr ?? ""}${result.error?.message ?? ""}`);
  chmodSync(files.key, 0o600);
  return files;
}
