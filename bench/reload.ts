// How long a sitting with a long log takes to load after a restart: 10,000 events written through the
// SQLite store (the real commit path: hash chain, ballots, receipts), then the store's `load` timed
// (the rows read through Prisma and folded on one copy of the state). Run by bench/run.ts.
import { randomBytes } from "node:crypto";
import { applyCommand } from "../core/sitting/apply-command";
import { applyEvents } from "../core/sitting/apply-event";
import type { CommandBody } from "../core/sitting/protocol";
import type { Actor } from "../core/sitting/state";
import { openDatabase } from "../server/db/client";
import type { CommitEntry } from "../server/store/port";
import { SqliteSittingStore } from "../server/store/sqlite-store";
import { BENCH, itemId, memberId } from "./setup-db";
import { now } from "./stats";

const president: Actor = { userId: BENCH.president, role: "president", memberId: memberId(0), councilId: BENCH.councilId };
const member = (i: number): Actor => ({ userId: `u-${memberId(i)}`, role: "councillor", memberId: memberId(i), councilId: BENCH.councilId });

export async function reloadMs(url: string, events: number, runs = 3): Promise<{ events: number; ms: number }> {
  const db = await openDatabase(url);
  const store = new SqliteSittingStore(db, url, randomBytes(32));
  try {
    let { state } = await store.load(BENCH.sittingId);
    let n = 0;
    // Commands are decided one by one on the local state and committed a hundred at a time (as the
    // room's group commit does under load), so building the log takes seconds, not minutes.
    let pending: CommitEntry[] = [];
    let from = { seq: state.seq, hash: state.lastHash };
    const flush = async () => {
      if (!pending.length) return;
      const r = await store.commit({ sittingId: state.sittingId, fromSeq: from.seq, fromHash: from.hash, entries: pending });
      if (!r.ok) throw new Error(`commit refused: ${r.reason}`);
      state.lastHash = r.chained[r.chained.length - 1]?.hash ?? state.lastHash;
      from = { seq: state.seq, hash: state.lastHash };
      pending = [];
    };
    const play = async (actor: Actor, command: CommandBody) => {
      const at = new Date().toISOString();
      const out = applyCommand(state, actor, command, { now: at, newId: () => `v-reload-${n}` });
      if (!out.ok) throw new Error(`${command.type} refused: ${out.error.code}`);
      pending.push({ commandId: `reload-${(n += 1)}`, userId: actor.userId, fingerprint: "", events: out.events, reply: out.reply, now: at });
      state = applyEvents(state, out.events);
      state.seq += out.events.length;
      if (pending.length >= 100) await flush();
    };
    for (let i = 0; i < BENCH.members; i++) await play(president, { type: "rollcall:mark", memberId: memberId(i), status: "present" });
    await play(president, { type: "sitting:open" });
    // Every item voted in public with each member changing their ballot as often as allowed, then
    // arrivals and departures until the log holds `events` events: a long, busy sitting.
    for (let item = 0; item < BENCH.items && state.seq < events; item++) {
      await play(president, { type: "item:call", itemId: itemId(item) });
      await play(president, { type: "vote:open", itemId: itemId(item), mode: "public", reveal: "live", allowChange: true });
      const voteId = state.openVoteId ?? "";
      for (let round = 0; round <= 10 && state.seq < events; round++)
        for (let i = 1; i < BENCH.members && state.seq < events; i++)
          await play(member(i), { type: "ballot:cast", voteId, choice: round % 2 === 0 ? "pour" : "contre" });
      await play(president, { type: "vote:close", voteId });
      await play(president, { type: "vote:proclaim", voteId });
    }
    for (let k = 0; state.seq < events; k++) {
      const id = memberId(1 + (k % (BENCH.members - 1)));
      await play(
        president,
        state.attendance[id]?.status === "present" ? { type: "rollcall:depart", memberId: id } : { type: "rollcall:mark", memberId: id, status: "present" },
      );
    }
    await flush();
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = now();
      const loaded = await store.load(BENCH.sittingId);
      times.push(now() - t);
      if (loaded.state.seq !== state.seq) throw new Error(`reloaded seq ${loaded.state.seq}, expected ${state.seq}`);
    }
    times.sort((a, b) => a - b);
    return { events: state.seq, ms: times[Math.floor(times.length / 2)] ?? 0 };
  } finally {
    await store.close();
    await db.$disconnect();
  }
}
