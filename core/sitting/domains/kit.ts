// What every part of the sitting's rules is made of: a decision per command type (the events to
// append, or a refusal) and a fold per event type (how it changes the state). The tables are typed
// by the command and event unions, so a command or event without its handler does not compile.
import type { Rejection, RoomCommand } from "../protocol";
import type { Actor, SittingEvent, SittingState } from "../state";
import type { PaperTotals } from "../state-parts";
import { wallTimeToInstant } from "../../time";

export interface CommandContext {
  now: string; // ISO time of acceptance
  newId: () => string; // fresh opaque id (votes)
}

/**
 * What goes into a secret urn with the events, apart from the log: a deposit's one ballot or the
 * paper urn's totals (the room adds it to the sealed urn; the log never holds it).
 */
export type UrnAdd = PaperTotals;

export type CommandOutcome = { ok: true; events: SittingEvent[]; reply: Record<string, unknown>; urnAdd?: UrnAdd } | { ok: false; error: Rejection };

export type Decide<C> = (state: SittingState, actor: Actor, cmd: C, ctx: CommandContext) => CommandOutcome;
export type DecideTable<T extends RoomCommand["type"]> = { [K in T]: Decide<Extract<RoomCommand, { type: K }>> };

/** Folds an event into a state the caller owns (a working copy): it changes it in place. */
export type Fold<E> = (draft: SittingState, event: E) => void;
export type FoldTable<T extends SittingEvent["type"]> = { [K in T]: Fold<Extract<SittingEvent, { type: K }>> };

export type Allowed = readonly Actor["role"][];
export const CHAIR: Allowed = ["president", "clerk"];
export const PRESIDENT: Allowed = ["president"];
export const VOTERS: Allowed = ["councillor", "president"];

export function ok(events: SittingEvent[], reply: Record<string, unknown> = {}): CommandOutcome {
  return { ok: true, events, reply };
}

/**
 * "HH:MM" given by the chair (a late arrival noted afterwards) on the sitting's date and the council's
 * clock, else now; the log keeps a UTC instant either way.
 */
export function timeOf(state: SittingState, ctx: CommandContext, hhmm?: string): string {
  return hhmm ? wallTimeToInstant(state.date, hhmm, state.settings.timeZone) : ctx.now;
}
