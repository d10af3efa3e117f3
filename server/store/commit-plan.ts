// What a batch of commands writes, worked out before any database is touched: the hash-chained
// events, the named ballots, the secret signatures and sealed urns, the receipts, the sitting's new
// status. The PostgreSQL store sends it as a few set-based statements; SQLite's command log keeps
// its own statement-per-row loop (its hot path, unchanged).
import { canonicalJson, computeEventHash, type ChainedEvent } from "../../core/audit/hash-chain";
import type { SittingEvent } from "../../core/sitting/state";
import { EMPTY_TALLY } from "../../core/vocabulary";
import type { CommitBatch } from "./port";
import { sealUrn } from "./urn-seal";

/** The sitting's status after these events (the Sitting row keeps it for the lists). */
export const STATUS_AFTER: Partial<Record<SittingEvent["type"], string>> = {
  "sitting:opened": "opened",
  "sitting:resumed": "opened",
  "sitting:suspended": "suspended",
  "sitting:closed": "closed",
};

export interface CommitPlan {
  chained: ChainedEvent[];
  lastSeq: number;
  /** The status after the batch, null when unchanged. */
  status: string | null;
  /** By (voteId, memberId, onBehalfOf): the last choice of the batch wins, as row after row would. */
  ballots: { voteId: string; memberId: string; onBehalfOf: string; choice: string; castAt: string }[];
  signatures: { voteId: string; memberId: string; onBehalfOf: string }[];
  /** By voteId: the urn after the batch's last deposit, sealed (only that state reaches the disk). */
  urns: { voteId: string; sealed: Buffer }[];
  receipts: { commandId: string; userId: string; fingerprint: string; reply: string; createdAt: string }[];
}

export function planCommit(batch: CommitBatch, urnKey: Buffer): CommitPlan {
  const chained: ChainedEvent[] = [];
  const ballots = new Map<string, CommitPlan["ballots"][number]>();
  const signatures: CommitPlan["signatures"] = [];
  const urns = new Map<string, Buffer>();
  let seq = batch.fromSeq;
  let prevHash = batch.fromHash;
  let status: string | null = null;
  for (const c of batch.entries) {
    for (const event of c.events) {
      seq += 1;
      // Secret deposits are signed "secret": the log says who voted, never what.
      const actor = event.type === "ballot:deposited" ? "secret" : c.userId;
      const base = { sittingId: batch.sittingId, seq, type: event.type, payload: canonicalJson(event), actor, at: c.now, prevHash };
      const hash = computeEventHash(base);
      chained.push({ ...base, hash });
      prevHash = hash;
      status = STATUS_AFTER[event.type] ?? status;
      if (event.type === "vote:opened" && event.mode === "secret") {
        // A nomination round's urn has one counter per candidate besides the four totals.
        const candidates = event.nomination?.candidates.map(() => 0) ?? [];
        urns.set(event.voteId, sealUrn(urnKey, event.voteId, EMPTY_TALLY, candidates));
      } else if (event.type === "ballot:cast") {
        const key = `${event.voteId}\n${event.memberId}\n${event.onBehalfOf}`;
        ballots.delete(key);
        ballots.set(key, { voteId: event.voteId, memberId: event.memberId, onBehalfOf: event.onBehalfOf, choice: event.choice, castAt: event.at });
      } else if (event.type === "ballot:deposited" || event.type === "vote:paper-deposited") {
        // A deposit in the urn, or the paper urn's totals with the voters who signed for them.
        if (!c.urn || c.urn.voteId !== event.voteId) throw new Error("secret deposit without its urn");
        const signers = event.type === "ballot:deposited" ? [event] : event.voters;
        for (const v of signers) signatures.push({ voteId: event.voteId, memberId: v.memberId, onBehalfOf: v.onBehalfOf });
        urns.set(event.voteId, sealUrn(urnKey, event.voteId, c.urn.tally, c.urn.candidates));
      }
    }
  }
  return {
    chained,
    lastSeq: seq,
    status,
    ballots: [...ballots.values()],
    signatures,
    urns: [...urns].map(([voteId, sealed]) => ({ voteId, sealed })),
    receipts: batch.entries.map((c) => ({
      commandId: c.commandId,
      userId: c.userId,
      fingerprint: c.fingerprint,
      reply: JSON.stringify(c.reply),
      createdAt: c.now,
    })),
  };
}
