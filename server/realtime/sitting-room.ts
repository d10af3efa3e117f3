// One live sitting in this process: a cache of its state over the database, a queue that applies
// commands one at a time, and listeners told after each commit. Transport-agnostic.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { applyCommand } from "../../core/sitting/apply-command";
import { applyEvent } from "../../core/sitting/apply-event";
import { reject, type CommandEnvelope, type Reply } from "../../core/sitting/protocol";
import type { SittingHeader } from "../../core/sitting/projection";
import type { Actor, SittingEvent, SittingState } from "../../core/sitting/state";
import { loadSitting } from "../store/sitting-store";
import { CommandLog, StaleStateError, type CommitInput } from "../store/command-log";
import { crashPoint } from "../fault";

export interface Clock {
  now(): Date;
}
export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

/** Told after each commit with the events it appended (none after a reload). */
interface Pending {
  actor: Actor;
  env: CommandEnvelope;
  resolve: (reply: Reply<Record<string, unknown>>) => void;
}

/** At most this many commands share one transaction. */
const MAX_BATCH = 128;

export type RoomListener = (room: SittingRoom, committed: readonly { seq: number; event: SittingEvent }[]) => void;

export class SittingRoom {
  private pending: Pending[] = [];
  private draining = false;
  private listeners = new Set<RoomListener>();

  private constructor(
    private readonly db: Db,
    private readonly log: CommandLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    public state: SittingState,
    public header: SittingHeader,
  ) {}

  static async load(db: Db, log: CommandLog, sittingId: string, clock: Clock, logger: Logger): Promise<SittingRoom> {
    const { state, header } = await loadSitting(db, sittingId);
    return new SittingRoom(db, log, clock, logger, state, header);
  }

  onChange(fn: RoomListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Apply a command: reply only after its events are committed to disk. */
  handle(actor: Actor, env: CommandEnvelope): Promise<Reply<Record<string, unknown>>> {
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
        const ok = this.safely(batch);
        if (ok === "stale") {
          await this.reload();
          this.pending.unshift(...batch);
        } else if (ok === "failed") {
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
      this.logger.error(`commands failed: ${err instanceof Error ? err.message : String(err)}`);
      return "failed";
    }
  }

  private decideAndCommit(batch: Pending[]): "done" | "stale" | "failed" {
    const now = this.clock.now().toISOString();
    let state = this.state;
    const replies: { p: Pending; reply: Reply<Record<string, unknown>> }[] = [];
    const commits: CommitInput[] = [];
    const committed: { seq: number; event: SittingEvent }[] = [];
    const inBatch = new Map<string, { userId: string; reply: Reply<Record<string, unknown>> }>();
    for (const p of batch) {
      const { actor, env } = p;
      const twin = inBatch.get(env.commandId);
      const previous = twin
        ? twin.userId === actor.userId
          ? twin.reply
          : reject("bad-request", "this command id was used by another sender")
        : this.log.findReceipt(state.sittingId, env.commandId, actor.userId);
      if (previous !== null) {
        replies.push({ p, reply: previous as Reply<Record<string, unknown>> });
        continue;
      }
      const outcome = applyCommand(state, actor, env.command, { now, newId: () => `v-${randomUUID()}` });
      if (!outcome.ok) {
        replies.push({ p, reply: { ok: false, error: outcome.error } });
        continue;
      }
      const reply: Reply<Record<string, unknown>> = { ok: true, data: { ...outcome.reply, seq: state.seq + outcome.events.length } };
      replies.push({ p, reply });
      if (outcome.events.length === 0) continue;
      inBatch.set(env.commandId, { userId: actor.userId, reply });
      commits.push({
        state,
        commandId: env.commandId,
        userId: actor.userId,
        events: outcome.events,
        ...(outcome.urnChoice ? { urnChoice: outcome.urnChoice } : {}),
        reply,
        now,
      });
      let next = state;
      for (const e of outcome.events) {
        next = applyEvent(next, e);
        next.seq += 1;
        committed.push({ seq: next.seq, event: e });
      }
      if (outcome.urnChoice && env.command.type === "ballot:cast") {
        const vote = next.votes[env.command.voteId];
        if (vote) vote.urn[outcome.urnChoice] += 1;
      }
      state = next;
    }
    if (commits.length) {
      crashPoint("commit:before");
      try {
        const chained = this.log.commit(commits).flat();
        crashPoint("commit:after");
        const last = chained[chained.length - 1]!;
        state.seq = last.seq;
        state.lastHash = last.hash;
      } catch (err) {
        if (err instanceof StaleStateError) return "stale";
        // A unique-key clash on a receipt means the same command won a race in another process.
        this.logger.error(`commit of ${commits.length} command(s) failed: ${err instanceof Error ? err.message : String(err)}`);
        return "failed";
      }
      this.state = state;
      this.notify(committed);
    }
    for (const { p, reply } of replies) p.resolve(reply);
    return "done";
  }

  async reload(): Promise<void> {
    const { state, header } = await loadSitting(this.db, this.state.sittingId);
    this.state = state;
    this.header = header;
    this.notify([]);
  }

  private notify(committed: readonly { seq: number; event: SittingEvent }[]): void {
    for (const fn of this.listeners) {
      try {
        fn(this, committed);
      } catch (err) {
        this.logger.error(`listener failed: ${err instanceof Error ? err.message : String(err)}`);
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
  ) {}

  onRoomCreated(fn: (room: SittingRoom) => void): void {
    this.created.add(fn);
  }

  get(sittingId: string): Promise<SittingRoom> {
    let p = this.rooms.get(sittingId);
    if (!p) {
      p = SittingRoom.load(this.db, this.log, sittingId, this.clock, this.logger).then((room) => {
        for (const fn of this.created) fn(room);
        return room;
      });
      p.catch(() => this.rooms.delete(sittingId));
      this.rooms.set(sittingId, p);
    }
    return p;
  }

  /** Drop a cached room (e.g. after the clerk edits the agenda) so the next read reloads it. */
  async refresh(sittingId: string): Promise<void> {
    const p = this.rooms.get(sittingId);
    if (p) await (await p).reload();
  }
}
