// One live sitting in this process: a cache of its state over the store, a queue that decides
// commands in order and commits those of one tick together, and listeners told after each commit.
// Transport-agnostic, storage-agnostic (a SittingStore is given). On a shared store (several
// nodes) a room is either the sitting's owner, which decides, or a read copy, which folds the
// owner's committed events with the same pure code and hands commands to the owner (`forward`).
import { createHmac, randomUUID } from "node:crypto";
import { canonicalJson } from "../../core/audit/hash-chain";
import { applyCommand } from "../../core/sitting/apply-command";
import { foldEvent } from "../../core/sitting/apply-event";
import { reject, type Reply } from "../../core/refusal";
import type { RoomCommand } from "../../core/sitting/protocol";
import type { SittingHeader } from "../../core/sitting/projection";
import type { Actor, SittingEvent, SittingState } from "../../core/sitting/state";
import { addToUrn } from "../../core/sitting/urn";
import type { ChainedEvent } from "../../core/audit/hash-chain";
import type { CommitEntry, SittingStore, StoredReceipt } from "../store/port";
import { crashPoint } from "../fault";
import { errorMessage, type Clock, type Logger } from "../ports";
import { RoomClock } from "./room-clock";

export type { Clock, Logger } from "../ports";
export type { RoomRegistry } from "./room-registry";

/** A command as the room receives it: which sitting, the sender's id for it, the body. */
export interface RoomEnvelope {
  sittingId: string;
  commandId: string;
  command: RoomCommand;
}

export type RoomReply = Reply<Record<string, unknown>>;

interface Pending {
  actor: Actor;
  env: RoomEnvelope;
  resolve: (reply: RoomReply) => void;
}

/** At most this many commands share one transaction. */
const MAX_BATCH = 128;

/** Told after each commit with the events it appended (none after a reload). */
export type RoomListener = (room: SittingRoom, committed: readonly { seq: number; event: SittingEvent }[]) => void;

export interface RoomDeps {
  store: SittingStore;
  clock: Clock;
  logger: Logger;
  /** Fingerprints a command's payload in its receipt (a key the database does not hold). */
  receiptKey: Buffer;
  /** Hands a command to the node that owns the sitting (several nodes); without it: "moved". */
  forward?: (actor: Actor, env: RoomEnvelope) => Promise<RoomReply>;
}

/** After a failed claim, commands are forwarded for this long before the room tries again. */
const CLAIM_RETRY_MS = 250;

/** What a batch's decisions came to: the replies, the entries to commit, the state they lead to. */
interface Decided {
  replies: { p: Pending; reply: RoomReply }[];
  entries: CommitEntry[];
  committed: { seq: number; event: SittingEvent }[];
  working: SittingState;
  secretClosed: boolean;
}

export class SittingRoom {
  private pending: Pending[] = [];
  private draining = false;
  private listeners = new Set<RoomListener>();
  private ownedListeners = new Set<(room: SittingRoom) => void>();
  /** Reloads and batches run one at a time, never interleaved. */
  private exclusive: Promise<unknown> = Promise.resolve();
  /** This room decides (it holds the sitting); otherwise it is a read copy. */
  private owns: boolean;
  private claiming: Promise<boolean> | null = null;
  private claimFailedAt = Number.NEGATIVE_INFINITY;
  /** The room clock: armed only while this room owns its sitting (a read copy never ticks). */
  private readonly clock: RoomClock;

  private constructor(
    private readonly deps: RoomDeps,
    public state: SittingState,
    public header: SittingHeader,
  ) {
    this.owns = !deps.store.shared;
    this.clock = new RoomClock(this, deps.clock, deps.logger);
  }

  /** True while this room decides for its sitting (always, on a store that is not shared). */
  get owner(): boolean {
    return this.owns;
  }

  static async load(deps: RoomDeps, sittingId: string): Promise<SittingRoom> {
    const { state, header } = await deps.store.load(sittingId);
    const room = new SittingRoom(deps, state, header);
    room.clock.arm();
    return room;
  }

  /** The room clock's deadline came (tests call it directly): a tick if one is due and this room owns. */
  wake(): Promise<void> {
    return this.clock.wake();
  }

  /** No more ticks (the server is closing). */
  stop(): void {
    this.clock.stop();
  }

  onChange(fn: RoomListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Told when this room becomes the sitting's owner (a shared store's claim succeeded). */
  onOwned(fn: (room: SittingRoom) => void): () => void {
    this.ownedListeners.add(fn);
    return () => this.ownedListeners.delete(fn);
  }

  /**
   * Decide a command: the reply comes only once it (and its receipt) is committed to disk. A read
   * copy first tries to claim the sitting, else hands the command to its owner.
   */
  handle(actor: Actor, env: RoomEnvelope): Promise<RoomReply> {
    if (!this.owns) return this.handleAway(actor, env, true);
    return new Promise((resolve) => {
      this.pending.push({ actor, env, resolve });
      if (this.pending.length === 1 && !this.draining) setImmediate(() => void this.drain());
    });
  }

