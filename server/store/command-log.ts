// The hot path of every command: the receipt lookup and the one transaction that appends events,
// applies their effects and stores every command's reply, through prepared better-sqlite3
// statements on a connection of its own. Prisma 6.19 compiled each query on the main thread
// (≈ 9 ms of CPU per ballot, see docs/PERFORMANCE.md); here the same transaction is a few hundred
// microseconds plus the fsync.
import Database from "better-sqlite3";
import { canonicalJson, computeEventHash, type ChainedEvent } from "../../core/audit/hash-chain";
import { EMPTY_TALLY } from "../../core/vocabulary";
import { databaseFile } from "../db/url";
import { crashPoint } from "../fault";
import { STATUS_AFTER } from "./commit-plan";
import { StaleStateError, UnknownSittingError } from "./errors";
import type { CommitBatch, CommitEntry, CommitResult, StoredReceipt } from "./port";
import type { StoredEventRow } from "./sitting-store";
import { sealUrn } from "./urn-seal";

export { StaleStateError, UnknownSittingError };

/** A duplicate command id found inside the transaction (it rolls the batch back). */
class DuplicateCommandError extends Error {
  constructor(readonly commandIds: string[]) {
    super(`command id(s) already decided: ${commandIds.join(", ")}`);
  }
}

export class CommandLog {
  private readonly db: Database.Database;
  private readonly q;
  private readonly commitTx: Database.Transaction<(batch: CommitBatch) => ChainedEvent[]>;

