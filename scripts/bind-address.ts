// Which address `npm start` (and `npm run dev`) listen on: HOSTNAME, as Next's own standalone
// server reads it; by default 127.0.0.1, so that a fresh install is reachable only from the
// machine itself (serve it to others through the HTTPS reverse proxy, or set HOSTNAME=0.0.0.0).
// Login shells (RHEL's /etc/profile) and Docker export HOSTNAME as the machine's own name
// without anyone choosing a bind address: that value is ignored, with a note.
import os from "node:os";

export const DEFAULT_BIND_ADDRESS = "127.0.0.1";

export type BindAddress = { host: string; note?: string };

export function bindAddress(
  env: Partial<Record<string, string>> = process.env,
  machineName: string = os.hostname(),
): BindAddress {
  const given = env.HOSTNAME?.trim();
  if (!given) return { host: DEFAULT_BIND_ADDRESS };
  if (given === machineName) {
    return {
      host: DEFAULT_BIND_ADDRESS,
      note: `HOSTNAME=${given} 是本机名（由 shell 或 Docker 设置），已忽略；要监听所有网卡请设 HOSTNAME=0.0.0.0 / HOSTNAME is this machine's name (set by the shell or Docker): ignored; set HOSTNAME=0.0.0.0 to listen on every interface`,
    };
  }
  return { host: given };
}

/** The URL to print: a wildcard address is reached as localhost; IPv6 in brackets. */
export function displayUrl(host: string, port: string): string {
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
