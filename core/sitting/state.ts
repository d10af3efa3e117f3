// The state of one sitting and the events that build it. Pure data: applyEvent folds the log into
// the state, so a restart rebuilds exactly what was acknowledged.
import type { BallotMode, Choice, CouncilSettings, ItemKind, Role, Tally } from "../vocabulary";
import type { RecordPublishedEvent, RecordsState } from "../records/publication";
import type {
  AmendmentState,
  ClosedSession,
  NominationCandidate,
  NominationPick,
  NominationRound,
  NominationState,
  PaperDeposit,
  SetAside,
  VoteNomination,
  VoteSubject,
} from "./state-parts";
import type { ConvocationEvent, ConvocationState } from "../convocation/sitting-part";
import type { ClockEvent, ClockState, DebateEvent, DebateState } from "./debate-state";

export type { Role } from "../vocabulary";

export interface Actor {
  userId: string;
  role: Role;
  memberId: string | null;
  councilId: string | null;
}

export interface RosterMember {
  id: string;
  name: string; // "Mme Léonore MONCOND'HUY"
  civility: string;
  firstName: string;
  lastName: string;
  role: string; // maire | adjoint | conseiller-delegue | conseiller
  group: string | null;
  seat: number | null;
  birthDate: string | null;
}

export interface AgendaEntry {
  id: string;
  order: number;
  title: string;
  kind: ItemKind;
}

export interface QuorumSnapshot {
  required: number;
  counted: number;
  reached: boolean;
  reasonFr: string;
  reasonEn: string;
  ruleId: string;
}

export interface ItemCall {
  at: string;
  presentIds: string[];
  recusedIds: string[];
  proxies: { from: string; to: string }[]; // usable on this item
  absentIds: string[];
  quorum: QuorumSnapshot;
}

export interface ResultSnapshot {
  outcome: "adopted" | "rejected";
  castingVote: boolean;
  unanimous: boolean;
  majorityRequired?: number;
  tally: Tally;
  reasonFr: string;
  reasonEn: string;
  ruleId: string;
  article: string;
}

export interface ItemState extends AgendaEntry {
  status: "pending" | "called" | "voting" | "decided" | "deferred" | "withdrawn";
  interests: string[];
  ballotRequests: { public: string[]; secret: string[] };
  decidedMode: BallotMode | null;
  call: ItemCall | null;
  result: ResultSnapshot | null;
  voteIds: string[];
  /** Withdrawn or deferred, and why (the chair's words, or the quorum's rule). */
  setAside: SetAside | null;
  /** Amendments proposed on the item, voted before it. */
  amendments: AmendmentState[];
  /** A nomination's seats, candidates and rounds (items of kind "election"). */
  nomination: NominationState | null;
  /** Called while the council sat in closed session (L2121-18). */
  inCamera: boolean;
}

export interface VoteState {
  id: string;
  itemId: string;
  /** An amendment or a motion for huis clos; absent when the vote is on the item itself. */
  subject?: VoteSubject;
  /** A nomination round: its candidates, in the urn's order. */
  nomination?: VoteNomination;
  mode: BallotMode;
  reveal: "live" | "at-close";
  allowChange: boolean;
  status: "open" | "closed" | "proclaimed" | "cancelled";
  /** Why the chair cancelled the vote before its proclamation. */
  cancelled?: { at: string; reason: string };
  /** The president chose to vote now: the others may no longer vote (with "the president votes last"). */
  othersClosed?: { at: string };
  openedAt: string;
  closedAt: string | null;
  /**
   * Who may vote, and through whom, fixed when the vote opened (SIT-9): attendance and proxy
   * changes during the vote apply from the next one. One entry per voice (a member's own, or a
   * mandant's through the mandataire), so no member can be counted twice.
   */
  electorate: { memberId: string; onBehalfOf: string }[];
  /** Entitlements a member lost by leaving during the vote before using them (keys). */
  lapsed: string[];
  /** How many times each entitlement changed its ballot (a cap stops a device flooding the log). */
  changes: Record<string, number>;
  /** Named ballots (public, show of hands by device): key = `${memberId}|${onBehalfOf}`. */
  ballots: Record<string, { memberId: string; onBehalfOf: string; choice: Choice; at: string }>;
  /** Secret ballots: who has voted (émargement), never what. */
  signatures: string[];
  /** Ballots of an open nomination, by entitlement key: the candidate chosen (null = blank). */
  picks?: Record<string, NominationPick>;
  /** Named ballots (public or open nomination) the chair recorded for a member without a device (keys). */
  byChair?: string[];
  /** Paper ballots the chair put in a secret urn: who signed for them, never what they said. */
  paper?: PaperDeposit[];
  /** Secret urn totals: filled from the urn table, never from events. */
  urn: Tally;
  /** A secret nomination round's urn, per candidate (blank papers are in `urn.abstention`). */
  candidateUrn?: number[];
  /** Show of hands counted by the chair. */
  hands: { tally: Tally; presidentVote: Choice | "none" } | null;
  finalTally: Tally | null;
  /** A nomination round's final votes per candidate (in `nomination.candidates` order). */
  finalVotes?: number[];
}

export interface AttendanceEntry {
  status: "unknown" | "present" | "absent" | "excused" | "left";
  arrivedAt: string | null;
  leftAt: string | null;
}

/** The council's settings as the sitting reads them (declared once, in core/vocabulary.ts). */
export type SittingSettings = CouncilSettings;

