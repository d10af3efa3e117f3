// The room clock: one timer for the core's next deadline (a speech's time running out, a
// suspension's planned end). The deadline comes from the state, so after a restart, or on the node
// that claims the sitting after its owner died, the same one is found. Only the sitting's owner
// arms it: a read copy folds the owner's ticks and never sends its own (several nodes, #18).
import { CLOCK_USER_ID, nextDeadline } from "../../core/sitting/domains/clock";
import type { Actor, SittingState } from "../../core/sitting/state";
import type { Clock, Logger } from "../ports";
import type { RoomEnvelope, RoomReply } from "./sitting-room";

/** The room as its clock sees it. */
export interface ClockedRoom {
  readonly state: SittingState;
  /** True while the room decides for its sitting. */
  readonly owner: boolean;
  handle(actor: Actor, env: RoomEnvelope): Promise<RoomReply>;
}

export class RoomClock {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly room: ClockedRoom,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** True while a tick is planned. */
  get armed(): boolean {
    return this.timer !== null;
  }

  /** Sets the timer for the next deadline (or a retry); a read copy's clock stays disarmed. */
  arm(retryMs?: number): void {
    this.disarm();
    if (this.stopped || !this.room.owner) return;
    const deadline = nextDeadline(this.room.state);
    if (deadline === null && retryMs === undefined) return;
    const wait = retryMs ?? Date.parse(deadline ?? "") - this.clock.now().getTime();
    this.timer = setTimeout(() => void this.wake(), Math.min(Math.max(0, wait), 2 ** 31 - 1));
    this.timer.unref();
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The deadline came: the core decides what is due, as a command from the room clock, logged like any other. */
  async wake(): Promise<void> {
    this.timer = null;
    if (this.stopped || !this.room.owner) return;
    const state = this.room.state;
    const deadline = nextDeadline(state);
    if (deadline === null) return;
    if (Date.parse(deadline) > this.clock.now().getTime()) return this.arm();
    const actor: Actor = { userId: CLOCK_USER_ID, role: "clerk", memberId: null, councilId: state.councilId };
    // The same id for the same deadline at the same point of the log: two processes ticking agree.
    const commandId = `clock-${state.seq}-${Date.parse(deadline)}`;
    const reply = await this.room.handle(actor, { sittingId: state.sittingId, commandId, command: { type: "clock:tick" } });
    if (!reply.ok) {
      // "moved": the sitting is decided elsewhere now; arm() stays disarmed on a read copy.
      if (reply.error.code !== "moved") this.logger.error(`room clock of ${state.sittingId}: ${reply.error.code} ${reply.error.detail ?? ""}`);
      this.arm(1000);
    } else if (!this.timer) this.arm();
  }

  /** No more ticks (the server is closing). */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }
}