  /** A command another node handed over: decided here if this room owns (or can claim) the sitting, never handed on. */
  handleHere(actor: Actor, env: RoomEnvelope): Promise<RoomReply> {
    return this.owns ? this.handle(actor, env) : this.handleAway(actor, env, false);
  }

  private async handleAway(actor: Actor, env: RoomEnvelope, mayForward: boolean): Promise<RoomReply> {
    if (await this.claim()) return this.handle(actor, env);
    if (!mayForward || !this.deps.forward) return reject("moved");
    const reply = await this.deps.forward(actor, env);
    // Nobody decides for the sitting any more (its owner died or let it go): claim it now rather
    // than send the client round again.
    if (!reply.ok && reply.error.code === "moved" && (await this.claim(true))) return this.handle(actor, env);
    return reply;
  }

  /**
   * Claims the sitting for this room, once at a time. The state is reloaded after the claim: a read
   * copy has no secret urn and may lag, and the owner decides on what is stored.
   */
  claim(now = false): Promise<boolean> {
    if (this.owns) return Promise.resolve(true);
    if (!now && performance.now() - this.claimFailedAt < CLAIM_RETRY_MS) return Promise.resolve(false);
    this.claiming ??= this.serialised(async () => {
      if (this.owns) return true;
      if (!(await this.deps.store.claim(this.state.sittingId))) {
        this.claimFailedAt = performance.now();
        return false;
      }
      try {
        await this.reloadNow();
      } catch (err) {
        await this.deps.store.release(this.state.sittingId);
        throw err;
      }
      this.owns = true;
      // The new owner ticks for the sitting from now on (the deadline is in the state it reloaded).
      this.clock.arm();
      for (const fn of this.ownedListeners) fn(this);
      return true;
    }).finally(() => (this.claiming = null));
    return this.claiming;
  }

  /** The store lost the sitting (its connection ended): this room becomes a read copy again. */
  demote(): void {
    if (!this.owns) return;
    this.owns = false;
    this.clock.disarm();
    void this.serialised(() => this.reloadNow()).catch((err: unknown) =>
      this.deps.logger.error(`reload of ${this.state.sittingId} failed: ${errorMessage(err)}`),
    );
  }

  /**
   * Catch up with commits made elsewhere: a read copy folds the stored events after its seq (the
   * same pure code as the owner); an owner that hears of another's commit reloads.
   */
  follow(): Promise<void> {
    return this.serialised(async () => {
      if (this.owns) return this.reloadNow();
      const events = await this.deps.store.eventsAfter(this.state.sittingId, this.state.seq);
      if (events.length && !this.foldFollowed(events)) await this.reloadNow();
    });
  }

  /** Folds followed events into a copy; false (nothing changed) when they do not continue the state. */
  private foldFollowed(events: ChainedEvent[]): boolean {
    const working = structuredClone(this.state);
    const committed: { seq: number; event: SittingEvent }[] = [];
    for (const row of events) {
      // A hole or a fork in what was read: start again from the stored state.
      if (row.seq !== working.seq + 1 || row.prevHash !== working.lastHash) return false;
      const event = JSON.parse(row.payload) as SittingEvent;
      foldEvent(working, event);
      working.seq = row.seq;
      working.lastHash = row.hash;
      committed.push({ seq: row.seq, event });
    }
    this.state = working;
    this.notify(committed);
    return true;
  }

