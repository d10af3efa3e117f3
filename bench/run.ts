// `npm run bench`: starts the real server on a fresh SQLite file, drives it over loopback with real
// Socket.IO and y-websocket clients, prints a table and writes bench/results.json. Every loop has a
// count and a time limit; the whole run is bounded (RUN_LIMIT_MS). See docs/PERFORMANCE.md.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startChildServer } from "../tests/helpers/child-server";
import { BenchClient } from "./bench-client";
import { BENCH, councillorUser, createBenchCouncil, itemId, memberId } from "./setup-db";
import { weighScreens } from "./bundles";
import { ensureProductionBuild } from "../scripts/ensure-build";
import { forkTs, stop, type Forked } from "./processes";
import { rawBallotsPerSecond } from "./raw-sqlite";
import { reloadMs } from "./reload";
import { now, percentile, round, sleep, waitFor } from "./stats";
import { runYjsBench, type YjsResult } from "./yjs-bench";
import type { BaselineOps } from "./baseline-server";
import type { ServerOps } from "./server-entry";
import type { Ballot, WorkerOps } from "./viewer-worker";
import type { Choice } from "../core/sitting/protocol";
import { MAX_BALLOT_CHANGES } from "../core/sitting/domains/ballots";

const RUN_LIMIT_MS = 360_000;
// BENCH_VIEWERS=100,500 runs a smaller fan-out (a quick check of the bench itself).
const VIEWER_COUNTS: number[] = process.env.BENCH_VIEWERS ? process.env.BENCH_VIEWERS.split(",").map(Number) : [100, 1000, 2000];
const BURST_MS = 1000;
const DURABLE_CLOSED_LOOP_MS = 5000;
// Ack latency is measured at the goal rate, or at 80 % of the measured capacity when that is lower:
// beyond capacity the figure would only say how long the queue took to drain.
const DURABLE_GOAL_RATE = 500;
const DURABLE_PACED_MS = 3000;
const RAW_SECONDS = 3;
const BASELINE_MAX_BYTES = 200;

const SID = BENCH.sittingId;
const t0 = now();
const log = (m: string) => process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1).padStart(5)} s] ${m}\n`);

interface FanoutRow {
  viewers: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  lastToAllMs: number;
  baselineP99Ms: number;
}
interface FanoutDetail extends FanoutRow {
  baselineP50Ms: number;
  baselineLastToAllMs: number;
  payloadBytes: number;
  baselinePayloadBytes: number;
  ackP99Ms: number;
  lagP99Ms: number;
  serverCpuMs: number;
  viewsPerScreen: number;
  verified: number;
  missing: number;
}

const children: { proc: { kill(signal?: NodeJS.Signals): boolean } }[] = [];
const watchdog = setTimeout(() => {
  log(`time limit of ${RUN_LIMIT_MS / 1000} s reached: stopping`);
  for (const c of children) c.proc.kill("SIGKILL");
  process.exit(2);
}, RUN_LIMIT_MS);

function openFileLimit(): number {
  const line = fs
    .readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === "unlimited" ? Number.POSITIVE_INFINITY : Number(soft ?? "1024");
}

async function signIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
  const m = /seance_auth=[^;]*/.exec(res.headers.get("set-cookie") ?? "");
  if (!m) throw new Error(`demo sign-in of ${userId} failed (${res.status})`);
  return m[0];
}

async function startServer(dbUrl: string, port: number): Promise<Forked<ServerOps>> {
  const extra = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.join(process.cwd(), "bench", "out", "prof")}`] : [];
  // Every screen of the bench comes from 127.0.0.1: the per-address cap (1,000 by default) is raised here.
  const s = await forkTs<ServerOps>(
    "server-entry.ts",
    "server",
    { DATABASE_URL: dbUrl, PORT: String(port), SEANCE_DEMO: "1", SEANCE_MAX_CONNECTIONS_PER_ADDRESS: "10000" },
    extra,
  );
  children.push(s);
  return s;
}

function pct(values: number[]): { p50: number; p95: number; p99: number } {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
}

