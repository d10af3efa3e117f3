// One live sitting in this process: a cache of its state over the database, a queue that decides
// commands in order, and listeners told after each commit. Transport-agnostic.
import { createHmac, randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { canonicalJson } from "../../core/audit/hash-chain";
import { applyCommand } from "../../core/sitting/apply-command";
import { applyEvent } from "../../core/sitting/apply-event";
import { reject, type Reply } from "../../core/refusal";
import type { RoomCommand } from "../../core/sitting/protocol";
import type { SittingHeader } from "../../core/sitting/projection";
import type { Actor, SittingEvent, SittingState } from "../../core/sitting/state";
import { depositInUrn } from "../../core/sitting/urn";
import { loadSitting } from "../store/sitting-store";
import { CommandLog, StaleStateError, type CommitInput } from "../store/command-log";
import { crashPoint } from "../fault";
import { errorMessage, type Clock, type Logger } from "../ports";

export type { Clock, Logger } from "../ports";

/** A command as the room receives it: which sitting, the sender's id for it, the body. */
export interface RoomEnvelope {
  sittingId: string;
  commandId: string;
  command: RoomCommand;
}

interface Pending {
  actor: Actor;
  env: RoomEnvelope;
  resolve: (reply: Reply<Record<string, unknown>>) => void;
}

/** At most this many commands share one transaction. */
const MAX_BATCH = 128;

/** Told after each commit with the events it appended (none after a reload). */
export type RoomListener = (room: SittingRoom, committed: readonly { seq: number; event: SittingEvent }[]) => void;

export interface RoomKeys {
  /** Opens and seals the secret urns. */
  urn: Buffer;
  /** Fingerprints a command's payload in its receipt. */
  receipt: Buffer;
}

export class SittingRoom {
  private pending: Pending[] = [];
  private draining = false;
  private listeners = new Set<RoomListener>();

  private constructor(
    private readonly db: Db,
    private readonly log: CommandLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly keys: RoomKeys,
    public state: SittingState,
    public header: SittingHeader,
  ) {}

  static async load(db: Db, log: CommandLog, sittingId: string, clock: Clock, logger: Logger, keys: RoomKeys): Promise<SittingRoom> {
    const { state, header } = await loadSitting(db, sittingId, keys.urn);
    return new SittingRoom(db, log, clock, logger, keys, state, header);
  }

  onChange(fn: RoomListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Decide a command: the reply comes only once it (and its receipt) is committed to disk. */
  handle(actor: Actor, env: RoomEnvelope): Promise<Reply<Record<string, unknown>>> {
    return new Promise((resolve) => {
      this.pending.push({ actor, env, resolve });
      if (this.pending.length === 1 && !this.draining) setImmediate(() => void this.drain());
    });
  }

  /** Commands that arrived in the same tick are decided in order and committed together. */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, MAX_BATCH);
        const outcome = this.safely(batch);
        if (outcome === "stale") {
          await this.reload();
          this.pending.unshift(...batch);
        } else if (outcome === "failed") {
          // One bad command must not sink the others: reload, then take them one at a time.
          await this.reload().catch(() => undefined);
          for (const p of batch) {
            const alone = this.safely([p]);
            if (alone !== "done") {
              await this.reload().catch(() => undefined);
              p.resolve(reject("internal"));
            }
          }
        }
        // Let sockets be read and broadcasts go out between two batches.
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }

  private safely(batch: Pending[]): "done" | "stale" | "failed" {
    try {
      return this.decideAndCommit(batch);
    } catch (err) {
      this.logger.error(`commands failed: ${errorMessage(err)}`);
      return "failed";
    }
  }

  private fingerprint(env: RoomEnvelope): string {
    return createHmac("sha256", this.keys.receipt)
      .update(`${env.commandId}\n${canonicalJson(env.command)}`)
      .digest("hex");
  }

  private decideAndCommit(batch: Pending[]): "done" | "stale" | "failed" {
    const now = this.clock.now().toISOString();
    let state = this.state;
    const replies: { p: Pending; reply: Reply<Record<string, unknown>> }[] = [];
    const commits: CommitInput[] = [];
    const committed: { seq: number; event: SittingEvent }[] = [];
    const inBatch = new Map<string, { userId: string; fingerprint: string; reply: Reply<Record<string, unknown>> }>();
    let secretClosed = false;
    for (const p of batch) {
      const { actor, env } = p;
      const fingerprint = this.fingerprint(env);
      const twin = inBatch.get(env.commandId);
      const previous = twin
        ? twin.userId !== actor.userId
          ? reject("bad-request", "this command id was used by another sender")
          : twin.fingerprint !== fingerprint
            ? reject("command-id-reused")
            : twin.reply
        : this.log.findReceipt(state.sittingId, env.commandId, actor.userId, fingerprint);
      if (previous !== null) {
        replies.push({ p, reply: previous as Reply<Record<string, unknown>> });
        continue;
      }
      const outcome = applyCommand(state, actor, env.command, { now, newId: () => `v-${randomUUID()}` });
      const events = outcome.ok ? outcome.events : [];
      const reply: Reply<Record<string, unknown>> = outcome.ok
        ? { ok: true, data: { ...outcome.reply, seq: state.seq + events.length } }
        : { ok: false, error: outcome.error };
      replies.push({ p, reply });
      // Every command id gets exactly one stored reply, whatever the outcome: a retry gets it back.
      inBatch.set(env.commandId, { userId: actor.userId, fingerprint, reply });
      let next = state;
      for (const e of events) {
        next = applyEvent(next, e);
        next.seq += 1;
        committed.push({ seq: next.seq, event: e });
        if (e.type === "vote:closed" && state.votes[e.voteId]?.mode === "secret") secretClosed = true;
      }
      let urn: CommitInput["urn"];
      if (outcome.ok && outcome.urnChoice && env.command.type === "ballot:cast") {
        const vote = next.votes[env.command.voteId];
        if (vote) {
          vote.urn = depositInUrn(vote.urn, outcome.urnChoice);
          urn = { voteId: vote.id, tally: vote.urn };
        }
      }
      commits.push({ state, commandId: env.commandId, userId: actor.userId, fingerprint, events, ...(urn ? { urn } : {}), reply, now });
      state = next;
    }
    if (commits.length) {
      crashPoint("commit:before");
      try {
        const chained = this.log.commit(commits).flat();
        crashPoint("commit:after");
        const last = chained[chained.length - 1];
        if (last) {
          state.seq = last.seq;
          state.lastHash = last.hash;
        }
      } catch (err) {
        if (err instanceof StaleStateError) return "stale";
        // A unique-key clash on a receipt means the same command won a race in another process.
        this.logger.error(`commit of ${commits.length} command(s) failed: ${errorMessage(err)}`);
        return "failed";
      }
      this.state = state;
      if (committed.length) this.notify(committed);
      // The urn's old sealed versions leave the WAL as soon as the vote is closed.
      if (secretClosed) this.log.checkpoint();
    }
    for (const { p, reply } of replies) p.resolve(reply);
    return "done";
  }

  async reload(): Promise<void> {
    const { state, header } = await loadSitting(this.db, this.state.sittingId, this.keys.urn);
    this.state = state;
    this.header = header;
    this.notify([]);
  }

  private notify(committed: readonly { seq: number; event: SittingEvent }[]): void {
    for (const fn of this.listeners) {
      try {
        fn(this, committed);
      } catch (err) {
        this.logger.error(`listener failed: ${errorMessage(err)}`);
      }
    }
  }
}

/** Loads each sitting once, even when many clients ask at the same moment. */
export class RoomRegistry {
  private rooms = new Map<string, Promise<SittingRoom>>();
  private created = new Set<(room: SittingRoom) => void>();
  constructor(
    private readonly db: Db,
    private readonly log: CommandLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly keys: RoomKeys,
  ) {}

  onRoomCreated(fn: (room: SittingRoom) => void): void {
    this.created.add(fn);
  }

  get(sittingId: string): Promise<SittingRoom> {
    let p = this.rooms.get(sittingId);
    if (!p) {
      p = SittingRoom.load(this.db, this.log, sittingId, this.clock, this.logger, this.keys).then((room) => {
        for (const fn of this.created) fn(room);
        return room;
      });
      p.catch(() => this.rooms.delete(sittingId));
      this.rooms.set(sittingId, p);
    }
    return p;
  }

  /** Reload a cached room (e.g. after the clerk edits the agenda) so its views follow. */
  async refresh(sittingId: string): Promise<void> {
    const p = this.rooms.get(sittingId);
    if (p) await (await p).reload();
  }
}
