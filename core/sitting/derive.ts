// Derived facts about a sitting (who is present, who may vote, quorum now). Pure helpers shared by
// the command rules and the projections, so the screens and the rules never disagree.
import { computeQuorum, getRuleSet, type RuleSet } from "../rules";
import type { ItemState, QuorumSnapshot, SittingState, VoteState } from "./state";
import { EMPTY_TALLY, type Tally } from "../vocabulary";

export function ruleSetOf(state: SittingState): RuleSet {
  const rs = getRuleSet(state.ruleSetId);
  if (!rs) throw new Error(`unknown rule set ${state.ruleSetId}`);
  return rs;
}

export function presentIds(state: SittingState): string[] {
  return Object.entries(state.attendance)
    .filter(([, a]) => a.status === "present")
    .map(([id]) => id)
    .sort();
}

/** Proxies that can be used now: the mandant is away, the mandataire is here. */
export function usableProxies(state: SittingState, item?: ItemState): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const [from, p] of Object.entries(state.proxies)) {
    if (state.attendance[from]?.status === "present") continue;
    if (state.attendance[p.to]?.status !== "present") continue;
    // An interested mandataire may not use the proxy on that item (L2131-11); nor for an interested mandant.
    if (item && (item.interests.includes(p.to) || item.interests.includes(from))) continue;
    out.push({ from, to: p.to });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

export function snapshotQuorum(state: SittingState, item?: ItemState): QuorumSnapshot {
  const present = presentIds(state);
  const recused = item ? present.filter((id) => item.interests.includes(id)).length : 0;
  const q = computeQuorum(ruleSetOf(state), {
    membersInOffice: state.membersInOffice,
    present: present.length,
    recused,
    represented: usableProxies(state, item).length,
    secondConvocation: state.secondConvocation,
  });
  return { required: q.required, counted: q.counted, reached: q.reached, reasonFr: q.reason.fr, reasonEn: q.reason.en, ruleId: q.reason.ruleId };
}

export interface Entitlement {
  memberId: string; // who holds the ballot
  onBehalfOf: string; // "" for one's own, else the mandant
}

/**
 * Who may vote on an item now, and through whom: each present member not interested, and each usable
 * proxy. One entry per voice: a present mandant has no usable proxy, so no voice appears twice.
 */
export function computeElectorate(state: SittingState, item: ItemState): Entitlement[] {
  const own = presentIds(state)
    .filter((id) => !item.interests.includes(id))
    .map((memberId) => ({ memberId, onBehalfOf: "" }));
  const viaProxy = usableProxies(state, item).map((p) => ({ memberId: p.to, onBehalfOf: p.from }));
  return [...own, ...viaProxy];
}

/** The member whose voice an entitlement carries (the mandant for a proxy ballot). */
export function voiceOf(e: Entitlement): string {
  return e.onBehalfOf || e.memberId;
}

export function entitlementKey(e: Entitlement): string {
  return `${e.memberId}|${e.onBehalfOf}`;
}

/**
 * The ballots that may be cast on a vote: its electorate fixed at opening (SIT-9), less the ones
 * lapsed when their holder left during the vote (SIT-10). Ballots already cast are kept.
 */
export function listEntitlements(_state: SittingState, vote: VoteState): Entitlement[] {
  if (!vote.lapsed.length) return vote.electorate;
  return vote.electorate.filter((e) => !vote.lapsed.includes(entitlementKey(e)) || hasVoted(vote, e));
}

export function hasVoted(vote: VoteState, e: Entitlement): boolean {
  const key = entitlementKey(e);
  if (vote.mode === "secret") return vote.signatures.includes(key);
  return vote.nomination ? key in (vote.picks ?? {}) : key in vote.ballots;
}

/** An open nomination's votes per candidate (in the round's order) and its blank ballots, from the named picks. */
export function countPicks(vote: VoteState): { votes: number[]; blank: number } {
  const ids = vote.nomination?.candidates.map((c) => c.id) ?? [];
  const votes = ids.map(() => 0);
  let blank = 0;
  for (const p of Object.values(vote.picks ?? {})) {
    const i = p.candidateId === null ? -1 : ids.indexOf(p.candidateId);
    if (i < 0) blank += 1;
    else votes[i] = (votes[i] ?? 0) + 1;
  }
  return { votes, blank };
}

/** A nomination round's votes per candidate as they stand (the urn for a secret round, the picks otherwise). */
export function currentVotes(vote: VoteState): { votes: number[]; blank: number } {
  if (vote.finalVotes && vote.finalTally) return { votes: vote.finalVotes, blank: vote.finalTally.abstention };
  if (vote.mode === "secret") return { votes: [...(vote.candidateUrn ?? [])], blank: vote.urn.abstention };
  return countPicks(vote);
}

/** The quorum now, with the roll call as it stands (the item under discussion's interests set aside). */
export function liveQuorum(state: SittingState): QuorumSnapshot {
  const current = state.currentItemId ? state.items[state.currentItemId] : undefined;
  const discussing = current && (current.status === "called" || current.status === "voting") ? current : undefined;
  return snapshotQuorum(state, discussing);
}

export function countNamedBallots(vote: VoteState): Tally {
  const t: Tally = { ...EMPTY_TALLY };
  for (const b of Object.values(vote.ballots)) t[b.choice] += 1;
  return t;
}

/** The tally as the rules see it at close: named ballots, the urn, or the chair's count. */
export function currentTally(vote: VoteState): Tally {
  if (vote.finalTally) return vote.finalTally;
  if (vote.nomination) {
    // A nomination's tally as the records read it: suffrages exprimés as "pour", blank papers as "abstention".
    const { votes, blank } = currentVotes(vote);
    return { pour: votes.reduce((a, b) => a + b, 0), contre: 0, abstention: blank, nppv: 0 };
  }
  if (vote.mode === "secret") return { ...vote.urn };
  if (vote.mode === "show-of-hands" && vote.hands) return { ...vote.hands.tally };
  return countNamedBallots(vote);
}

export function ballotsCast(vote: VoteState): number {
  if (vote.mode === "secret") return vote.signatures.length;
  return Object.keys(vote.nomination ? (vote.picks ?? {}) : vote.ballots).length;
}

export function memberName(state: SittingState, id: string): string {
  return state.roster[id]?.name ?? id;
}
