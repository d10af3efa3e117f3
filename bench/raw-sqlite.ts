// The same durable write as a Séance ballot (receipt lookup, then one transaction: read lastSeq,
// append the hash-chained event, upsert the named ballot, move lastSeq, store the receipt) through
// the raw better-sqlite3 driver, WAL and synchronous=FULL: the ceiling without Prisma or the server.
import Database from "better-sqlite3";
import { canonicalJson, computeEventHash, GENESIS_HASH } from "../core/audit/hash-chain";
import { now } from "./stats";

export function rawBallotsPerSecond(file: string, sittingId: string, opts: { seconds: number; maxBallots: number }): { ballots: number; perSec: number } {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    const findReceipt = db.prepare<[string, string], { reply: string }>('SELECT reply FROM "CommandReceipt" WHERE sittingId = ? AND commandId = ?');
    const lastSeq = db.prepare<[string], { lastSeq: number }>('SELECT lastSeq FROM "Sitting" WHERE id = ?');
    const insertEvent = db.prepare(
      'INSERT INTO "SittingEvent" (sittingId, seq, type, payload, actor, at, prevHash, hash) VALUES (@sittingId, @seq, @type, @payload, @actor, @at, @prevHash, @hash)',
    );
    const upsertBallot = db.prepare(
      "INSERT INTO \"Ballot\" (voteId, memberId, onBehalfOf, choice, castAt) VALUES (?, ?, '', ?, ?) " +
        "ON CONFLICT (voteId, memberId, onBehalfOf) DO UPDATE SET choice = excluded.choice, castAt = excluded.castAt",
    );
    const moveSeq = db.prepare('UPDATE "Sitting" SET lastSeq = ? WHERE id = ?');
    const insertReceipt = db.prepare('INSERT INTO "CommandReceipt" (sittingId, commandId, userId, reply) VALUES (?, ?, ?, ?)');
    let prevHash = GENESIS_HASH;
    const commit = db.transaction((i: number) => {
      const seq = (lastSeq.get(sittingId)?.lastSeq ?? 0) + 1;
      const memberId = `b${String((i % 69) + 1).padStart(2, "0")}`;
      const choice = i % 2 === 0 ? "pour" : "contre";
      const at = new Date().toISOString();
      const payload = canonicalJson({ type: "ballot:cast", voteId: "v-raw", memberId, onBehalfOf: "", choice, at });
      const base = { sittingId, seq, type: "ballot:cast", payload, actor: `u-${memberId}`, at, prevHash };
      const hash = computeEventHash(base);
      insertEvent.run({ ...base, hash });
      upsertBallot.run("v-raw", memberId, choice, at);
      moveSeq.run(seq, sittingId);
      insertReceipt.run(sittingId, `raw-${i}`, `u-${memberId}`, JSON.stringify({ ok: true, data: { receipt: { at, choice }, seq } }));
      prevHash = hash;
    });
    const start = now();
    let ballots = 0;
    while (ballots < opts.maxBallots && now() - start < opts.seconds * 1000) {
      if (findReceipt.get(sittingId, `raw-${ballots}`)) throw new Error("receipt already present");
      commit.immediate(ballots);
      ballots += 1;
    }
    return { ballots, perSec: ballots / ((now() - start) / 1000) };
  } finally {
    db.close();
  }
}
