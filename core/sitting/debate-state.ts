// The debate's part of a sitting's state and its events: requests to speak (the speakers' list),
// speeches with the time each was allowed, and the room clock's planned resumption of a suspension.
// Every timer is data here (an instant and a length), never a timer in memory: a restart folds the
// same events and finds the same deadline.
import type { RequestKind, SpeechKind } from "../vocabulary";

/** A member's request to speak on an item, waiting in the speakers' list. */
export interface SpeechRequest {
  id: string;
  itemId: string;
  memberId: string;
  kind: RequestKind;
  at: string;
  /** Added by the chair (a member without a device, a hand raised in the room). */
  byChair: boolean;
}

/** Why a speech ended: the chair ended it or gave the floor to the next speaker, or the sitting moved on. */
export type SpeechEnd = "chair" | "next-speaker" | "item-changed" | "suspended" | "closed";

/** A speech: who had the floor, on which item, when, and the time they were allowed. */
export interface Speech {
  id: string;
  itemId: string;
  memberId: string;
  /** The member's political group when they got the floor (the roster may change later). */
  group: string | null;
  kind: SpeechKind;
  requestId: string | null;
  startedAt: string;
  /** Allowed length (ms) when the floor was given, from the settings and the group's budget; null: no limit. */
  allowanceMs: number | null;
  /** What the chair added since. */
  addedMs: number;
  /** The allowed time ran out (the instant it did), noted by the room clock. */
  timeUpAt: string | null;
  endedAt: string | null;
  endReason: SpeechEnd | null;
}

export interface DebateState {
  /** Pending requests, every item's, in the order the chair will give the floor. */
  requests: SpeechRequest[];
  /** Every speech of the sitting, oldest first; the one with no `endedAt` has the floor. */
  speeches: Speech[];
  currentSpeechId: string | null;
}

/** The room clock's own state: a suspension planned to end at a given time ("reprise à 20h15"). */
export interface ClockState {
  plannedResumption: {
    /** Index of the suspension it belongs to in `suspensions`: a later suspension has no plan. */
    suspension: number;
    at: string;
    /** The planned time came (noted by the room clock); the chair resumes when the room is back. */
    dueAt: string | null;
  } | null;
}

export type DebateEvent =
  | { type: "speech:requested"; requestId: string; itemId: string; memberId: string; kind: RequestKind; at: string; byChair: boolean }
  | { type: "speech:withdrawn"; requestId: string; at: string; byChair: boolean }
  | { type: "speech:reordered"; itemId: string; requestIds: string[] }
  | {
      type: "floor:given";
      speechId: string;
      itemId: string;
      memberId: string;
      group: string | null;
      kind: SpeechKind;
      requestId: string | null;
      at: string;
      allowanceMs: number | null;
    }
  | { type: "floor:time-added"; speechId: string; ms: number; at: string }
  | { type: "floor:time-up"; speechId: string; at: string }
  | { type: "floor:ended"; speechId: string; at: string; reason: SpeechEnd };

export type ClockEvent =
  { type: "suspension:planned"; suspension: number; at: string; resumeAt: string } | { type: "suspension:due"; suspension: number; at: string };

export function emptyDebate(): DebateState {
  return { requests: [], speeches: [], currentSpeechId: null };
}

export function emptyClock(): ClockState {
  return { plannedResumption: null };
}
