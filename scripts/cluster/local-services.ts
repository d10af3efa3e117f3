// Throwaway PostgreSQL, Redis and haproxy on loopback, in a temporary folder, from Debian's packages:
// for the PostgreSQL contract suite, the cluster test, `npm run bench -- --cluster` and
// `npm run cluster`. Nothing here is used by a server in production. PostgreSQL refuses to run as
// root, so as root it runs as the `postgres` user (runuser), in a folder that user owns.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Debian's PostgreSQL binaries (the newest installed version), or null when none is installed. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(a) - Number(b));
  const v = versions[versions.length - 1];
  return v ? path.join(root, v, "bin") : null;
}

function onPath(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin").split(":").concat(["/usr/sbin", "/usr/bin"])) {
    const p = path.join(dir, cmd);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

/** What is missing to run the services here (empty: everything is installed). */
export function missingServices(wanted: ("postgresql" | "redis-server" | "haproxy")[]): string[] {
  return wanted.filter((w) => (w === "postgresql" ? !postgresBinDir() : !onPath(w)));
}

const asRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary as the user that owns the cluster (postgres when we are root). */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

/** A folder for the services, which the postgres user may traverse. */
export function serviceFolder(prefix = "seance-svc-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o711);
  return dir;
}

export interface LocalPostgres {
  /** postgresql://postgres@127.0.0.1:port/<database> */
  urlFor(database: string): string;
  port: number;
  dir: string;
  /** CREATE DATABASE name (TEMPLATE template). */
  createDatabase(name: string, template?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * initdb + pg_ctl start in `dir/pg`, listening on 127.0.0.1 only, trust authentication. `fsync`
 * off is for tests that do not claim durability; the cluster's crash test keeps it on.
 */
export async function startPostgres(opts: { dir: string; port?: number; fsync?: boolean; maxConnections?: number }): Promise<LocalPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const port = opts.port ?? (await freePort());
  const data = path.join(opts.dir, "pg");
  const sock = path.join(opts.dir, "pg-socket");
  fs.mkdirSync(sock, { recursive: true });
  fs.mkdirSync(data, { recursive: true, mode: 0o700 });
  if (asRoot()) await run("chown", ["postgres:postgres", sock, data]);
  const [initCmd, initArgs] = pgCommand(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  await run(initCmd, initArgs);
  const options = [
    `-p ${port}`,
    `-k ${sock}`,
    "-c listen_addresses=127.0.0.1",
    `-c fsync=${opts.fsync === false ? "off" : "on"}`,
    `-c synchronous_commit=${opts.fsync === false ? "off" : "on"}`,
    `-c max_connections=${opts.maxConnections ?? 200}`,
  ].join(" ");
  // The log goes beside the data, in a file the postgres user may write.
  const logFile = path.join(opts.dir, "pg.log");
  fs.writeFileSync(logFile, "");
  if (asRoot()) await run("chown", ["postgres:postgres", logFile]);
  const [ctlCmd, ctlArgs] = pgCommand(path.join(bin, "pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", options, "start"]);
  await run(ctlCmd, ctlArgs);
  const stopped = { done: false };
  return {
    port,
    dir: opts.dir,
    urlFor: (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name: string, template?: string) {
      const c = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      } finally {
        await c.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped.done) return;
      stopped.done = true;
      const [stopCmd, stopArgs] = pgCommand(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
      await run(stopCmd, stopArgs).catch(() => undefined);
    },
  };
}

export interface LocalProcess {
  port: number;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function own(proc: ChildProcess, port: number, signal: NodeJS.Signals = "SIGTERM"): LocalProcess {
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  return {
    port,
    proc,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
        proc.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill(signal);
      }),
  };
}

/** redis-server in the foreground, a child of this process: no persistence, loopback only. */
export async function startRedis(opts: { dir: string; port?: number }): Promise<LocalProcess & { url: string }> {
  const port = opts.port ?? (await freePort());
  const exe = onPath("redis-server");
  if (!exe) throw new Error("Redis is not installed (apt-get install redis-server)");
  const proc = spawn(exe, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", opts.dir, "--maxclients", "10000"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const r = own(proc, port);
  try {
    await waitFor(() => portOpen(port), 20_000, "Redis");
  } catch (err) {
    await r.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}: ${r.output().trim()}`);
  }
  return { ...r, url: `redis://127.0.0.1:${port}` };
}

export interface Backend {
  name: string;
  port: number;
}

/**
 * haproxy's configuration: signed-in connections (the sign-in cookie) that name a sitting
 * (`?sitting=`) are hashed by it, so a sitting's members and chair reach one node (its owner,
 * usually); everyone else is spread round-robin, kept on one node by a cookie (long polling needs
 * it). A node that refuses connections is skipped at once (redispatch) and marked down after two
 * failed health checks.
 */
export function haproxyConfig(opts: { port: number; backends: Backend[]; maxconn?: number }): string {
  const servers = (cookie: boolean) =>
    opts.backends.map((b) => `    server ${b.name} 127.0.0.1:${b.port} check inter 500ms fall 2 rise 1${cookie ? ` cookie ${b.name}` : ""}`).join("\n");
  return `global
    maxconn ${opts.maxconn ?? 9000}
defaults
    mode http
    option redispatch
    retries 3
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
    option httpchk GET /api/health
frontend seance
    bind 127.0.0.1:${opts.port}
    acl signed_in req.cook(seance_auth) -m found
    acl names_sitting url_param(sitting) -m found
    use_backend by_sitting if signed_in names_sitting
    default_backend spread
backend by_sitting
    balance url_param sitting
    hash-type consistent
${servers(false)}
backend spread
    balance roundrobin
    cookie SEANCE_NODE insert indirect nocache httponly
${servers(true)}
`;
}

/** haproxy in the foreground (-db), a child of this process. */
export async function startHaproxy(opts: { dir: string; port?: number; backends: Backend[]; maxconn?: number }): Promise<LocalProcess & { url: string }> {
  const exe = onPath("haproxy");
  if (!exe) throw new Error("haproxy is not installed (apt-get install haproxy)");
  const port = opts.port ?? (await freePort());
  const cfg = path.join(opts.dir, "haproxy.cfg");
  fs.writeFileSync(cfg, haproxyConfig({ port, backends: opts.backends, ...(opts.maxconn ? { maxconn: opts.maxconn } : {}) }));
  const proc = spawn(exe, ["-db", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
  const r = own(proc, port, "SIGUSR1");
  try {
    await waitFor(() => portOpen(port), 20_000, "haproxy");
  } catch (err) {
    await r.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}: ${r.output().trim()}`);
  }
  return { ...r, url: `http://127.0.0.1:${port}` };
}
