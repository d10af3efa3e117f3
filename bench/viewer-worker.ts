// The client process: thousands of public screens (Socket.IO) and the baseline's bare websocket
// clients, kept apart from the server's and the orchestrator's event loops. It records when each
// screen first holds each new view and turns that into latencies on request.
import WebSocket from "ws";
import { BenchClient } from "./bench-client";
import { serveRpc } from "./ipc";
import { now, waitFor } from "./stats";

export interface Ballot {
  seq: number;
  emittedAt: number;
}
export interface LatencyReport {
  samples: number[];
  /** Latest time any screen came to hold the final view. */
  allHeldAt: number;
  missing: number;
  /** Screens whose held view, parsed in full, shows the expected ballots cast. */
  verified: number;
  /** Views a screen received during the burst, on average (69 ballots: fewer means coalesced). */
  viewsPerScreen: number;
}

export type WorkerOps = {
  "viewers:connect": [{ url: string; sittingId: string; total: number }, { count: number; ms: number }];
  "viewers:record": [{ on: boolean }, null];
  "viewers:wait-seq": [{ seq: number; timeoutMs: number }, { holding: number }];
  "viewers:latency": [{ ballots: Ballot[]; finalSeq: number; ballotsCast: number }, LatencyReport];
  "viewers:wait-resync": [{ since: number; seq: number; timeoutMs: number }, { resynced: number; lastAt: number; why: string }];
  "viewers:close": [Record<string, never>, null];
  "baseline:connect": [{ url: string; total: number }, { count: number }];
  "baseline:wait": [{ count: number; timeoutMs: number }, { holding: number }];
  "baseline:latency": [{ count: number; lastSentAt: number }, { samples: number[]; lastToAllMs: number; missing: number }];
  "baseline:close": [Record<string, never>, null];
};

const viewers: BenchClient[] = [];

interface BareClient {
  ws: WebSocket;
  /** Flattened [k, sentAt, receivedAt]. */
  got: number[];
  lastK: number;
}
const bare: BareClient[] = [];

function readNumberAfter(text: string, key: string): number {
  const i = text.indexOf(key);
  return i < 0 ? -1 : Number.parseFloat(text.slice(i + key.length, text.indexOf(",", i)));
}

async function inBatches(count: number, batch: number, make: () => Promise<void>): Promise<void> {
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await Promise.all(Array.from({ length: n }, make));
  }
}

serveRpc<WorkerOps>({
  "viewers:connect": async ({ url, sittingId, total }) => {
    const start = now();
    // Batches keep the accept backlog from overflowing; each screen counts once subscribed.
    await inBatches(total - viewers.length, 100, async () => {
      const v = new BenchClient(url, sittingId);
      viewers.push(v);
      if (!(await waitFor(() => v.syncedAt > 0, 30_000, 5))) throw new Error("a screen did not subscribe in 30 s");
    });
    return { count: viewers.length, ms: now() - start };
  },
  "viewers:record": ({ on }) => {
    for (const v of viewers) {
      v.recording = on;
      v.arrivals = [];
    }
    return null;
  },
  "viewers:wait-seq": async ({ seq, timeoutMs }) => {
    await waitFor(() => viewers.every((v) => v.seq >= seq), timeoutMs, 20);
    return { holding: viewers.filter((v) => v.seq >= seq).length };
  },
  "viewers:latency": ({ ballots, finalSeq, ballotsCast }) => {
    const samples: number[] = [];
    let allHeldAt = 0;
    let missing = 0;
    let verified = 0;
    let views = 0;
    for (const v of viewers) {
      const a = v.arrivals;
      views += a.length / 2;
      for (const b of ballots) {
        let at = -1;
        for (let i = 0; i < a.length; i += 2) {
          if ((a[i] ?? -1) >= b.seq) {
            at = a[i + 1] ?? -1;
            break;
          }
        }
        if (at < 0) missing += 1;
        else samples.push(at - b.emittedAt);
      }
      for (let i = 0; i < a.length; i += 2) {
        if ((a[i] ?? -1) >= finalSeq) {
          allHeldAt = Math.max(allHeldAt, a[i + 1] ?? 0);
          break;
        }
      }
      // What the screen shows, parsed in full: the tally must count every ballot.
      const vote = v.view()?.vote ?? null;
      const tallied = vote?.tally ? Object.values(vote.tally).reduce((s, n) => s + n, 0) : -1;
      if (vote?.ballotsCast === ballotsCast && tallied === ballotsCast) verified += 1;
    }
    return { samples, allHeldAt, missing, verified, viewsPerScreen: viewers.length ? views / viewers.length : 0 };
  },
  "viewers:wait-resync": async ({ since, seq, timeoutMs }) => {
    const done = (v: BenchClient) => v.syncedAt > since && v.syncedSeq === seq && v.seq >= seq;
    await waitFor(() => viewers.every(done), timeoutMs, 20);
    const ok = viewers.filter(done);
    // Why the others are not: not subscribed again since the stop, or told another seq.
    const late = viewers.filter((v) => !done(v));
    const why = late.length
      ? `${late.filter((v) => v.syncedAt <= since).length} not subscribed again; others told seq ${[...new Set(late.filter((v) => v.syncedAt > since).map((v) => v.syncedSeq))].slice(0, 5).join(", ")} (held ${late[0]?.seq}, expected ${seq})`
      : "";
    return { resynced: ok.length, lastAt: Math.max(0, ...ok.map((v) => v.syncedAt)), why };
  },
  "viewers:close": () => {
    for (const v of viewers.splice(0)) v.close();
    return null;
  },
  "baseline:connect": async ({ url, total }) => {
    await inBatches(total - bare.length, 100, async () => {
      const c: BareClient = { ws: new WebSocket(url, { perMessageDeflate: false }), got: [], lastK: -1 };
      bare.push(c);
      c.ws.on("message", (data: Buffer, isBinary: boolean) => {
        // Decode as a Socket.IO client decodes a text frame, then read the stamp, not the whole view.
        const text = isBinary ? "" : data.toString("utf8");
        const k = readNumberAfter(text, '"k":');
        c.got.push(k, readNumberAfter(text, '"t":'), now());
        c.lastK = k;
      });
      await new Promise<void>((resolve, reject) => {
        c.ws.once("open", () => resolve());
        c.ws.once("error", reject);
      });
    });
    return { count: bare.length };
  },
  "baseline:wait": async ({ count, timeoutMs }) => {
    await waitFor(() => bare.every((c) => c.lastK >= count - 1), timeoutMs, 20);
    return { holding: bare.filter((c) => c.lastK >= count - 1).length };
  },
  "baseline:latency": ({ count, lastSentAt }) => {
    const samples: number[] = [];
    let allHeldAt = 0;
    let missing = 0;
    for (const c of bare) {
      const g = c.got;
      missing += count - g.length / 3;
      for (let i = 0; i < g.length; i += 3) {
        samples.push((g[i + 2] ?? 0) - (g[i + 1] ?? 0));
        if (g[i] === count - 1) allHeldAt = Math.max(allHeldAt, g[i + 2] ?? 0);
      }
      c.got = [];
      c.lastK = -1;
    }
    return { samples, lastToAllMs: allHeldAt - lastSentAt, missing };
  },
  "baseline:close": () => {
    for (const c of bare.splice(0)) c.ws.terminate();
    return null;
  },
});
process.send?.({ ready: true });
