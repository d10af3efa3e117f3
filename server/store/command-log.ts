// The hot path of every command: the receipt lookup and the one transaction that appends events and
// applies their effects, through prepared better-sqlite3 statements on a connection of its own.
// Prisma 6.19 compiled each query on the main thread (≈ 9 ms of CPU per ballot, see
// docs/PERFORMANCE.md); here the same transaction is a few hundred microseconds plus the fsync.
import Database from "better-sqlite3";
import { canonicalJson, computeEventHash, type ChainedEvent } from "../../core/audit/hash-chain";
import { reject, type Choice } from "../../core/sitting/protocol";
import type { SittingEvent, SittingState } from "../../core/sitting/state";
import { databaseFile } from "../db/url";
import { crashPoint } from "../fault";

export class StaleStateError extends Error {
  constructor() {
    super("the sitting changed in another process");
  }
}
export class UnknownSittingError extends Error {}

export interface CommitInput {
  state: SittingState;
  commandId: string;
  userId: string;
  events: SittingEvent[];
  urnChoice?: Choice;
  reply: unknown;
  now: string;
}

const STATUS_AFTER: Partial<Record<SittingEvent["type"], string>> = {
  "sitting:opened": "opened",
  "sitting:resumed": "opened",
  "sitting:suspended": "suspended",
  "sitting:closed": "closed",
};

export class CommandLog {
  private readonly db: Database.Database;
  private readonly q;
  private readonly commitTx: Database.Transaction<(batch: CommitInput[]) => ChainedEvent[][]>;

  constructor(url: string) {
    this.db = new Database(databaseFile(url), { fileMustExist: true });
    this.db.pragma("journal_mode = WAL");
    // An acknowledged ballot must survive a power cut: fsync at every commit.
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
    this.q = {
      receipt: this.db.prepare<[string, string], { userId: string; reply: string }>(
        'SELECT userId, reply FROM "CommandReceipt" WHERE sittingId = ? AND commandId = ?',
      ),
      lastSeq: this.db.prepare<[string], { lastSeq: number }>('SELECT lastSeq FROM "Sitting" WHERE id = ?'),
      event: this.db.prepare('INSERT INTO "SittingEvent" (sittingId, seq, type, payload, actor, at, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      urn: this.db.prepare('INSERT INTO "SecretUrn" (voteId) VALUES (?)'),
      ballot: this.db.prepare(
        'INSERT INTO "Ballot" (voteId, memberId, onBehalfOf, choice, castAt) VALUES (?, ?, ?, ?, ?) ON CONFLICT (voteId, memberId, onBehalfOf) DO UPDATE SET choice = excluded.choice, castAt = excluded.castAt',
      ),
      signature: this.db.prepare('INSERT INTO "SecretSignature" (voteId, memberId, onBehalfOf) VALUES (?, ?, ?)'),
      deposit: {
        pour: this.db.prepare('UPDATE "SecretUrn" SET pour = pour + 1 WHERE voteId = ?'),
        contre: this.db.prepare('UPDATE "SecretUrn" SET contre = contre + 1 WHERE voteId = ?'),
        abstention: this.db.prepare('UPDATE "SecretUrn" SET abstention = abstention + 1 WHERE voteId = ?'),
        nppv: this.db.prepare('UPDATE "SecretUrn" SET nppv = nppv + 1 WHERE voteId = ?'),
      },
      sitting: this.db.prepare('UPDATE "Sitting" SET lastSeq = ?, status = COALESCE(?, status) WHERE id = ?'),
      addReceipt: this.db.prepare('INSERT INTO "CommandReceipt" (sittingId, commandId, userId, reply, createdAt) VALUES (?, ?, ?, ?, ?)'),
    };
    // Group commit: the commands that arrived in the same tick share one transaction and one fsync.
    this.commitTx = this.db.transaction((batch: CommitInput[]) => {
      const out: ChainedEvent[][] = [];
      let seq = batch[0]?.state.seq ?? 0;
      let hash = batch[0]?.state.lastHash ?? "";
      for (const c of batch) {
        const chained = this.apply(c, seq, hash);
        const last = chained[chained.length - 1];
        if (last) {
          seq = last.seq;
          hash = last.hash;
        }
        out.push(chained);
      }
      crashPoint("commit:in-tx");
      return out;
    });
  }

  /** The stored reply of a command already applied (a retry), a refusal if the id is someone else's, or null. */
  findReceipt(sittingId: string, commandId: string, userId: string): unknown | null {
    const r = this.q.receipt.get(sittingId, commandId);
    if (!r) return null;
    // A command id is its sender's: anyone else presenting it is refused, never given the sender's reply.
    if (r.userId !== userId) return reject("bad-request", "this command id was used by another sender");
    return JSON.parse(r.reply) as unknown;
  }

  /**
   * Appends the commands' events and applies their effects in ONE transaction; returns only once it
   * is on disk. Each command's `state` is the state it was decided on; the chain continues across them.
   */
  commit(batch: CommitInput[]): ChainedEvent[][] {
    return this.commitTx.immediate(batch);
  }

  close(): void {
    this.db.close();
  }

  private apply(c: CommitInput, startSeq: number, startHash: string): ChainedEvent[] {
    const sittingId = c.state.sittingId;
    const row = this.q.lastSeq.get(sittingId);
    if (!row) throw new UnknownSittingError(sittingId);
    if (row.lastSeq !== startSeq) throw new StaleStateError();
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
      if (event.type === "vote:opened" && event.mode === "secret") this.q.urn.run(event.voteId);
      else if (event.type === "ballot:cast") this.q.ballot.run(event.voteId, event.memberId, event.onBehalfOf, event.choice, event.at);
      else if (event.type === "ballot:deposited") {
        if (!c.urnChoice) throw new Error("secret deposit without a choice");
        this.q.signature.run(event.voteId, event.memberId, event.onBehalfOf);
        if (this.q.deposit[c.urnChoice].run(event.voteId).changes !== 1) throw new Error("no urn for this vote");
      }
    }
    this.q.sitting.run(seq, status, sittingId);
    this.q.addReceipt.run(sittingId, c.commandId, c.userId, JSON.stringify(c.reply), c.now);
    return chained;
  }
}
