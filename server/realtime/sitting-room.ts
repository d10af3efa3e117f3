// One live sitting in this process: a cache of its state over the store, a queue that decides
// commands in order and commits those of one tick together, and listeners told after each commit.
// Transport-agnostic, storage-agnostic (a SittingStore is given).
import { createHmac, randomUUID } from "node:crypto";
import { canonicalJson } from "../../core/audit/hash-chain";
import { applyCommand } from "../../core/sitting/apply-command";
import { foldEvent } from "../../core/sitting/apply-event";
import { reject, type Reply } from "../../core/refusal";
import type { RoomCommand } from "../../core/sitting/protocol";
import type { SittingHeader } from "../../core/sitting/projection";
import type { Actor, SittingEvent, SittingState } from "../../core/sitting/state";
import { addToUrn } from "../../core/sitting/urn";
import { CLOCK_USER_ID, nextDeadline } from "../../core/sitting/domains/clock";
import type { CommitEntry, SittingStore, StoredReceipt } from "../store/port";
import { crashPoint } from "../fault";
import { errorMessage, type Clock, type Logger } from "../ports";

export type { Clock, Logger } from "../ports";

/** A command as the room receives it: which sitting, the sender's id for it, the body. */
export interface RoomEnvelope {
  sittingId: string;
  commandId: string;
  command: RoomCommand;
}

type RoomReply = Reply<Record<string, unknown>>;

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
}

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
  /** Reloads and batches run one at a time, never interleaved. */
  private exclusive: Promise<unknown> = Promise.resolve();
  /** The room clock: one timer for the core's next deadline (derived from the log, re-armed after each change). */
  private clockTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly deps: RoomDeps,
    public state: SittingState,
    public header: SittingHeader,
  ) {}

  static async load(deps: RoomDeps, sittingId: string): Promise<SittingRoom> {
    const { state, header } = await deps.store.load(sittingId);
    const room = new SittingRoom(deps, state, header);
    room.armClock();
    return room;
  }

  /**
   * Sets the one timer for the core's next deadline (a speech's time running out, a suspension's
   * planned end). The deadline comes from the state, so after a restart the same one is found.
   */
  private armClock(retryMs?: number): void {
    if (this.clockTimer) clearTimeout(this.clockTimer);
    this.clockTimer = null;
    if (this.stopped) return;
    const deadline = nextDeadline(this.state);
    if (deadline === null && retryMs === undefined) return;
    const wait = retryMs ?? Date.parse(deadline ?? "") - this.deps.clock.now().getTime();
    this.clockTimer = setTimeout(() => void this.wake(), Math.min(Math.max(0, wait), 2 ** 31 - 1));
    this.clockTimer.unref();
  }

  /** The deadline came: the core decides what is due, as a command from the room clock, logged like any other. */
  async wake(): Promise<void> {
    this.clockTimer = null;
    if (this.stopped) return;
    const deadline = nextDeadline(this.state);
    if (deadline === null) return;
    if (Date.parse(deadline) > this.deps.clock.now().getTime()) return this.armClock();
    const actor: Actor = { userId: CLOCK_USER_ID, role: "clerk", memberId: null, councilId: this.state.councilId };
    // The same id for the same deadline at the same point of the log: two processes ticking agree.
    const commandId = `clock-${this.state.seq}-${Date.parse(deadline)}`;
    const reply = await this.handle(actor, { sittingId: this.state.sittingId, commandId, command: { type: "clock:tick" } });
    if (!reply.ok) {
      this.deps.logger.error(`room clock of ${this.state.sittingId}: ${reply.error.code} ${reply.error.detail ?? ""}`);
      this.armClock(1000);
    } else if (!this.clockTimer) this.armClock();
  }

  /** No more ticks (the server is closing). */
  stop(): void {
    this.stopped = true;
    if (this.clockTimer) clearTimeout(this.clockTimer);
    this.clockTimer = null;
  }

  onChange(fn: RoomListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Decide a command: the reply comes only once it (and its receipt) is committed to disk. */
  handle(actor: Actor, env: RoomEnvelope): Promise<RoomReply> {
    return new Promise((resolve) => {
      this.pending.push({ actor, env, resolve });
      if (this.pending.length === 1 && !this.draining) setImmediate(() => void this.drain());
    });
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
    this.armClock();
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
      await this.reloadNow().catch(() => undefined);
      if (outcome === "failed") break;
    }
    // One bad command must not sink the others: take them one at a time.
    for (const p of batch) {
      if ((await this.safely([p])) !== "done") {
        await this.reloadNow().catch(() => undefined);
        p.resolve(reject("internal"));
      }
    }
  }

  private async safely(batch: Pending[]): Promise<"done" | "retry" | "failed"> {
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

  private async decideAndCommit(batch: Pending[]): Promise<"done" | "retry"> {
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
      if (!result.ok) return "retry";
      crashPoint("commit:after");
      const last = result.chained[result.chained.length - 1];
      if (last) {
        d.working.seq = last.seq;
        d.working.lastHash = last.hash;
      }
      this.state = d.working;
      this.armClock();
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

/** Loads each sitting once, even when many clients ask at the same moment. */
export class RoomRegistry {
  private rooms = new Map<string, Promise<SittingRoom>>();
  private created = new Set<(room: SittingRoom) => void>();
  constructor(private readonly deps: RoomDeps) {}

  onRoomCreated(fn: (room: SittingRoom) => void): void {
    this.created.add(fn);
  }

  get(sittingId: string): Promise<SittingRoom> {
    let p = this.rooms.get(sittingId);
    if (!p) {
      p = SittingRoom.load(this.deps, sittingId).then((room) => {
        // A commit made elsewhere (another process on the same database) reloads this room.
        this.deps.store.watch(sittingId, (lastSeq) => {
          if (lastSeq !== room.state.seq)
            void room.reload().catch((err: unknown) => this.deps.logger.error(`reload of ${sittingId} failed: ${errorMessage(err)}`));
        });
        for (const fn of this.created) fn(room);
        return room;
      });
      p.catch(() => this.rooms.delete(sittingId));
      this.rooms.set(sittingId, p);
    }
    return p;
  }

  /** Stops every room's clock (the server is closing). */
  async stop(): Promise<void> {
    for (const p of this.rooms.values()) (await p.catch(() => null))?.stop();
  }

  /** Reload a cached room (e.g. after the clerk edits the agenda) so its views follow. */
  async refresh(sittingId: string): Promise<void> {
    const p = this.rooms.get(sittingId);
    if (p) await (await p).reload();
  }
}
