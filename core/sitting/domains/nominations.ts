// Nominations by device (L2121-21, ELECT-*): the seats to fill and the candidates (members, or lists
// of members), secret unless the council unanimously decides to vote openly, each round counted by
// the rules engine (rounds 1-2 absolute majority, round 3 relative, the elder on a tie), seat after
// seat; a single candidate takes office at once.
import { computeElection } from "../../rules";
import { reject } from "../../refusal";
import { currentVotes, entitlementKey, hasVoted, ruleSetOf } from "../derive";
import type { ItemState, ResultSnapshot, SittingState, VoteState } from "../state";
import type { NominationCandidate, NominationRound, VoteNomination } from "../state-parts";
import { onePick } from "../urn";
import { admitBallot, markByChair, MAX_BALLOT_CHANGES } from "./ballots";
import { CHAIR, ok, PRESIDENT, VOTERS, type Allowed, type CommandOutcome, type DecideTable, type FoldTable } from "./kit";

type Commands = "nomination:set" | "nomination:open-ballot" | "nomination:appoint" | "ballot:nominate";
type Events = "nomination:set" | "nomination:open-ballot-decided" | "nomination:proclaimed" | "nomination:picked";

export const roles: Record<Commands, Allowed> = {
  "nomination:set": CHAIR,
  "nomination:open-ballot": CHAIR,
  "nomination:appoint": PRESIDENT,
  "ballot:nominate": VOTERS,
};

/** A mean birth date (the list's average age breaks a round-3 tie between lists, L2122-7-2). */
function meanBirthDate(dates: string[]): string {
  const days = dates.map((d) => Date.parse(`${d}T00:00:00Z`) / 86_400_000);
  const mean = Math.round(days.reduce((a, b) => a + b, 0) / days.length);
  return new Date(mean * 86_400_000).toISOString().slice(0, 10);
}

/** The candidates not elected yet, and the seat and round the next vote is. */
export function nextRound(item: ItemState): { seat: number; round: number; candidates: NominationCandidate[] } | null {
  const n = item.nomination;
  if (!n) return null;
  const lists = n.candidates.some((c) => c.memberIds.length > 1);
  const seat = lists ? 1 : n.elected.length + 1;
  const round = n.rounds.filter((r) => r.seat === seat && r.outcome === "no-winner").length + 1;
  return { seat, round, candidates: n.candidates.filter((c) => !n.elected.includes(c.id)) };
}

/** Whether every seat is filled (a list fills them all at once). */
function filled(item: ItemState): boolean {
  const n = item.nomination;
  if (!n) return false;
  return n.candidates.some((c) => c.memberIds.length > 1) ? n.elected.length > 0 : n.elected.length >= n.seats;
}

/** Checks the chair's candidates against the roster and the law; the candidates as the log keeps them. */
function candidatesOf(state: SittingState, seats: number, input: { memberIds: string[]; label?: string | undefined }[]): NominationCandidate[] | string {
  const seen = new Set<string>();
  const out: NominationCandidate[] = [];
  const lists = input.some((c) => c.memberIds.length > 1);
  for (const c of input) {
    for (const id of c.memberIds) {
      if (!state.roster[id]) return `unknown member ${id}`;
      if (seen.has(id)) return `${id} stands twice`;
      seen.add(id);
    }
    const births = c.memberIds.map((id) => state.roster[id]?.birthDate ?? "");
    if (births.some((b) => !/^\d{4}-\d{2}-\d{2}$/.test(b))) return "a candidate's birth date is unknown: age breaks a round-3 tie (L2121-21)";
    if (lists && c.memberIds.length !== seats) return `a list holds one candidate per seat (${seats})`;
    const first = c.memberIds[0] ?? "";
    const label = lists ? (c.label ?? `Liste conduite par ${state.roster[first]?.name ?? first}`) : (state.roster[first]?.name ?? first);
    if (out.some((o) => o.label === label)) return `two candidates named ${label}`;
    out.push({ id: `${lists ? "l" : "c"}-${first}`, label, memberIds: c.memberIds, birthDate: meanBirthDate(births) });
  }
  return out;
}