/** The minutes' life after the sitting: approved versions (frozen, hashed), corrections, publication. */
export interface MinutesRecord {
  /** Approved versions, oldest first; each is a frozen snapshot whose hash is in the log. */
  versions: { version: number; hash: string; atSittingId: string; at: string }[];
  /** "draft": the secretaries may write; "approved": the latest version is frozen, read-only for everyone. */
  state: "draft" | "approved";
  publishedVersion: number | null;
  publishedAt: string | null;
  corrections: { at: string; reason: string; ofVersion: number }[];
}

export interface SittingState {
  sittingId: string;
  councilId: string;
  ruleSetId: string;
  date: string;
  settings: SittingSettings;
  status: "convened" | "opened" | "suspended" | "closed";
  secondConvocation: boolean;
  presidentMemberId: string | null;
  secretaryIds: string[];
  roster: Record<string, RosterMember>;
  membersInOffice: number;
  attendance: Record<string, AttendanceEntry>;
  proxies: Record<string, { to: string; at: string; sittingsUsed: number }>; // by mandant
  items: Record<string, ItemState>;
  itemOrder: string[];
  currentItemId: string | null;
  votes: Record<string, VoteState>;
  openVoteId: string | null;
  opening: { at: string; quorum: QuorumSnapshot } | null;
  suspensions: { at: string; resumedAt: string | null }[];
  /** Motions for huis clos and the closed sessions they began (L2121-18). */
  closedSessions: ClosedSession[];
  /** The closed session under way, if any: the public sees no item detail until it ends. */
  huisClos: { since: string; voteId: string } | null;
  closedAt: string | null;
  minutes: MinutesRecord;
  /** The published (frozen) extracts, list of deliberations and procès-verbal, every version (#14). */
  records: RecordsState;
  /** The weeks before the sitting: the convocation's dispatches, the ordre du jour's publication, declarations in advance (#19). */
  convocation: ConvocationState;
  /** The speakers' list and the speeches (#15). */
  debate: DebateState;
  /** What the room clock waits for besides speeches (a suspension's planned end). */
  clock: ClockState;
  seq: number;
  lastHash: string;
}

export type SittingEvent =
  | { type: "sitting:opened"; at: string; quorum: QuorumSnapshot; presentIds: string[] }
  | { type: "sitting:suspended"; at: string }
  | { type: "sitting:resumed"; at: string; quorum: QuorumSnapshot }
  | { type: "sitting:closed"; at: string }
  | { type: "rollcall:marked"; memberId: string; status: "present" | "absent" | "excused"; at: string }
  | { type: "rollcall:departed"; memberId: string; at: string }
  | { type: "proxy:given"; from: string; to: string; at: string; sittingsUsed: number }
  | { type: "proxy:revoked"; from: string; at: string }
  | { type: "interest:declared"; itemId: string; memberId: string }
  | { type: "item:called"; itemId: string; call: ItemCall }
  | { type: "item:deferred"; itemId: string; at: string; reasonFr: string; reasonEn: string; byChair?: true }
  | { type: "item:withdrawn"; itemId: string; at: string; reason: string }
  | { type: "amendment:proposed"; itemId: string; amendmentId: string; number: number; authorId: string; text: string; at: string }
  | { type: "amendment:withdrawn"; itemId: string; amendmentId: string; at: string; reason: string }
  | { type: "nomination:set"; itemId: string; seats: number; candidates: NominationCandidate[]; at: string }
  | { type: "nomination:open-ballot-decided"; itemId: string; at: string }
  | { type: "nomination:proclaimed"; itemId: string; voteId: string | null; round: NominationRound; result: ResultSnapshot | null }
  | { type: "nomination:picked"; voteId: string; memberId: string; onBehalfOf: string; candidateId: string | null; at: string; byChair?: true }
  | { type: "ballot-mode:requested"; itemId: string; memberId: string; mode: "public" | "secret" }
  | { type: "ballot-mode:decided"; itemId: string; mode: BallotMode; reasonFr: string; reasonEn: string }
  | {
      type: "vote:opened";
      voteId: string;
      itemId: string;
      mode: BallotMode;
      reveal: "live" | "at-close";
      allowChange: boolean;
      at: string;
      /** Absent from logs written before SIT-9: then computed from the state as it was. */
      electorate?: { memberId: string; onBehalfOf: string }[];
      subject?: VoteSubject;
      nomination?: VoteNomination;
    }
  | { type: "ballot:cast"; voteId: string; memberId: string; onBehalfOf: string; choice: Choice; at: string; byChair?: true }
  | { type: "ballot:deposited"; voteId: string; memberId: string; onBehalfOf: string }
  | { type: "vote:paper-deposited"; voteId: string; voters: { memberId: string; onBehalfOf: string }[]; at: string }
  | { type: "vote:others-closed"; voteId: string; at: string; notVoted: number }
  | { type: "vote:cancelled"; voteId: string; itemId: string; at: string; reason: string }
  | { type: "huis-clos:began"; voteId: string; itemId: string; at: string }
  | { type: "huis-clos:ended"; at: string }
  | { type: "vote:hands-recorded"; voteId: string; tally: Tally; presidentVote: Choice | "none" }
  | { type: "vote:closed"; voteId: string; at: string; tally: Tally; candidateVotes?: number[] }
  | { type: "vote:proclaimed"; voteId: string; itemId: string; result: ResultSnapshot }
  | { type: "minutes:approved"; version: number; hash: string; atSittingId: string; at: string }
  | { type: "minutes:reopened"; ofVersion: number; reason: string; at: string }
  | { type: "minutes:published"; version: number; at: string }
  | RecordPublishedEvent
  | ConvocationEvent
  | DebateEvent
  | ClockEvent;

export type SittingEventType = SittingEvent["type"];

export { EMPTY_TALLY } from "../vocabulary";
