// A whole cluster on this machine: PostgreSQL and Redis in a temporary folder, N Séance nodes
// (server/index.ts, as a user starts it) and haproxy in front. Used by `npm run cluster`, the
// cluster test and `npm run bench -- --cluster`. Every process it starts is stopped by `stop()`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort, serviceFolder, startHaproxy, startPostgres, startRedis, type LocalPostgres, type LocalProcess } from "./local-services";

export interface LocalNode {
  name: string;
  port: number;
  url: string;
  /** Its id among the nodes (printed at start; changes at every start). */
  nodeId: string;
  proc: ChildProcess | null;
  output(): string;
}

export interface LocalClusterOptions {
  nodes?: number;
  /** Serve the Next.js pages (needs a production build). */
  pages?: boolean;
  /** PostgreSQL's fsync (on unless a test does not claim durability). */
  fsync?: boolean;
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** haproxy's connection limit (the bench raises it). */
  maxconn?: number;
  /** The balancer's port (default: a free one). */
  balancerPort?: number;
}

export class LocalCluster {
  readonly nodes: LocalNode[] = [];
  private constructor(
    readonly dir: string,
    readonly pg: LocalPostgres,
    readonly redis: LocalProcess & { url: string },
    readonly databaseUrl: string,
    readonly secret: string,
    private readonly opts: LocalClusterOptions,
  ) {}

  balancer: (LocalProcess & { url: string }) | null = null;

  static async start(opts: LocalClusterOptions = {}): Promise<LocalCluster> {
    const dir = serviceFolder("seance-cluster-");
    const log = opts.log ?? (() => undefined);
    let pg: LocalPostgres | null = null;
    let redis: (LocalProcess & { url: string }) | null = null;
    let cluster: LocalCluster | null = null;
    try {
      pg = await startPostgres({ dir, fsync: opts.fsync ?? true, maxConnections: 300 });
      const databaseUrl = await pg.createDatabase("seance");
      log(`PostgreSQL on port ${pg.port} (${dir})`);
      redis = await startRedis({ dir });
      log(`Redis on port ${redis.port}`);
      cluster = new LocalCluster(dir, pg, redis, databaseUrl, randomBytes(32).toString("hex"), opts);
      const ports = await Promise.all(Array.from({ length: opts.nodes ?? 2 }, () => freePort()));
      for (const [i, port] of ports.entries())
        cluster.nodes.push({ name: String.fromCharCode(97 + i), port, url: `http://127.0.0.1:${port}`, nodeId: "", proc: null, output: () => "" });
      // The first node migrates and loads the demo (under the start-up lock), the others follow.
      for (const node of cluster.nodes) await cluster.startNode(node);
      cluster.balancer = await startHaproxy({
        dir,
        backends: cluster.nodes.map((n) => ({ name: n.name, port: n.port })),
        ...(opts.maxconn ? { maxconn: opts.maxconn } : {}),
        ...(opts.balancerPort ? { port: opts.balancerPort } : {}),
      });
      log(`haproxy on ${cluster.balancer.url}`);
      return cluster;
    } catch (err) {
      if (cluster) await cluster.stop();
      else {
        await redis?.stop();
        await pg?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      throw err;
    }
  }

  get url(): string {
    if (!this.balancer) throw new Error("no balancer");
    return this.balancer.url;
  }

  /** Starts (or restarts) a node on its port; resolves once it says it is ready. */
  async startNode(node: LocalNode): Promise<void> {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join("server", "index.ts")], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        PORT: String(node.port),
        HOST: "127.0.0.1",
        DATABASE_URL: this.databaseUrl,
        REDIS_URL: this.redis.url,
        SEANCE_SECRET: this.secret,
        SEANCE_DEMO: "1",
        SEANCE_PAGES: this.opts.pages ? "1" : "0",
        ...this.opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    node.proc = proc;
    node.output = () => out;
    proc.stdout.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-50_000)));
    proc.stderr.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-50_000)));
    // What a node says went wrong reaches the log at once (a killed node's output is lost with it).
    const log = this.opts.log;
    if (log)
      for (const stream of [proc.stdout, proc.stderr])
        stream.on("data", (d: Buffer) => {
          for (const line of d.toString().split("\n")) if (/error|fail|refus/i.test(line)) log(`node ${node.name}: ${line.slice(0, 400)}`);
        });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`node ${node.name} did not start in 120 s:\n${out}`)), 120_000);
      const check = () => {
        const m = /Séance is ready on .*node ([0-9a-f-]{36})/.exec(out);
        if (!m) return;
        clearTimeout(timer);
        node.nodeId = m[1]!;
        proc.stdout.off("data", check);
        resolve();
      };
      proc.stdout.on("data", check);
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`node ${node.name} exited (${code ?? signal}) before it was ready:\n${out}`));
      });
    });
    this.opts.log?.(`node ${node.name} on ${node.url} (id ${node.nodeId})`);
  }

  /** Kills a node (SIGKILL by default: nothing saved, nothing closed) and waits until it is gone. */
  kill(node: LocalNode, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const proc = node.proc;
    node.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      proc.once("exit", () => resolve());
      proc.kill(signal);
    });
  }

  /** The node that owns a sitting now, as PostgreSQL's lock table says (null: none). */
  async ownerOf(sittingId: string): Promise<LocalNode | null> {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: this.databaseUrl });
    await c.connect();
    try {
      const r = await c.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 1514::oid AND l.objid = hashtext($1)::oid AND l.objsubid = 2`,
        [`sitting:${sittingId}`],
      );
      const id = r.rows[0]?.name.replace(/^seance:/, "");
      return this.nodes.find((n) => n.nodeId === id && n.proc) ?? null;
    } finally {
      await c.end();
    }
  }

  async stop(): Promise<void> {
    await this.balancer?.stop();
    await Promise.all(this.nodes.map((n) => this.kill(n, "SIGTERM")));
    await this.redis.stop();
    await this.pg.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
