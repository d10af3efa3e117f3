// Pieces of the views the whole sitting added (#13): an item's amendments, nomination and reason it was
// set aside; a vote's subject, nomination round, paper and chair-recorded ballots; what the public may
// not see during a closed session. Pure; projection.ts assembles the views.
import { countPicks, currentVotes } from "./derive";
import type { ItemState, ResultSnapshot, SittingState, VoteState } from "./state";
import type { NominationState, SetAside, VoteSubject } from "./state-parts";

export interface ItemExtras {
  setAside: SetAside | null;
  amendments: { id: string; number: number; authorId: string; text: string; status: string; result: ResultSnapshot | null; withdrawnReason: string | null }[];
  nomination: NominationState | null;
  inCamera: boolean;
}

export function itemExtras(it: ItemState): ItemExtras {
  return {
    setAside: it.setAside,
    amendments: it.amendments.map((a) => ({
      id: a.id,
      number: a.number,
      authorId: a.authorId,
      text: a.text,
      status: a.status,
      result: a.result,
      withdrawnReason: a.withdrawnReason,
    })),
    nomination: it.nomination,
    inCamera: it.inCamera,
  };
}

export interface VoteExtras {
  subject: VoteSubject | null;
  /** A nomination round: its candidates, and their votes once they may be seen (null while hidden). */
  nomination: { seat: number; round: number; candidates: { id: string; label: string }[]; votes: number[] | null; blank: number | null } | null;
  /** Paper ballots the chair put in a secret urn (how many, never what). */
  paperBallots: number;
  /** Named ballots the chair recorded for members without a device. */
  recordedByChair: number;
  cancelled: { at: string; reason: string } | null;
  /** The president chose to vote now: the others may no longer vote. */
  othersClosed: boolean;
}

export function voteExtras(vote: VoteState, visible: boolean): VoteExtras {
  const n = vote.nomination;
  const counted = n && visible ? currentVotes(vote) : null;
  return {
    subject: vote.subject ?? null,
    nomination: n ? { seat: n.seat, round: n.round, candidates: n.candidates, votes: counted?.votes ?? null, blank: counted?.blank ?? null } : null,
    paperBallots: (vote.paper ?? []).reduce((a, p) => a + p.voters.length, 0),
    recordedByChair: vote.byChair?.length ?? 0,
    cancelled: vote.cancelled ?? null,
    othersClosed: !!vote.othersClosed,
  };
}

/** An open nomination's named picks, for the seat map: who chose whom (never for a secret round). */
export function pickNames(vote: VoteState): { memberId: string; onBehalfOf: string; candidateId: string | null }[] {
  return Object.values(vote.picks ?? {})
    .map((p) => ({ memberId: p.memberId, onBehalfOf: p.onBehalfOf, candidateId: p.candidateId }))
    .sort((a, b) => (a.memberId + a.onBehalfOf).localeCompare(b.memberId + b.onBehalfOf));
}

/** The chair's live figures of a named vote (never of a secret one: a live count would link taps to names). */
export function chairLive(vote: VoteState | null): { votes: number[]; blank: number } | null {
  if (!vote || vote.mode === "secret" || !vote.nomination) return null;
  return countPicks(vote);
}

/** Whether the public must not see this item now: it was called in the closed session still under way. */
export function hiddenInCamera(state: SittingState, it: ItemState): boolean {
  return !!state.huisClos && it.inCamera;
}
