// Folds events into the sitting state. Pure and total: the same log always gives the same state.
// `applyEvent` leaves its input untouched; `applyEvents` copies the state once and folds a whole run
// of events into the copy, so rebuilding a sitting costs one copy, not one per event.
import type { SittingEvent, SittingState } from "./state";
import * as agenda from "./domains/agenda";
import * as amendments from "./domains/amendments";
import * as attendance from "./domains/attendance";
import * as ballots from "./domains/ballots";
import * as chairBallots from "./domains/chair-ballots";
import * as closedSession from "./domains/closed-session";
import * as convocation from "./domains/convocation";
import * as clock from "./domains/clock";
import * as debate from "./domains/debate";
import type { Fold, FoldTable } from "./domains/kit";
import * as lifecycle from "./domains/lifecycle";
import * as minutesRecord from "./domains/minutes-record";
import * as nominations from "./domains/nominations";
import * as records from "./domains/records";
import * as voting from "./domains/voting";

const FOLD: FoldTable<SittingEvent["type"]> = {
  ...lifecycle.fold,
  ...attendance.fold,
  ...agenda.fold,
  ...voting.fold,
  ...ballots.fold,
  ...amendments.fold,
  ...nominations.fold,
  ...chairBallots.fold,
  ...closedSession.fold,
  ...minutesRecord.fold,
  ...records.fold,
  ...convocation.fold,
  ...debate.fold,
  ...clock.fold,
};

/** Folds one event into a state the caller owns and may change (a working copy). */
export function foldEvent(draft: SittingState, event: SittingEvent): void {
  const fold = FOLD[event.type] as Fold<SittingEvent> | undefined;
  if (!fold) throw new Error(`unknown event ${(event as { type: string }).type}`);
  fold(draft, event);
}

export function applyEvent(state: SittingState, event: SittingEvent): SittingState {
  const s = structuredClone(state);
  foldEvent(s, event);
  return s;
}

export function applyEvents(state: SittingState, events: readonly SittingEvent[]): SittingState {
  const s = structuredClone(state);
  for (const e of events) foldEvent(s, e);
  return s;
}