  constructor(
    url: string,
    private readonly urnKey: Buffer,
  ) {
    this.db = new Database(databaseFile(url), { fileMustExist: true });
    this.db.pragma("journal_mode = WAL");
    // An acknowledged ballot must survive a power cut: fsync at every commit.
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
    // Freed pages are zeroed: an overwritten urn leaves nothing behind in the file.
    this.db.pragma("secure_delete = ON");
    this.q = {
      receipt: this.db.prepare<[string, string], { userId: string; fingerprint: string; reply: string }>(
        'SELECT userId, fingerprint, reply FROM "CommandReceipt" WHERE sittingId = ? AND commandId = ?',
      ),
      lastSeq: this.db.prepare<[string], { lastSeq: number }>('SELECT lastSeq FROM "Sitting" WHERE id = ?'),
      events: this.db.prepare<[string], StoredEventRow>('SELECT seq, payload, hash FROM "SittingEvent" WHERE sittingId = ? ORDER BY seq'),
      event: this.db.prepare('INSERT INTO "SittingEvent" (sittingId, seq, type, payload, actor, at, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      urn: this.db.prepare('INSERT INTO "SecretUrn" (voteId, sealed) VALUES (?, ?) ON CONFLICT (voteId) DO UPDATE SET sealed = excluded.sealed'),
      ballot: this.db.prepare(
        'INSERT INTO "Ballot" (voteId, memberId, onBehalfOf, choice, castAt) VALUES (?, ?, ?, ?, ?) ON CONFLICT (voteId, memberId, onBehalfOf) DO UPDATE SET choice = excluded.choice, castAt = excluded.castAt',
      ),
      signature: this.db.prepare('INSERT INTO "SecretSignature" (voteId, memberId, onBehalfOf) VALUES (?, ?, ?)'),
      sitting: this.db.prepare('UPDATE "Sitting" SET lastSeq = ?, status = COALESCE(?, status) WHERE id = ?'),
      addReceipt: this.db.prepare('INSERT INTO "CommandReceipt" (sittingId, commandId, userId, fingerprint, reply, createdAt) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    // Group commit: the commands that arrived in the same tick share one transaction and one fsync.
    this.commitTx = this.db.transaction((batch: CommitBatch) => {
      const row = this.q.lastSeq.get(batch.sittingId);
      if (!row) throw new UnknownSittingError(batch.sittingId);
      if (row.lastSeq !== batch.fromSeq) throw new StaleStateError();
      // The receipts are looked up again inside the transaction: a retry that raced in elsewhere wins.
      const taken = batch.entries.filter((e) => this.q.receipt.get(batch.sittingId, e.commandId)).map((e) => e.commandId);
      if (taken.length) throw new DuplicateCommandError(taken);
      const out: ChainedEvent[] = [];
      let seq = batch.fromSeq;
      let hash = batch.fromHash;
      for (const entry of batch.entries) {
        const chained = this.apply(batch.sittingId, entry, seq, hash);
        const last = chained[chained.length - 1];
        if (last) {
          seq = last.seq;
          hash = last.hash;
        }
        out.push(...chained);
      }
      crashPoint("commit:in-tx");
      return out;
    });
  }

  findReceipts(sittingId: string, commandIds: readonly string[]): Map<string, StoredReceipt> {
    const out = new Map<string, StoredReceipt>();
    for (const id of commandIds) {
      const r = this.q.receipt.get(sittingId, id);
      if (r) out.set(id, { userId: r.userId, fingerprint: r.fingerprint, reply: JSON.parse(r.reply) as unknown });
    }
    return out;
  }

  /** The sitting's log in order, read on this connection (Prisma takes about five times as long). */
  readEvents(sittingId: string): StoredEventRow[] {
    return this.q.events.all(sittingId);
  }

  lastSeq(sittingId: string): number | null {
    return this.q.lastSeq.get(sittingId)?.lastSeq ?? null;
  }

  /**
   * Appends the commands' events, applies their effects and stores every reply in ONE transaction;
   * returns only once it is on disk.
   */
  commit(batch: CommitBatch): CommitResult {
    try {
      return { ok: true, chained: this.commitTx.immediate(batch) };
    } catch (err) {
      if (err instanceof StaleStateError) return { ok: false, reason: "stale" };
      if (err instanceof DuplicateCommandError) return { ok: false, reason: "duplicate", commandIds: err.commandIds };
      throw err;
    }
  }

  /** After a secret vote closes: fold the WAL into the database and empty it (old frames gone). */
  checkpoint(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  close(): void {
    this.db.close();
  }

  private apply(sittingId: string, c: CommitEntry, startSeq: number, startHash: string): ChainedEvent[] {
    const chained: ChainedEvent[] = [];
    let prevHash = startHash;
    let seq = startSeq;
    let status: string | null = null;
    for (const event of c.events) {
      seq += 1;
      // Secret deposits are signed "secret": the log says who voted, never what.
      const actor = event.type === "ballot:deposited" ? "secret" : c.userId;
      const base = { sittingId, seq, type: event.type, payload: canonicalJson(event), actor, at: c.now, prevHash };
      const hash = computeEventHash(base);
      chained.push({ ...base, hash });
      this.q.event.run(sittingId, seq, event.type, base.payload, actor, c.now, prevHash, hash);
      prevHash = hash;
      status = STATUS_AFTER[event.type] ?? status;
      if (event.type === "vote:opened" && event.mode === "secret") {
        const candidates = event.nomination?.candidates.map(() => 0) ?? [];
        this.q.urn.run(event.voteId, sealUrn(this.urnKey, event.voteId, EMPTY_TALLY, candidates));
      } else if (event.type === "ballot:cast") this.q.ballot.run(event.voteId, event.memberId, event.onBehalfOf, event.choice, event.at);
      else if (event.type === "ballot:deposited" || event.type === "vote:paper-deposited") {
        if (!c.urn || c.urn.voteId !== event.voteId) throw new Error("secret deposit without its urn");
        const signers = event.type === "ballot:deposited" ? [event] : event.voters;
        for (const v of signers) this.q.signature.run(event.voteId, v.memberId, v.onBehalfOf);
        this.q.urn.run(event.voteId, sealUrn(this.urnKey, event.voteId, c.urn.tally, c.urn.candidates));
      }
    }
    if (c.events.length) this.q.sitting.run(seq, status, sittingId);
    this.q.addReceipt.run(sittingId, c.commandId, c.userId, c.fingerprint, JSON.stringify(c.reply), c.now);
    return chained;
  }
}