  /** Reload from the store (after the clerk edits the agenda, or a commit made elsewhere). */
  reload(): Promise<void> {
    return this.serialised(() => this.reloadNow());
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(fn, fn);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(): Promise<void> {
    const { state, header } = await this.deps.store.load(this.state.sittingId);
    this.state = state;
    this.header = header;
    this.clock.arm();
    this.notify([]);
  }

  /** Commands that arrived in the same tick are decided in order and committed together. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.serialised(() => this.settle(batch));
        // Let sockets be read and broadcasts go out between two batches.
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }

  /** One batch to its end: committed, or after a reload decided again, or one command at a time. */
  private async settle(batch: Pending[]): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await this.safely(batch);
      if (outcome === "done") return;
      if (outcome === "moved") return this.moved(batch);
      await this.reloadNow().catch(() => undefined);
      if (outcome === "failed") break;
    }
    // One bad command must not sink the others: take them one at a time.
    for (const p of batch) {
      const outcome = await this.safely([p]);
      if (outcome === "moved") this.moved([p]);
      else if (outcome !== "done") {
        await this.reloadNow().catch(() => undefined);
        p.resolve(reject("internal"));
      }
    }
  }

  /** The sitting is decided elsewhere now: the senders retry (with the same ids) and reach its owner. */
  private moved(batch: Pending[]): void {
    for (const p of batch) p.resolve(reject("moved"));
    this.demote();
  }

  private async safely(batch: Pending[]): Promise<"done" | "retry" | "failed" | "moved"> {
    try {
      return await this.decideAndCommit(batch);
    } catch (err) {
      this.deps.logger.error(`commands failed: ${errorMessage(err)}`);
      return "failed";
    }
  }

  private fingerprint(env: RoomEnvelope): string {
    return createHmac("sha256", this.deps.receiptKey)
      .update(`${env.commandId}\n${canonicalJson(env.command)}`)
      .digest("hex");
  }

  private async decideAndCommit(batch: Pending[]): Promise<"done" | "retry" | "moved"> {
    if (!this.owns) return "moved";
    const receipts = await this.deps.store.findReceipts(
      this.state.sittingId,
      batch.map((p) => p.env.commandId),
    );
    const d = this.decide(batch, receipts);
    if (d.entries.length) {
      crashPoint("commit:before");
      const result = await this.deps.store.commit({
        sittingId: this.state.sittingId,
        fromSeq: this.state.seq,
        fromHash: this.state.lastHash,
        entries: d.entries,
      });
      if (!result.ok) return result.reason === "not-owner" ? "moved" : "retry";
      crashPoint("commit:after");
      const last = result.chained[result.chained.length - 1];
      if (last) {
        d.working.seq = last.seq;
        d.working.lastHash = last.hash;
      }
      this.state = d.working;
      this.clock.arm();
      if (d.committed.length) this.notify(d.committed);
      // The urn's old sealed versions leave the storage as soon as the vote is closed.
      if (d.secretClosed) this.deps.store.afterSecretVoteClosed();
    }
    for (const { p, reply } of d.replies) p.resolve(reply);
    return "done";
  }

  /** Pure decisions over a working copy of the state: one copy per batch, events folded into it. */
  private decide(batch: Pending[], receipts: Map<string, StoredReceipt>): Decided {
    const now = this.deps.clock.now().toISOString();
    const working = structuredClone(this.state);
    const out: Decided = { replies: [], entries: [], committed: [], working, secretClosed: false };
    const decided = new Map<string, { userId: string; fingerprint: string; reply: RoomReply }>();
    for (const p of batch) {
      const { actor, env } = p;
      const fingerprint = this.fingerprint(env);
      const previous = decided.get(env.commandId) ?? receipts.get(env.commandId);
      if (previous) {
        // A command id is its sender's, for one payload: a retry gets the stored reply, nothing else does.
        const reply =
          previous.userId !== actor.userId
            ? reject("bad-request", "this command id was used by another sender")
            : previous.fingerprint !== fingerprint
              ? reject("command-id-reused")
              : (previous.reply as RoomReply);
        out.replies.push({ p, reply });
        continue;
      }
      const outcome = applyCommand(working, actor, env.command, { now, newId: () => `v-${randomUUID()}` });
      const events = outcome.ok ? outcome.events : [];
      const reply: RoomReply = outcome.ok ? { ok: true, data: { ...outcome.reply, seq: working.seq + events.length } } : { ok: false, error: outcome.error };
      out.replies.push({ p, reply });
      // The room clock's tick that found nothing due decided nothing: no receipt to keep.
      if (env.command.type === "clock:tick" && !events.length) continue;
      // Every command id gets exactly one stored reply, whatever the outcome: a retry gets it back.
      decided.set(env.commandId, { userId: actor.userId, fingerprint, reply });
      for (const e of events) {
        // A secret vote closed or cancelled: its urn's past sealed states leave the storage.
        if ((e.type === "vote:closed" || e.type === "vote:cancelled") && working.votes[e.voteId]?.mode === "secret") out.secretClosed = true;
        foldEvent(working, e);
        working.seq += 1;
        out.committed.push({ seq: working.seq, event: e });
      }
      let urn: CommitEntry["urn"];
      const voteId = "voteId" in env.command ? env.command.voteId : undefined;
      const vote = outcome.ok && outcome.urnAdd && voteId ? working.votes[voteId] : undefined;
      if (outcome.ok && outcome.urnAdd && vote) {
        // The deposit's choice (or the paper urn's totals) goes to the sealed urn, never to the log.
        const next = addToUrn({ tally: vote.urn, candidates: vote.candidateUrn ?? [] }, outcome.urnAdd);
        vote.urn = next.tally;
        if (vote.nomination) vote.candidateUrn = next.candidates;
        urn = { voteId: vote.id, tally: vote.urn, ...(vote.nomination ? { candidates: next.candidates } : {}) };
      }
      out.entries.push({ commandId: env.commandId, userId: actor.userId, fingerprint, events, ...(urn ? { urn } : {}), reply, now });
    }
    return out;
  }

  private notify(committed: readonly { seq: number; event: SittingEvent }[]): void {
    for (const fn of this.listeners) {
      try {
        fn(this, committed);
      } catch (err) {
        this.deps.logger.error(`listener failed: ${errorMessage(err)}`);
      }
    }
  }
}