function nominationItem(state: SittingState, itemId: string): ItemState | { ok: false; error: ReturnType<typeof reject>["error"] } {
  const item = state.items[itemId];
  if (!item) return reject("unknown-item");
  if (item.kind !== "election") return reject("wrong-state", "not a nomination item");
  if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}`);
  if (state.status === "closed") return reject("wrong-state", "sitting is closed");
  if (state.openVoteId && state.votes[state.openVoteId]?.itemId === item.id) return reject("vote-open");
  return item;
}

/** The round's figures and the engine's answer: what a proclamation writes. */
export function countRound(state: SittingState, vote: VoteState, now: string): NominationRound {
  const nom = vote.nomination as VoteNomination;
  const item = state.items[vote.itemId];
  const all = item?.nomination?.candidates ?? [];
  const { votes, blank } = currentVotes(vote);
  const candidates = nom.candidates.map((c, i) => ({ name: c.label, votes: votes[i] ?? 0, birthDate: all.find((a) => a.id === c.id)?.birthDate ?? "" }));
  const r = computeElection(ruleSetOf(state), { round: Math.min(3, nom.round) as 1 | 2 | 3, candidates, blank });
  const exprimes = candidates.reduce((a, c) => a + c.votes, 0);
  const elected = r.outcome === "elected" ? nom.candidates.find((c) => c.label === r.elected) : undefined;
  return {
    voteId: vote.id,
    seat: nom.seat,
    round: nom.round,
    mode: vote.mode,
    at: now,
    figures: {
      votants: exprimes + blank,
      blancsNuls: blank,
      exprimes,
      majoriteAbsolue: r.majorityRequired ?? null,
      voix: nom.candidates.map((c, i) => ({ candidateId: c.id, votes: votes[i] ?? 0 })),
      nppv: vote.finalTally?.nppv ?? 0,
    },
    outcome: elected ? "elected" : "no-winner",
    electedId: elected?.id ?? null,
    reasonFr: r.reason.fr,
    reasonEn: r.reason.en,
    ruleId: r.reason.ruleId,
    article: r.reason.article,
  };
}

/** The item's result once every seat is filled: who was designated, with the last round's figures. */
function resultOf(item: ItemState, round: NominationRound, tally: ResultSnapshot["tally"]): ResultSnapshot | null {
  const n = item.nomination;
  if (!n || !round.electedId) return null;
  const elected = [...n.elected, round.electedId];
  const lists = n.candidates.some((c) => c.memberIds.length > 1);
  if (!lists && elected.length < n.seats) return null;
  const labels = elected.map((id) => n.candidates.find((c) => c.id === id)?.label ?? id);
  const several = n.seats > 1 && !lists;
  return {
    outcome: "adopted",
    castingVote: false,
    unanimous: false,
    ...(round.figures.majoriteAbsolue !== null ? { majorityRequired: round.figures.majoriteAbsolue } : {}),
    tally,
    reasonFr: several ? `Sont désignés : ${labels.join(", ")} — ${round.reasonFr}` : round.reasonFr,
    reasonEn: several ? `Designated: ${labels.join(", ")} — ${round.reasonEn}` : round.reasonEn,
    ruleId: round.ruleId,
    article: round.article,
  };
}

/** `vote:proclaim` on a nomination round: the round's figures and, when the seats are filled, the item's result. */
export function proclaimRound(state: SittingState, vote: VoteState, now: string): CommandOutcome {
  const item = state.items[vote.itemId];
  if (!item?.nomination || !vote.finalTally) return reject("wrong-state", "close the vote first");
  const round = countRound(state, vote, now);
  const result = resultOf(item, round, vote.finalTally);
  return ok([{ type: "nomination:proclaimed", itemId: item.id, voteId: vote.id, round, result }], { result, round });
}

/** What `vote:open` needs for a nomination round: its seat, round and candidates, or why not. */
export function openRound(state: SittingState, item: ItemState): VoteNomination | { ok: false; error: ReturnType<typeof reject>["error"] } {
  const next = nextRound(item);
  if (!next || !item.nomination?.candidates.length) return reject("wrong-state", "enter the seats and the candidates first (nomination:set)");
  if (filled(item)) return reject("wrong-state", "every seat is filled");
  if (next.round > 3) return reject("wrong-state", "three rounds held: defer the item or enter new candidates");
  if (next.candidates.length < 2) return reject("wrong-state", "a single candidate takes office without a vote (nomination:appoint)");
  return { seat: next.seat, round: next.round as 1 | 2 | 3, candidates: next.candidates.map((c) => ({ id: c.id, label: c.label })) };
}

export const decide: DecideTable<Commands> = {
  "nomination:set": (state, _actor, cmd, ctx) => {
    const item = nominationItem(state, cmd.itemId);
    if ("ok" in item) return item;
    const candidates = candidatesOf(state, cmd.seats, cmd.candidates);
    if (typeof candidates === "string") return reject("bad-request", candidates);
    const elected = item.nomination?.elected ?? [];
    if (elected.some((id) => !candidates.some((c) => c.id === id))) return reject("wrong-state", "an elected candidate cannot be removed");
    if (cmd.seats < elected.length) return reject("wrong-state", "more members elected than seats");
    return ok([{ type: "nomination:set", itemId: item.id, seats: cmd.seats, candidates, at: ctx.now }]);
  },
  "nomination:open-ballot": (state, _actor, cmd, ctx) => {
    const item = nominationItem(state, cmd.itemId);
    if ("ok" in item) return item;
    if (item.nomination?.openBallot) return ok([], { unchanged: true });
    if (state.status !== "opened" || item.status !== "called") return reject("wrong-state", "the council decides on the item under discussion");
    return ok([{ type: "nomination:open-ballot-decided", itemId: item.id, at: ctx.now }]);
  },
  "nomination:appoint": (state, _actor, cmd, ctx) => {
    const item = nominationItem(state, cmd.itemId);
    if ("ok" in item) return item;
    const next = nextRound(item);
    if (state.status !== "opened" || item.status !== "called") return reject("wrong-state", "call the item first");
    if (!item.call?.quorum.reached) return reject("no-quorum");
    if (!next || next.candidates.length !== 1 || filled(item)) return reject("wrong-state", "only a single candidate takes office without a vote");
    const only = next.candidates[0] as NominationCandidate;
    const r = computeElection(ruleSetOf(state), { round: 1, candidates: [{ name: only.label, votes: 0, birthDate: only.birthDate }], blank: 0 });
    const round: NominationRound = {
      voteId: null,
      seat: next.seat,
      round: 1,
      mode: "secret",
      at: ctx.now,
      figures: { votants: 0, blancsNuls: 0, exprimes: 0, majoriteAbsolue: null, voix: [{ candidateId: only.id, votes: 0 }], nppv: 0 },
      outcome: "elected",
      electedId: only.id,
      reasonFr: r.reason.fr,
      reasonEn: r.reason.en,
      ruleId: r.reason.ruleId,
      article: r.reason.article,
    };
    const result = resultOf(item, round, { pour: 0, contre: 0, abstention: 0, nppv: 0 });
    return ok([{ type: "nomination:proclaimed", itemId: item.id, voteId: null, round, result }], { round });
  },
  "ballot:nominate": (state, actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!actor.memberId) return reject("not-entitled");
    return nominate(state, vote, { memberId: actor.memberId, onBehalfOf: cmd.onBehalfOf ?? "" }, cmd.candidateId, ctx.now, false);
  },
};

/** A nomination ballot for a candidate (or blank), from the member's device or recorded by the chair. */
export function nominate(
  state: SittingState,
  vote: VoteState | undefined,
  wanted: { memberId: string; onBehalfOf: string },
  candidateId: string | null,
  now: string,
  byChair: boolean,
): CommandOutcome {
  if (vote && !vote.nomination) return reject("wrong-state", "not a nomination: vote pour, contre, abstention or nppv");
  const refused = admitBallot(state, vote, wanted);
  if (refused || !vote?.nomination) return refused ?? reject("unknown-vote");
  const index = candidateId === null ? null : vote.nomination.candidates.findIndex((c) => c.id === candidateId);
  if (index === -1) return reject("bad-request", `${candidateId} is not a candidate of this round`);
  if (vote.mode === "secret") {
    if (byChair) return reject("wrong-state", "a secret ballot: use the paper urn");
    if (hasVoted(vote, wanted)) return reject("already-voted");
    return {
      ok: true,
      events: [{ type: "ballot:deposited", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf }],
      reply: { receipt: { at: now, secret: true } },
      urnAdd: onePick(index, vote.nomination.candidates.length),
    };
  }
  const key = entitlementKey(wanted);
  const prev = vote.picks?.[key];
  if (prev && prev.candidateId === candidateId) return ok([], { receipt: { at: prev.at, candidateId } });
  if (prev && !vote.allowChange) return reject("already-voted");
  if (prev && (vote.changes[key] ?? 0) >= MAX_BALLOT_CHANGES) return reject("too-many-changes");
  return ok([{ type: "nomination:picked", voteId: vote.id, ...wanted, candidateId, at: now, ...(byChair ? { byChair: true as const } : {}) }], {
    receipt: { at: now, candidateId },
  });
}

export const fold: FoldTable<Events> = {
  "nomination:set": (s, e) => {
    const item = s.items[e.itemId];
    if (!item) return;
    const before = item.nomination;
    item.nomination = {
      seats: e.seats,
      candidates: e.candidates,
      openBallot: before?.openBallot ?? null,
      rounds: before?.rounds ?? [],
      elected: before?.elected ?? [],
    };
  },
  "nomination:open-ballot-decided": (s, e) => {
    const n = s.items[e.itemId]?.nomination;
    if (n) n.openBallot = { at: e.at };
    else if (s.items[e.itemId]) (s.items[e.itemId] as ItemState).nomination = { seats: 1, candidates: [], openBallot: { at: e.at }, rounds: [], elected: [] };
  },
  "nomination:proclaimed": (s, e) => {
    const vote = e.voteId ? s.votes[e.voteId] : undefined;
    if (vote) vote.status = "proclaimed";
    const item = s.items[e.itemId];
    if (!item?.nomination) return;
    item.nomination.rounds.push(e.round);
    if (e.round.electedId) item.nomination.elected.push(e.round.electedId);
    item.status = e.result ? "decided" : "called";
    if (e.result) item.result = e.result;
  },
  "nomination:picked": (s, e) => {
    const vote = s.votes[e.voteId];
    if (!vote) return;
    const key = `${e.memberId}|${e.onBehalfOf}`;
    const picks = (vote.picks ??= {});
    const before = picks[key];
    if (before && before.candidateId !== e.candidateId) vote.changes[key] = (vote.changes[key] ?? 0) + 1;
    picks[key] = { memberId: e.memberId, onBehalfOf: e.onBehalfOf, candidateId: e.candidateId, at: e.at, ...(e.byChair ? { byChair: true as const } : {}) };
    markByChair(vote, key, e.byChair === true);
  },
};
