// Shared vocabulary of the rules engine: the shapes every rule set, check and screen agrees on.
// Pure types only, so the live sitting, the screens and the conformance runner can all import them.

import type { Bilingual } from "../vocabulary";

export type { Choice, BallotMode, ItemKind, Tally, Reason } from "../vocabulary";
import type { BallotMode, Choice, ItemKind, Reason, Tally } from "../vocabulary";

export type RuleSetId = "fr-cgct" | "fr-cgct-covid-2020" | "roberts-rules" | "uk-lga-1972";

export type LocalizedText = Bilingual;

/** Inclusive on both ends, YYYY-MM-DD. */
export interface DatePeriod {
  from: string;
  to: string;
}

/** Where each rule of a rule set comes from, so reasons cite the right text for that rule set. */
export interface RuleSetArticles {
  ruleSet: string;
  quorum: string;
  secondConvocation: string;
  interested: string;
  proxies: string;
  vote: string;
  castingVote: string;
  compteAdministratif: string;
  closedSession: string;
  twoThirds: string;
  ballotMode: string;
  election: string;
}

/** How a motion to sit in private (huis clos) is carried. */
export type ClosedSessionRule = "absolute-majority-present-or-represented" | "ordinary-majority";
/** How the approval of the accounts (compte administratif) is decided. */
export type AccountsRule = "stands-unless-majority-against" | "ordinary-majority";
/** How a nomination is won, round by round. */
export type ElectionRule = "absolute-then-plurality" | "majority-every-round";

export interface RuleSet {
  id: RuleSetId;
  label: LocalizedText;
  /** One sentence on what the rule set is and when to use it. */
  description: LocalizedText;
  /** Dated rule sets only: first day in force (inclusive). */
  validFrom?: string;
  /** Dated rule sets only: the sitting date must fall in one of these (inclusive). */
  periods?: DatePeriod[];
  /** 0 = proxies are not allowed at all. */
  maxProxiesPerHolder: number;
  /** null = no limit on how many consecutive sittings a proxy may serve. */
  maxConsecutiveSittingsPerProxy: number | null;
  proxiesCountForQuorum: boolean;
  quorumRequired(membersInOffice: number): number;
  /** The quorum formula in words, e.g. "la moitié plus un des membres en exercice". */
  quorumFormula: LocalizedText;
  /** SPEC rule id of this set's quorum formula, cited in quorum reasons. */
  quorumRuleId: string;
  /** A sitting re-convened after a failed quorum deliberates without quorum. */
  secondConvocationWaivesQuorum: boolean;
  /** The chair breaks a tie; never in a secret ballot, whatever the rule set. */
  hasCastingVote: boolean;
  supportsTwoThirds: boolean;
  closedSession: ClosedSessionRule;
  accounts: AccountsRule;
  elections: ElectionRule;
  /** Number of members present whose request forces a public / secret ballot. */
  ballotThresholds(present: number): { public: number; secret: number };
  nominationsBySecretBallot: boolean;
  articles: RuleSetArticles;
}

export interface QuorumInput {
  membersInOffice: number;
  present: number;
  recused: number;
  /** Mandants whose proxy is usable for this item. */
  represented: number;
  secondConvocation: boolean;
}

export interface QuorumResult {
  required: number;
  counted: number;
  reached: boolean;
  reason: Reason;
}

export interface Proxy {
  from: string;
  to: string;
  /** Consecutive sittings this proxy has served, this one included. */
  sittingsUsed?: number;
  illnessCertified?: boolean;
}

export type ProxyCheck = { valid: true } | { valid: false; problems: Reason[] };

export interface NewProxyContext {
  /** Members in the room; when given, the mandataire must be one of them. */
  presentIds?: ReadonlySet<string>;
  /** The item the proxy is for, when it is given for one item (e.g. the compte administratif). */
  itemKind?: ItemKind;
  /** The mayor may not give a proxy for the compte administratif. */
  mayorId?: string;
}

export interface ResultInput {
  kind: Exclude<ItemKind, "election">;
  ballot: BallotMode;
  votes: Tally;
  presidentVote: Choice | "none";
  twoThirds?: boolean;
  /** Required for huis-clos: members present (interested ones excluded) plus usable proxies. */
  presentOrRepresented?: number;
}

export interface ResultOutput {
  outcome: "adopted" | "rejected";
  castingVote: boolean;
  majorityRequired?: number;
  /** Every suffrage exprimé went the same way (abstentions and NPPV do not break unanimity). */
  unanimous: boolean;
  reason: Reason;
}

export interface BallotModeInput {
  present: number;
  publicRequests: number;
  secretRequests: number;
  isNomination?: boolean;
}

export interface BallotModeDecision {
  mode: BallotMode;
  reason: Reason;
  publicThreshold: number;
  secretThreshold: number;
}

export interface Candidate {
  name: string;
  votes: number;
  /** YYYY-MM-DD; breaks a third-round tie in favour of the oldest. */
  birthDate: string;
}

export interface ElectionInput {
  round: 1 | 2 | 3;
  candidates: Candidate[];
  blank: number;
}

export interface ElectionResult {
  outcome: "elected" | "no-winner";
  elected?: string;
  majorityRequired?: number;
  reason: Reason;
}

export type CaseOutcome = "adopted" | "rejected" | "no-quorum" | "elected" | "no-winner" | "invalid";

export interface CaseEvaluation {
  valid: boolean;
  quorumRequired?: number;
  quorum?: boolean;
  outcome: CaseOutcome;
  castingVote?: boolean;
  majorityRequired?: number;
  elected?: string;
  reason: Reason;
  /** Every inconsistency found, when the case is invalid (reason is the first). */
  problems?: Reason[];
}