async function main(): Promise<void> {
  const machine = { cores: os.cpus().length, memoryGB: round(os.totalmem() / 2 ** 30, 1), node: process.version };
  log(`machine: ${machine.cores} × ${os.cpus()[0]?.model ?? "?"}, ${machine.memoryGB} GB, Node ${machine.node}, Linux ${os.release()}`);
  const maxViewers = Math.max(...VIEWER_COUNTS);
  // Each process holds its own sockets: the server 2,069 + a few, the client process 2 × 2,000.
  const fdLimit = openFileLimit();
  log(`open files limit ${fdLimit}; the largest process needs ~${2 * maxViewers + 200}`);
  if (fdLimit < 2 * maxViewers + 200) throw new Error(`the open files limit (${fdLimit}) is too low: raise it (ulimit -n) before npm run bench`);

  // A fresh database: migrated by the Prisma CLI as the server does, then the bench council.
  const outRoot = path.join(process.cwd(), "bench", "out");
  // Only the latest run's files are kept (bench/out/ is ignored by git).
  for (const d of fs.existsSync(outRoot) ? fs.readdirSync(outRoot) : [])
    if (d.startsWith("run-")) fs.rmSync(path.join(outRoot, d), { recursive: true, force: true });
  const outDir = path.join(outRoot, `run-${Date.now()}`);
  fs.mkdirSync(outDir, { recursive: true });
  const dbFile = path.join(outDir, "seance.db");
  const dbUrl = `file:${dbFile}`;
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: "pipe",
  });
  await createBenchCouncil(dbUrl);
  log(`database ${dbFile}: council of ${BENCH.members}, sitting ${SID}`);

  // The raw driver first, while nothing else runs: the same write without Prisma or the server.
  const rawFile = path.join(outDir, "raw.db");
  fs.copyFileSync(dbFile, rawFile);
  const raw = rawBallotsPerSecond(rawFile, SID, { seconds: RAW_SECONDS, maxBallots: 50_000 });
  log(`raw better-sqlite3: ${raw.ballots} ballots, ${round(raw.perSec)} /s`);
  // A restart's load of a long sitting (10,000 events), on its own copy of the fresh database.
  const reloadFile = path.join(outDir, "reload.db");
  fs.copyFileSync(dbFile, reloadFile);
  const reload = await reloadMs(`file:${reloadFile}`, 10_000);
  log(`reload: ${reload.events} events loaded in ${round(reload.ms)} ms`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server = await startServer(dbUrl, port);
  const worker = await forkTs<WorkerOps>("viewer-worker.ts", "clients");
  children.push(worker);
  const baseline = await forkTs<BaselineOps>("baseline-server.ts", "baseline");
  children.push(baseline);
  const baselineUrl = `ws://127.0.0.1:${String(baseline.ready.port)}`;
  log(`server on ${url}, baseline on ${baselineUrl}`);

  const presidentCookie = await signIn(url, BENCH.president);
  const councillorCookies: string[] = [];
  for (let i = 0; i < BENCH.members; i++) councillorCookies.push(await signIn(url, councillorUser(i)));
  let president = new BenchClient(url, SID, presidentCookie);
  const probe = new BenchClient(url, SID);
  const councillors = councillorCookies.map((c) => new BenchClient(url, SID, c));
  if (!(await waitFor(() => [president, probe, ...councillors].every((c) => c.syncedAt > 0), 30_000))) throw new Error("councillors did not subscribe");
  for (let i = 0; i < BENCH.members; i++) await president.sendOk({ type: "rollcall:mark", memberId: memberId(i), status: "present" }, SID);
  await president.sendOk({ type: "sitting:open" }, SID);
  log(`${BENCH.members} councillors signed in, present, sitting open`);

  const memBefore = await server.rpc.call("mem", {});
  const baselineMemBefore = await baseline.rpc.call("mem", {});
  let memAfter = memBefore;
  let baselineMemAfter = baselineMemBefore;
  let loopLagP99Ms = Number.NaN;
  let loopLagMaxMs = Number.NaN;
  let item = 0;
  const fanout: FanoutDetail[] = [];
  let lastSeq = -1;

  for (const n of VIEWER_COUNTS) {
    const connected = await worker.rpc.call("viewers:connect", { url, sittingId: SID, total: n }, 120_000);
    log(`${connected.count} public screens subscribed (${round(connected.ms / 1000)} s)`);
    if (n === maxViewers) memAfter = await server.rpc.call("mem", {});

    const itemNo = item++;
    await president.sendOk({ type: "item:call", itemId: itemId(itemNo) }, SID);
    const opened = await president.sendOk({ type: "vote:open", itemId: itemId(itemNo), mode: "public", reveal: "live", allowChange: false }, SID);
    const voteId = String(opened.voteId);
    const openSeq = Number(opened.seq);
    await worker.rpc.call("viewers:wait-seq", { seq: openSeq, timeoutMs: 30_000 }, 40_000);
    await worker.rpc.call("viewers:record", { on: true });
    // A public screen keeps every public message of the burst (patches), to size the baseline's (the
    // president's screen is the council's: it gets whole views, not patches).
    const patches: string[] = [];
    const keep = (p: unknown) => patches.push(JSON.stringify(p));
    probe.socket.on("sitting:patch", keep);
    await server.rpc.call("lag:reset", {});
    const cpuBefore = await server.rpc.call("cpu", {});

    // 69 ballots spread over one second, each timed from its emit.
    const ballots: Ballot[] = [];
    const burstAcks: number[] = [];
    const choices: Choice[] = ["pour", "contre", "abstention"];
    const start = now() + 20;
    await Promise.all(
      councillors.map(async (c, i) => {
        await sleep(start + (i * BURST_MS) / councillors.length - now());
        const emittedAt = now();
        const r = await c.send({ type: "ballot:cast", voteId, choice: choices[i % choices.length] ?? "pour" }, SID);
        if (!r.ok) throw new Error(`ballot refused: ${r.error.code}`);
        burstAcks.push(now() - emittedAt);
        ballots.push({ seq: Number(r.data.seq), emittedAt });
      }),
    );
    const finalSeq = Math.max(...ballots.map((b) => b.seq));
    const lastEmit = Math.max(...ballots.map((b) => b.emittedAt));
    const held = await worker.rpc.call("viewers:wait-seq", { seq: finalSeq, timeoutMs: 60_000 }, 70_000);
    const lag = await server.rpc.call("lag:read", {});
    const serverCpuMs = (await server.rpc.call("cpu", {})) - cpuBefore;
    if (n === maxViewers) {
      loopLagP99Ms = lag.p99Ms;
      loopLagMaxMs = lag.maxMs;
    }
    probe.socket.off("sitting:patch", keep);
    if (!patches.length) throw new Error("the public screen received no patch during the burst");
    const report = await worker.rpc.call("viewers:latency", { ballots, finalSeq, ballotsCast: councillors.length }, 60_000);
    await worker.rpc.call("viewers:record", { on: false });
    const s = pct(report.samples);

    // The honest baseline: the same number of screens and schedule, each ballot carried by the smallest
    // message that can carry it — the median patch Séance sent, or 200 bytes when that is smaller.
    const sorted = [...patches].sort((a, b) => a.length - b.length);
    const median = sorted[Math.floor(sorted.length / 2)] ?? "{}";
    const viewJson = Buffer.byteLength(median) <= BASELINE_MAX_BYTES ? median : JSON.stringify("x".repeat(BASELINE_MAX_BYTES - 2));
    await worker.rpc.call("baseline:connect", { url: baselineUrl, total: n }, 60_000);
    if (n === maxViewers) baselineMemAfter = await baseline.rpc.call("mem", {});
    const burst = await baseline.rpc.call("burst", { view: viewJson, count: councillors.length, periodMs: BURST_MS / councillors.length }, 30_000);
    await worker.rpc.call("baseline:wait", { count: councillors.length, timeoutMs: 60_000 }, 70_000);
    const b = await worker.rpc.call("baseline:latency", { count: councillors.length, lastSentAt: burst.lastSentAt }, 60_000);
    const bp = pct(b.samples);

    const row: FanoutDetail = {
      viewers: n,
      p50Ms: round(s.p50),
      p95Ms: round(s.p95),
      p99Ms: round(s.p99),
      lastToAllMs: round(report.allHeldAt - lastEmit),
      baselineP99Ms: round(bp.p99),
      baselineP50Ms: round(bp.p50),
      baselineLastToAllMs: round(b.lastToAllMs),
      // What one Séance screen receives per change (the Socket.IO packet), and the baseline's message.
      payloadBytes: Buffer.byteLength(`2["sitting:patch",${median}]`),
      baselinePayloadBytes: Buffer.byteLength(viewJson),
      ackP99Ms: round(percentile(burstAcks, 99)),
      lagP99Ms: round(lag.p99Ms),
      serverCpuMs: round(serverCpuMs, 0),
      viewsPerScreen: round(report.viewsPerScreen),
      verified: report.verified,
      missing: report.missing + b.missing,
    };
    fanout.push(row);
    log(
      `fan-out ${n}: p50 ${row.p50Ms} p95 ${row.p95Ms} p99 ${row.p99Ms} last→all ${row.lastToAllMs} ms | baseline p50 ${row.baselineP50Ms} p99 ${row.baselineP99Ms} last→all ${row.baselineLastToAllMs} ms | ballot ack p99 ${row.ackP99Ms} ms, loop lag p99 ${row.lagP99Ms} ms, server CPU ${row.serverCpuMs} ms, ${row.viewsPerScreen} views per screen | ${held.holding}/${n} screens, ${report.verified} verified tallies, patch ${row.payloadBytes} B, baseline ${row.baselinePayloadBytes} B`,
    );
    await president.sendOk({ type: "vote:close", voteId }, SID);
    lastSeq = Number((await president.sendOk({ type: "vote:proclaim", voteId }, SID)).seq);
  }
  await worker.rpc.call("baseline:close", {});

  // Restart with 69 councillors and the screens connected; they reconnect on their own and
  // re-subscribe with their last seq (the president's device is closed so the count is exact).
  president.close();
  probe.close();
  // The last event before the stop (the proclamation: its broadcast may not have reached every device yet).
  const seq = lastSeq;
  if (!(await waitFor(() => councillors.every((c) => c.seq >= seq), 30_000, 20))) throw new Error("councillors did not see the last proclamation");
  await worker.rpc.call("viewers:wait-seq", { seq, timeoutMs: 30_000 }, 40_000);
  const clientsTotal = councillors.length + maxViewers;
  const downAt = now();
  await stop(server.proc);
  server = await startServer(dbUrl, port);
  const readyAt = now();
  const resync = await worker.rpc.call("viewers:wait-resync", { since: downAt, seq, timeoutMs: 60_000 }, 70_000);
  const councillorsBack = await waitFor(() => councillors.every((c) => c.syncedAt > downAt && c.syncedSeq === seq), 30_000, 20);
  const lastCouncillor = Math.max(...councillors.map((c) => c.syncedAt));
  const resynced = resync.resynced + (councillorsBack ? councillors.length : councillors.filter((c) => c.syncedAt > downAt && c.syncedSeq === seq).length);
  const allResyncedMs = round(Math.max(resync.lastAt, lastCouncillor) - downAt, 0);
  log(
    `restart: server ready after ${round(readyAt - downAt, 0)} ms; ${resynced}/${clientsTotal} re-synced ${allResyncedMs} ms after the stop${resync.why ? ` (screens: ${resync.why})` : ""}`,
  );
  await worker.rpc.call("viewers:close", {});

  // Durable ballots: 69 members changing their public ballot (allowChange), the ack after the commit.
  president = new BenchClient(url, SID, presidentCookie);
  await waitFor(() => president.syncedAt > 0, 10_000);
  // A member may change a ballot MAX_BALLOT_CHANGES times in a vote (#12): each vote takes the
  // first ballot and that many changes from every member, then the next item's vote opens.
  const perVote = MAX_BALLOT_CHANGES + 1;
  const flip = councillors.map(() => 0);
  const openDurableVote = async (): Promise<string> => {
    if (item >= BENCH.items) throw new Error("the bench sitting has no item left to vote on");
    const dItem = itemId(item++);
    flip.fill(0);
    await president.sendOk({ type: "item:call", itemId: dItem }, SID);
    return String((await president.sendOk({ type: "vote:open", itemId: dItem, mode: "public", reveal: "live", allowChange: true }, SID)).voteId);
  };
  const endVote = async (voteId: string) => {
    await president.sendOk({ type: "vote:close", voteId }, SID);
    await president.sendOk({ type: "vote:proclaim", voteId }, SID);
  };
  // Every ballot changes the member's choice: a refusal (or a no-op) would measure nothing, so it stops the bench.
  const cast = async (i: number, voteId: string, acks: number[]): Promise<void> => {
    const c = councillors[i];
    if (!c) return;
    flip[i] = (flip[i] ?? 0) + 1;
    const sentAt = now();
    const r = await c.send({ type: "ballot:cast", voteId, choice: (flip[i] ?? 0) % 2 ? "pour" : "contre" }, SID);
    if (!r.ok) throw new Error(`durable ballot refused: ${r.error.code}`);
    acks.push(now() - sentAt);
  };
  // (a) Capacity: every member keeps one ballot in flight, vote after vote, for 5 s (or the items left but one).
  const closedAcks: number[] = [];
  const closedStart = now();
  while (now() - closedStart < DURABLE_CLOSED_LOOP_MS && item < BENCH.items - 1) {
    const voteId = await openDurableVote();
    await Promise.all(
      councillors.map(async (_c, i) => {
        for (let k = 0; k < perVote && now() - closedStart < DURABLE_CLOSED_LOOP_MS; k++) await cast(i, voteId, closedAcks);
      }),
    );
    await endVote(voteId);
  }
  const ballotsPerSec = closedAcks.length / ((now() - closedStart) / 1000);
  // (b) Ack latency at a set rate: ballots sent on a schedule, whoever is still waiting for an ack.
  const pacedRateOffered = Math.max(1, Math.min(DURABLE_GOAL_RATE, Math.floor(0.8 * ballotsPerSec)));
  const pacedAcks: number[] = [];
  const pacedVote = await openDurableVote();
  const pacedStart = now();
  const total = Math.min(Math.round((pacedRateOffered * DURABLE_PACED_MS) / 1000), councillors.length * perVote);
  const inflight: Promise<void>[] = [];
  for (let j = 0; j < total;) {
    const due = Math.min(total, Math.floor(((now() - pacedStart) * pacedRateOffered) / 1000) + 1);
    for (; j < due; j++) inflight.push(cast(j % councillors.length, pacedVote, pacedAcks));
    await sleep(1);
  }
  await Promise.all(inflight);
  const pacedRate = pacedAcks.length / ((now() - pacedStart) / 1000);
  const closed = pct(closedAcks);
  const paced = pct(pacedAcks);
  log(
    `durable: capacity ${round(ballotsPerSec)} /s (ack p50 ${round(closed.p50)} p99 ${round(closed.p99)} ms with 69 in flight); at ${pacedRateOffered}/s offered: ${round(pacedRate)} /s acked, ack p50 ${round(paced.p50)} p99 ${round(paced.p99)} ms; raw driver ${round(raw.perSec)} /s`,
  );
  await endVote(pacedVote);
  president.close();
  for (const c of councillors) c.close();

  // Minutes: 5 writers, 69 readers, then the 200-page late join.
  const writerCookies = [presidentCookie, await signIn(url, BENCH.clerk), ...(await Promise.all(BENCH.secretaries.map((s) => signIn(url, s))))];
  const yjs: YjsResult = await runYjsBench({ baseUrl: url, sittingId: SID, writerCookies, readerCookies: councillorCookies });
  log(
    `yjs: ${yjs.edits} edits, ${yjs.samples} deliveries (${yjs.missing} missing): p50 ${round(yjs.editP50Ms)} p99 ${round(yjs.editP99Ms)} ms; late join ${yjs.documentChars} chars: warm ${yjs.lateJoinWarmMs.map((x) => round(x, 0)).join("/")} ms, cold ${round(yjs.lateJoinColdMs, 0)} ms`,
  );
  await stop(server.proc);
  await stop(worker.proc);
  await stop(baseline.proc);

  // Bundles: the production server (server/index.ts, pages on) and Chromium.
  ensureProductionBuild(log);
  const pagesPort = await freePort();
  const pages = await startChildServer({ dbFile, port: pagesPort, env: { SEANCE_PAGES: "1" } });
  children.push(pages);
  let weights;
  try {
    weights = await weighScreens(pages.url, SID, await signIn(pages.url, councillorUser(5)));
  } finally {
    await pages.kill("SIGTERM");
  }
  for (const w of [weights.publicScreen, weights.councillor])
    log(
      `bundle ${w.path} (landed on ${w.finalPath}): ${w.scripts} scripts, ${round(w.rawKB)} kB raw, ${round(w.gzipKB)} kB gzip; largest ${w.largest.map((l) => `${l.file} ${round(l.gzipKB)}`).join(", ")}`,
    );

  const rows = fanout.map(({ viewers, p50Ms, p95Ms, p99Ms, lastToAllMs, baselineP99Ms, baselineLastToAllMs, payloadBytes, baselinePayloadBytes }) => ({
    viewers,
    p50Ms,
    p95Ms,
    p99Ms,
    lastToAllMs,
    baselineP99Ms,
    baselineLastToAllMs,
    payloadBytes,
    baselinePayloadBytes,
  }));
  const results = {
    fanout: rows,
    durable: { ballotsPerSec: round(ballotsPerSec), ackP50Ms: round(paced.p50), ackP99Ms: round(paced.p99), rawBallotsPerSec: round(raw.perSec) },
    memory: {
      heapPerViewerKB: round((memAfter.heapUsed - memBefore.heapUsed) / maxViewers / 1024),
      rssPerViewerKB: round((memAfter.rss - memBefore.rss) / maxViewers / 1024),
      baselineHeapPerViewerKB: round((baselineMemAfter.heapUsed - baselineMemBefore.heapUsed) / maxViewers / 1024),
    },
    loopLagP99Ms: round(loopLagP99Ms),
    reload10kEventsMs: round(reload.ms),
    // null when some client had not re-synced within the time limit.
    reconnect: { clients: clientsTotal, allResyncedMs: resynced === clientsTotal ? allResyncedMs : null },
    yjs: { editP99Ms: round(yjs.editP99Ms), lateJoin200PagesMs: round(percentile(yjs.lateJoinWarmMs, 50), 0) },
    bundles: { publicScreenKBgz: round(weights.publicScreen.gzipKB), councillorKBgz: round(weights.councillor.gzipKB) },
    machine,
  };
  // The several-node figures come from their own run (`--cluster`): kept as they are.
  const resultsFile = path.join(process.cwd(), "bench", "results.json");
  const previous = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, "utf8")) as { cluster?: unknown }) : {};
  fs.writeFileSync(resultsFile, `${JSON.stringify({ ...results, ...(previous.cluster ? { cluster: previous.cluster } : {}) }, null, 2)}\n`);

  const ok = (pass: boolean) => (pass ? "ok" : "MISSED");
  const table: [string, string, string, string][] = [["figure", "value", "goal", ""]];
  for (const r of fanout) {
    const ratio = r.p99Ms / r.baselineP99Ms;
    table.push([`fan-out ${r.viewers} p50/p95/p99`, `${r.p50Ms} / ${r.p95Ms} / ${r.p99Ms} ms`, "", ""]);
    table.push([`fan-out ${r.viewers} p99 ÷ baseline p99`, `${round(ratio, 2)} (baseline ${r.baselineP99Ms} ms)`, "≤ 1.5", ok(ratio <= 1.5)]);
    table.push([
      `fan-out ${r.viewers} last ballot → all screens`,
      `${r.lastToAllMs} ms (baseline ${r.baselineLastToAllMs})`,
      r.viewers >= 2000 ? "≤ 1.5 × baseline" : "",
      r.viewers >= 2000 ? ok(r.lastToAllMs <= 1.5 * r.baselineLastToAllMs) : "",
    ]);
  }
  table.push([
    "durable ballots/s (69 in flight)",
    `${results.durable.ballotsPerSec}`,
    `≥ ${DURABLE_GOAL_RATE}`,
    ok(results.durable.ballotsPerSec >= DURABLE_GOAL_RATE),
  ]);
  table.push([
    `ack p50 / p99 at ${pacedRateOffered}/s offered`,
    `${results.durable.ackP50Ms} / ${results.durable.ackP99Ms} ms`,
    "p99 ≤ 20 ms",
    ok(results.durable.ackP99Ms <= 20),
  ]);
  table.push(["raw better-sqlite3 ballots/s", `${results.durable.rawBallotsPerSec}`, "", ""]);
  table.push([`reload of a sitting of ${reload.events} events`, `${results.reload10kEventsMs} ms`, "≤ 300 ms", ok(results.reload10kEventsMs <= 300)]);
  table.push([
    "heap per idle screen",
    `${results.memory.heapPerViewerKB} kB (bare ws ${results.memory.baselineHeapPerViewerKB})`,
    "≤ 12 kB",
    ok(results.memory.heapPerViewerKB <= 12),
  ]);
  table.push(["RSS per idle screen", `${results.memory.rssPerViewerKB} kB`, "", ""]);
  table.push(["event-loop lag p99 (2,000-screen burst)", `${results.loopLagP99Ms} ms (max ${round(loopLagMaxMs)})`, "≤ 50 ms", ok(results.loopLagP99Ms <= 50)]);
  table.push([
    `restart, ${clientsTotal} clients re-synced`,
    `${resynced} in ${allResyncedMs} ms (server up in ${round(readyAt - downAt, 0)})`,
    "≤ 10,000 ms",
    ok(resynced === clientsTotal && allResyncedMs <= 10_000),
  ]);
  table.push(["Yjs edit → peer p99 (5 writers, 69 readers)", `${results.yjs.editP99Ms} ms`, "≤ 50 ms", ok(results.yjs.editP99Ms <= 50)]);
  table.push([
    "Yjs late join, 200 pages",
    `${results.yjs.lateJoin200PagesMs} ms (cold ${round(yjs.lateJoinColdMs, 0)})`,
    "≤ 300 ms",
    ok(results.yjs.lateJoin200PagesMs <= 300),
  ]);
  table.push(["public screen first-load JS", `${results.bundles.publicScreenKBgz} kB gz`, "≤ 120 kB", ok(results.bundles.publicScreenKBgz <= 120)]);
  table.push(["councillor first-load JS", `${results.bundles.councillorKBgz} kB gz`, "≤ 200 kB", ok(results.bundles.councillorKBgz <= 200)]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((r) => r[c]?.length ?? 0)));
  for (const r of table) console.log(r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  "));
  console.log(`\n${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; results in bench/results.json (${round((now() - t0) / 1000)} s)`);
}

/** `npm run bench -- --cluster`: the several-node figures only (bench/cluster.ts). */
async function cluster(): Promise<void> {
  // The cluster bench keeps its own time limit.
  clearTimeout(watchdog);
  const { runClusterBench, writeClusterFigures } = await import("./cluster");
  const figures = await runClusterBench();
  writeClusterFigures(figures);
  console.log(
    `cluster (${figures.nodes} nodes): ${figures.fanout.map((r) => `${r.viewers} screens p99 ${r.p99Ms} ms, last→all ${r.lastToAllMs} ms`).join("; ")}; failover ${figures.failoverMs} ms (trials ${figures.failoverTrialsMs.join(", ")}); results in bench/results.json under "cluster"`,
  );
}

(process.argv.includes("--cluster") ? cluster() : main())
  .then(() => {
    clearTimeout(watchdog);
    process.exit(0);
  })
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    for (const c of children) c.proc.kill("SIGKILL");
    process.exit(1);
  });
