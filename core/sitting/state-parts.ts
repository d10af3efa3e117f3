// The parts of a sitting's state and log that the whole sitting added (#13): nominations round by
// round, amendments, items set aside, closed sessions, votes cancelled, ballots the chair records
// and the paper urn. Pure data, imported by state.ts; the rules are in domains/*.ts.
import type { BallotMode, Choice, Tally } from "../vocabulary";
import type { ResultSnapshot } from "./state";

/** A candidate of a nomination: one member, or a list of members (L2121-21; L2122-7-2 for lists). */
export interface NominationCandidate {
  id: string;
  /** "Mme Élodie DESPRÉS", or the list's name. */
  label: string;
  /** The member (one) or the list's members in their order. */
  memberIds: string[];
  /** YYYY-MM-DD: the member's birth date, or a list's mean birth date (the elder breaks a round-3 tie). */
  birthDate: string;
}

/** What a round of a nomination counted (L2121-21): the figures every record prints. */
export interface NominationFigures {
  /** Ballots in the urn: candidates + blank or spoilt. */
  votants: number;
  blancsNuls: number;
  exprimes: number;
  /** Rounds 1 and 2 only. */
  majoriteAbsolue: number | null;
  voix: { candidateId: string; votes: number }[];
  /** Interested members present, recorded as not taking part. */
  nppv: number;
}

export interface NominationRound {
  voteId: string | null;
  seat: number;
  round: 1 | 2 | 3;
  mode: BallotMode;
  at: string;
  figures: NominationFigures;
  outcome: "elected" | "no-winner";
  electedId: string | null;
  reasonFr: string;
  reasonEn: string;
  ruleId: string;
  article: string;
}

export interface NominationState {
  seats: number;
  candidates: NominationCandidate[];
  /** The council's unanimous decision to vote openly (L2121-21), when taken. */
  openBallot: { at: string } | null;
  rounds: NominationRound[];
  /** Candidate ids elected, seat after seat. */
  elected: string[];
}

export interface AmendmentState {
  id: string;
  number: number;
  authorId: string;
  text: string;
  at: string;
  status: "pending" | "voting" | "decided" | "withdrawn";
  withdrawnReason: string | null;
  voteIds: string[];
  result: ResultSnapshot | null;
}

/** Why an item was not voted: withdrawn or deferred by the chair, or deferred for want of quorum. */
export interface SetAside {
  kind: "withdrawn" | "deferred";
  at: string;
  reasonFr: string;
  reasonEn: string;
  byChair: boolean;
}

/** A motion to sit in closed session (L2121-18) and, when carried, how long the huis clos lasted. */
export interface ClosedSession {
  voteId: string;
  itemId: string;
  requestedBy: string[];
  result: ResultSnapshot | null;
  began: string | null;
  ended: string | null;
}

/** What a vote decides: the item itself (absent), one of its amendments, or a motion for huis clos. */
export type VoteSubject = { kind: "amendment"; amendmentId: string } | { kind: "huis-clos"; requestedBy: string[] };

/** The round a nomination vote is (its candidates fixed at the opening, in the urn's order). */
export interface VoteNomination {
  seat: number;
  round: 1 | 2 | 3;
  candidates: { id: string; label: string }[];
}

/** A named pick in an open nomination: a candidate, or blank (null). */
export interface NominationPick {
  memberId: string;
  onBehalfOf: string;
  candidateId: string | null;
  at: string;
  byChair?: true;
}

/** What the chair put in a secret ballot's urn from the paper urn: who signed, how many; never what. */
export interface PaperDeposit {
  at: string;
  voters: { memberId: string; onBehalfOf: string }[];
}

/** The paper urn's totals as the chair types them: a tally, or per candidate and blank for a nomination. */
export interface PaperTotals {
  tally: Tally;
  candidates: number[];
}

export type { Choice };
