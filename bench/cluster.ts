// `npm run bench -- --cluster`: the fan-out with the public spread over two nodes behind haproxy
// (PostgreSQL with fsync on, Redis, both from Debian's packages), up to 4,000 screens, and the
// failover time: the owner node SIGKILLed, until the next command is acknowledged. Writes the
// figures under `cluster` in bench/results.json (the rest of the file is kept). Every loop has a
// count and a time limit; the run is bounded (RUN_LIMIT_MS).
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { Redis } from "ioredis";
import type { Choice } from "../core/vocabulary";
import { LocalCluster, type LocalNode } from "../scripts/cluster/local-cluster";
import { missingServices } from "../scripts/cluster/local-services";
import { ClusterClient } from "../tests/helpers/cluster-client";
import { BenchClient } from "./bench-client";
import { forkTs, stop } from "./processes";
import { BENCH, councillorUser, createBenchCouncil, itemId, memberId } from "./setup-db";
import { now, percentile, round, sleep, waitFor } from "./stats";
import type { Ballot, WorkerOps } from "./viewer-worker";

const RUN_LIMIT_MS = 600_000;
const VIEWER_COUNTS: number[] = process.env.BENCH_CLUSTER_VIEWERS ? process.env.BENCH_CLUSTER_VIEWERS.split(",").map(Number) : [1000, 2000, 4000];
const FAILOVER_TRIALS = 3;
const BURST_MS = 1000;
const SID = BENCH.sittingId;
const t0 = now();
const log = (m: string) => process.stderr.write(`[bench cluster ${((now() - t0) / 1000).toFixed(1).padStart(5)} s] ${m}\n`);

async function signIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
  const m = /seance_auth=[^;]*/.exec(res.headers.get("set-cookie") ?? "");
  if (!m) throw new Error(`demo sign-in of ${userId} failed (${res.status})`);
  return m[0];
}

/** How many connections each node holds, from the counts the nodes share in Redis. */
async function perNode(redis: Redis, nodes: LocalNode[]): Promise<string> {
  const parts: string[] = [];
  for (const n of nodes) {
    const counts = await redis.hgetall(`seance:conns:${n.nodeId}`);
    parts.push(`${n.name} ${Object.values(counts).reduce((s, v) => s + Number(v), 0)}`);
  }
  return parts.join(", ");
}

export interface ClusterFigures {
  nodes: number;
  viewers: number;
  p99Ms: number;
  lastToAllMs: number;
  failoverMs: number;
  fanout: { viewers: number; p50Ms: number; p95Ms: number; p99Ms: number; lastToAllMs: number; spread: string }[];
  failoverTrialsMs: number[];
}

async function fanOut(cluster: LocalCluster, redis: Redis): Promise<{ rows: ClusterFigures["fanout"]; councillors: BenchClient[]; president: BenchClient }> {
  const url = cluster.url;
  const worker = await forkTs<WorkerOps>("viewer-worker.ts", "clients");
  try {
    const president = new BenchClient(url, SID, await signIn(url, BENCH.president));
    const councillors: BenchClient[] = [];
    for (let i = 0; i < BENCH.members; i++) councillors.push(new BenchClient(url, SID, await signIn(url, councillorUser(i))));
    if (!(await waitFor(() => [president, ...councillors].every((c) => c.syncedAt > 0), 60_000))) throw new Error("councillors did not subscribe");
    for (let i = 0; i < BENCH.members; i++) await president.sendOk({ type: "rollcall:mark", memberId: memberId(i), status: "present" }, SID);
    await president.sendOk({ type: "sitting:open" }, SID);
    log(`${BENCH.members} councillors signed in through haproxy, present, sitting open`);
    const rows: ClusterFigures["fanout"] = [];
    for (const [k, n] of VIEWER_COUNTS.entries()) {
      const connected = await worker.rpc.call("viewers:connect", { url, sittingId: SID, total: n }, 300_000);
      await sleep(2500); // the nodes mirror their connection counts every second
      const spread = await perNode(redis, cluster.nodes);
      log(`${connected.count} public screens through haproxy (${round(connected.ms / 1000)} s); connections per node: ${spread}`);
      await president.sendOk({ type: "item:call", itemId: itemId(k) }, SID);
      const opened = await president.sendOk({ type: "vote:open", itemId: itemId(k), mode: "public", reveal: "live", allowChange: false }, SID);
      const voteId = String(opened.voteId);
      await worker.rpc.call("viewers:wait-seq", { seq: Number(opened.seq), timeoutMs: 60_000 }, 70_000);
      await worker.rpc.call("viewers:record", { on: true });
      const ballots: Ballot[] = [];
      const choices: Choice[] = ["pour", "contre", "abstention"];
      const start = now() + 20;
      await Promise.all(
        councillors.map(async (c, i) => {
          await sleep(start + (i * BURST_MS) / councillors.length - now());
          const emittedAt = now();
          const r = await c.send({ type: "ballot:cast", voteId, choice: choices[i % choices.length] ?? "pour" }, SID);
          if (!r.ok) throw new Error(`ballot refused: ${r.error.code}`);
          ballots.push({ seq: Number(r.data.seq), emittedAt });
        }),
      );
      const finalSeq = Math.max(...ballots.map((b) => b.seq));
      const lastEmit = Math.max(...ballots.map((b) => b.emittedAt));
      const held = await worker.rpc.call("viewers:wait-seq", { seq: finalSeq, timeoutMs: 120_000 }, 130_000);
      const report = await worker.rpc.call("viewers:latency", { ballots, finalSeq, ballotsCast: councillors.length }, 120_000);
      await worker.rpc.call("viewers:record", { on: false });
      const row = {
        viewers: n,
        p50Ms: round(percentile(report.samples, 50)),
        p95Ms: round(percentile(report.samples, 95)),
        p99Ms: round(percentile(report.samples, 99)),
        lastToAllMs: round(report.allHeldAt - lastEmit),
        spread,
      };
      rows.push(row);
      log(
        `fan-out ${n}: p50 ${row.p50Ms} p95 ${row.p95Ms} p99 ${row.p99Ms} last→all ${row.lastToAllMs} ms | ${held.holding}/${n} screens, ${report.verified} verified tallies, ${report.missing} missing`,
      );
      await president.sendOk({ type: "vote:close", voteId }, SID);
      await president.sendOk({ type: "vote:proclaim", voteId }, SID);
    }
    await worker.rpc.call("viewers:close", {});
    return { rows, councillors, president };
  } finally {
    await stop(worker.proc);
  }
}

