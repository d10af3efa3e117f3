// The sitting's storage port: what a room needs from a store, whatever the database (SQLite on one
// machine, PostgreSQL on several, memory in tests). One contract suite runs against every
// implementation (tests/store/contract.test.ts).
import type { ChainedEvent } from "../../core/audit/hash-chain";
import type { SittingHeader } from "../../core/sitting/projection";
import type { SittingEvent, SittingState } from "../../core/sitting/state";
import type { Tally } from "../../core/vocabulary";

export interface LoadedSitting {
  state: SittingState;
  header: SittingHeader;
}

/** A command already decided: who sent it, the fingerprint of its payload, the reply it got. */
export interface StoredReceipt {
  userId: string;
  fingerprint: string;
  reply: unknown;
}

/** One command of a batch: its events (none for a refusal or a no-op), its effects, its reply. */
export interface CommitEntry {
  commandId: string;
  userId: string;
  fingerprint: string;
  events: SittingEvent[];
  /** A secret deposit's urn after it, or after the paper urn's totals (the store seals it); a nomination round's has its candidates' counters. */
  urn?: { voteId: string; tally: Tally; candidates?: number[] };
  reply: unknown;
  /** ISO time of acceptance, recorded with each event. */
  now: string;
}

/** The commands decided together, continuing the log from `fromSeq` / `fromHash`. */
export interface CommitBatch {
  sittingId: string;
  fromSeq: number;
  fromHash: string;
  entries: CommitEntry[];
}

export type CommitResult =
  | { ok: true; chained: ChainedEvent[] }
  /** The log moved on elsewhere: reload and decide again. */
  | { ok: false; reason: "stale" }
  /** Some command ids already have a receipt (a retry raced in elsewhere): reload and answer from it. */
  | { ok: false; reason: "duplicate"; commandIds: string[] }
  /** This store does not hold the sitting (another node decides for it, or the claim was lost). */
  | { ok: false; reason: "not-owner" };

export interface SittingStore {
  /**
   * Several nodes share this store (PostgreSQL): a room decides for a sitting only once its store
   * has claimed it, and follows the others' commits otherwise. False: this process alone writes
   * (SQLite, one laptop), so it decides for every sitting.
   */
  readonly shared: boolean;
  /** The sitting as its log makes it (and the open secret urn, opened with the server key). */
  load(sittingId: string): Promise<LoadedSitting>;
  /** The receipts of these command ids that exist. */
  findReceipts(sittingId: string, commandIds: readonly string[]): Promise<Map<string, StoredReceipt>>;
  /**
   * Appends the entries' events, applies their effects and stores every reply in ONE transaction,
   * checking inside it that the log is still at `fromSeq` and that no command id has a receipt yet.
   * Resolves once the transaction is durable.
   */
  commit(batch: CommitBatch): Promise<CommitResult>;
  /** Told when the sitting's log grows by a commit made elsewhere (another process or node). */
  watch(sittingId: string, onCommitted: (lastSeq: number) => void): () => void;
  /** The stored events after `afterSeq`, in order: how a read copy catches up on a gap. */
  eventsAfter(sittingId: string, afterSeq: number): Promise<ChainedEvent[]>;
  /**
   * Become the one who commits for this sitting; false while another store holds it. A store that
   * is not shared holds every sitting. A commit for a sitting not held is refused ("not-owner").
   */
  claim(sittingId: string): Promise<boolean>;
  /** Give a claimed sitting back (another node may claim it). */
  release(sittingId: string): Promise<void>;
  /** Told when a claimed sitting is lost without `release` (the connection that held it ended). */
  onLost(fn: (sittingId: string) => void): () => void;
  /** After a secret vote closes: let the storage drop every trace of the urn's intermediate states. */
  afterSecretVoteClosed(): void;
  close(): Promise<void>;
}
