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
import { CommandLog, StaleStateError } from "../store/command-log";
import { crashPoint } from "../fault";

export interface Clock {
  now(): Date;
}
export interface Logger {
  info(msg: string): void;
  error(msg: string): void;
}

/** Told after each commit with the events it appended (none after a reload). */
export type RoomListener = (room: SittingRoom, committed: readonly { seq: number; event: SittingEvent }[]) => void;

export class SittingRoom {
  private queue: Promise<unknown> = Promise.resolve();
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
    const run = this.queue.then(() => this.handleNow(actor, env));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handleNow(actor: Actor, env: CommandEnvelope): Promise<Reply<Record<string, unknown>>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const previous = this.log.findReceipt(this.state.sittingId, env.commandId, actor.userId);
      if (previous !== null) return previous as Reply<Record<string, unknown>>;
      const now = this.clock.now().toISOString();
      const outcome = applyCommand(this.state, actor, env.command, { now, newId: () => `v-${randomUUID()}` });
      if (!outcome.ok) return { ok: false, error: outcome.error };
      const reply: Reply<Record<string, unknown>> = { ok: true, data: { ...outcome.reply, seq: this.state.seq + outcome.events.length } };
      if (outcome.events.length === 0) return reply;
      crashPoint("commit:before");
      try {
        const chained = this.log.commit({
          state: this.state,
          commandId: env.commandId,
          userId: actor.userId,
          events: outcome.events,
          ...(outcome.urnChoice ? { urnChoice: outcome.urnChoice } : {}),
          reply,
          now,
        });
        crashPoint("commit:after");
        let next = this.state;
        for (const e of outcome.events) next = applyEvent(next, e);
        if (outcome.urnChoice && env.command.type === "ballot:cast") {
          const vote = next.votes[env.command.voteId];
          if (vote) vote.urn[outcome.urnChoice] += 1;
        }
        const last = chained[chained.length - 1]!;
        next.seq = last.seq;
        next.lastHash = last.hash;
        this.state = next;
        this.notify(outcome.events.map((event, i) => ({ seq: chained[i]!.seq, event })));
        return reply;
      } catch (err) {
        if (err instanceof StaleStateError) {
          await this.reload();
          continue;
        }
        // A unique-key clash on the receipt means the same command won a race in another process.
        this.logger.error(`command ${env.command.type} failed: ${err instanceof Error ? err.message : String(err)}`);
        await this.reload().catch(() => undefined);
        return reject("internal");
      }
    }
    return reject("internal", "the sitting kept changing; try again");
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