/** The owner SIGKILLed; a councillor's ballot (sent again with its id until answered) acknowledged. */
async function failover(cluster: LocalCluster, president: BenchClient): Promise<number[]> {
  const k = VIEWER_COUNTS.length;
  await president.sendOk({ type: "item:call", itemId: itemId(k) }, SID);
  const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemId(k), mode: "public", reveal: "live", allowChange: true }, SID)).voteId);
  const councillor = new ClusterClient(cluster.url, SID, await signIn(cluster.url, councillorUser(0)));
  const trials: number[] = [];
  try {
    await councillor.sendOk({ type: "ballot:cast", voteId, choice: "pour" }, `failover-warm-${Date.now()}`);
    for (let t = 0; t < FAILOVER_TRIALS; t++) {
      const owner = await cluster.ownerOf(SID);
      if (!owner) throw new Error("no node owns the bench sitting");
      const killedAt = now();
      await cluster.kill(owner);
      const r = await councillor.send({ type: "ballot:cast", voteId, choice: t % 2 ? "pour" : "contre" }, `failover-${t}-${Date.now()}`);
      if (!r.ok) throw new Error(`ballot after the kill refused: ${r.error.code}`);
      trials.push(round(now() - killedAt, 0));
      log(
        `failover ${t + 1}: node ${owner.name} killed → next ballot acknowledged after ${trials[trials.length - 1]} ms (now owned by ${(await cluster.ownerOf(SID))?.name ?? "?"})`,
      );
      await cluster.startNode(owner);
      await sleep(1500); // haproxy sees the node up again (checks every 500 ms)
    }
  } finally {
    councillor.close();
  }
  return trials;
}

export async function runClusterBench(): Promise<ClusterFigures> {
  const missing = missingServices(["postgresql", "redis-server", "haproxy"]);
  if (missing.length) throw new Error(`the cluster bench needs ${missing.join(", ")} (apt-get install ${missing.join(" ")})`);
  log(`machine: ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30, 1)} GB, Node ${process.version}`);
  const watchdog = setTimeout(() => {
    log(`time limit of ${RUN_LIMIT_MS / 1000} s reached: stopping`);
    void cluster?.stop().finally(() => process.exit(2));
  }, RUN_LIMIT_MS);
  let cluster: LocalCluster | null = null;
  let redis: Redis | null = null;
  try {
    cluster = await LocalCluster.start({ nodes: 2, fsync: true, env: { SEANCE_MAX_CONNECTIONS_PER_ADDRESS: "20000" }, log });
    await createBenchCouncil(cluster.databaseUrl);
    redis = new Redis(cluster.redis.url);
    const { rows, councillors, president } = await fanOut(cluster, redis);
    for (const c of councillors) c.close();
    const trials = await failover(cluster, president);
    president.close();
    const largest = rows[rows.length - 1]!;
    return {
      nodes: cluster.nodes.length,
      viewers: largest.viewers,
      p99Ms: largest.p99Ms,
      lastToAllMs: largest.lastToAllMs,
      failoverMs: percentile(trials, 50),
      fanout: rows,
      failoverTrialsMs: trials,
    };
  } finally {
    clearTimeout(watchdog);
    redis?.disconnect();
    await cluster?.stop();
  }
}

/** Adds the figures under `cluster` in bench/results.json, keeping the one-laptop figures as they are. */
export function writeClusterFigures(figures: ClusterFigures): void {
  const file = path.join(process.cwd(), "bench", "results.json");
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, cluster: figures }, null, 2)}\n`);
}
