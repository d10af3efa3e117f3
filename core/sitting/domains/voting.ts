// A vote from opening to proclamation (SIT-4, SIT-5, SIT-9): the mode (the members' request wins,
// secret over public; a nomination is secret unless the council decided otherwise), the electorate
// fixed at opening, the chair's count for a show of hands, the close (interested members recorded as
// not taking part), the result from the rules engine — for the item, one of its amendments (voted
// first) or a motion for huis clos — and a vote cancelled before its proclamation (CANCEL-1).
import { computeResult } from "../../rules";
import { reject } from "../../refusal";
import { EMPTY_TALLY, type BallotMode, type Choice, type Tally } from "../../vocabulary";
import { ballotsCast, computeElectorate, currentTally, currentVotes, ruleSetOf } from "../derive";
import type { ItemState, ResultSnapshot, SittingEvent, SittingState, VoteState } from "../state";
import type { VoteNomination, VoteSubject } from "../state-parts";
import { CHAIR, ok, PRESIDENT, type Allowed, type DecideTable, type FoldTable } from "./kit";
import { openRound, proclaimRound } from "./nominations";

type Commands = "vote:open" | "vote:record-hands" | "vote:close" | "vote:proclaim" | "vote:cancel";
type Events = "vote:opened" | "vote:hands-recorded" | "vote:closed" | "vote:proclaimed" | "vote:cancelled";

export const roles: Record<Commands, Allowed> = {
  "vote:open": PRESIDENT,
  "vote:record-hands": CHAIR,
  "vote:close": PRESIDENT,
  "vote:proclaim": PRESIDENT,
  "vote:cancel": PRESIDENT,
};

/** The most ballots a vote can hold: its electorate, plus the interested members recorded NPPV. */
function maxBallots(state: SittingState, vote: VoteState): number {
  return vote.electorate.length + (state.items[vote.itemId]?.call?.recusedIds.length ?? 0);
}

type Refusal = ReturnType<typeof reject>;

/** What the vote decides: an amendment (pending), a motion for huis clos (asked by the mayor or three members), or the item. */
function subjectOf(
  state: SittingState,
  item: ItemState,
  cmd: { amendmentId?: string | undefined; motion?: "huis-clos" | undefined; requestedBy?: string[] | undefined },
): { subject?: VoteSubject; nomination?: VoteNomination } | Refusal {
  if (cmd.amendmentId && cmd.motion) return reject("bad-request", "one subject per vote");
  if (cmd.amendmentId) {
    const a = item.amendments.find((x) => x.id === cmd.amendmentId);
    if (!a) return reject("unknown-item", "no such amendment on this item");
    if (a.status !== "pending") return reject("wrong-state", `amendment is ${a.status}`);
    return { subject: { kind: "amendment", amendmentId: a.id } };
  }
  if (cmd.motion === "huis-clos") {
    if (state.huisClos) return reject("wrong-state", "the council already sits in closed session");
    const requestedBy = cmd.requestedBy ?? (state.presidentMemberId ? [state.presidentMemberId] : []);
    if (requestedBy.some((id) => state.attendance[id]?.status !== "present")) return reject("not-present", "a requester is not present");
    if (!requestedBy.includes(state.presidentMemberId ?? "") && new Set(requestedBy).size < 3)
      return reject("wrong-state", "huis clos is asked by the mayor or three members (L2121-18)", {
        fr: "Le huis clos est demandé par le maire ou par trois membres (CGCT L2121-18).",
        en: "A closed session is asked for by the mayor or by three members (CGCT L2121-18).",
      });
    return { subject: { kind: "huis-clos", requestedBy } };
  }
  if (item.amendments.some((a) => a.status === "pending")) return reject("amendments-pending");
  if (item.kind !== "election") return {};
  const nomination = openRound(state, item);
  return "ok" in nomination ? nomination : { nomination };
}

/** The ballot mode: a nomination is secret unless the council decided otherwise; else the members' request wins, secret first. */
function modeOf(state: SittingState, item: ItemState, asked: BallotMode | undefined, nominationRound: boolean): BallotMode {
  if (nominationRound) {
    const secretByLaw = ruleSetOf(state).nominationsBySecretBallot && !item.nomination?.openBallot;
    return secretByLaw || asked === "secret" ? "secret" : "public";
  }
  // A mode the members asked for (L2121-21) overrides the chair's choice; secret wins.
  return item.decidedMode === "secret" ? "secret" : item.decidedMode === "public" && asked !== "secret" ? "public" : (asked ?? "public");
}

/** The president's own vote, which a tie in a public ballot turns into the casting vote (VOTE-3). */
function presidentVoteIn(state: SittingState, vote: VoteState): Choice | "none" {
  if (vote.mode === "secret") return "none";
  if (vote.mode === "show-of-hands") return vote.hands?.presidentVote ?? "none";
  return vote.ballots[`${state.presidentMemberId}|`]?.choice ?? "none";
}

function snapshot(r: ReturnType<typeof computeResult>, tally: Tally): ResultSnapshot {
  return {
    outcome: r.outcome,
    castingVote: r.castingVote,
    unanimous: r.unanimous,
    ...(r.majorityRequired !== undefined ? { majorityRequired: r.majorityRequired } : {}),
    tally,
    reasonFr: r.reason.fr,
    reasonEn: r.reason.en,
    ruleId: r.reason.ruleId,
    article: r.reason.article,
  };
}

export const decide: DecideTable<Commands> = {
  "vote:open": (state, _actor, cmd, ctx) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    if (state.status !== "opened") return reject("wrong-state", `sitting is ${state.status}`);
    if (state.openVoteId) return reject("vote-open");
    if (item.status === "deferred" && !item.setAside?.byChair)
      return reject("no-quorum", item.setAside?.reasonEn, item.setAside ? { fr: item.setAside.reasonFr, en: item.setAside.reasonEn } : undefined);
    if (item.status !== "called" || state.currentItemId !== item.id) return reject("wrong-state", "call the item first");
    if (!item.call?.quorum.reached)
      return reject("no-quorum", item.call?.quorum.reasonEn, item.call ? { fr: item.call.quorum.reasonFr, en: item.call.quorum.reasonEn } : undefined);
    const what = subjectOf(state, item, cmd);
    if ("ok" in what) return what;
    const mode = modeOf(state, item, cmd.mode, !!what.nomination);
    if (what.nomination && cmd.mode === "show-of-hands") return reject("wrong-state", "a nomination is voted by ballot, not by show of hands");
    // A live tally in a secret ballot would let a watcher link a tap to a name: it is revealed at close.
    const reveal = mode === "secret" ? "at-close" : (cmd.reveal ?? state.settings.revealMode);
    const allowChange = mode === "secret" ? false : (cmd.allowChange ?? true);
    const voteId = ctx.newId();
    const electorate = computeElectorate(state, item);
    return ok([{ type: "vote:opened", voteId, itemId: item.id, mode, reveal, allowChange, at: ctx.now, electorate, ...what }], { voteId, mode });
  },
  "vote:record-hands": (state, _actor, cmd) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "open") return reject("wrong-state", "the vote is not open");
    if (vote.mode !== "show-of-hands") return reject("wrong-state", "totals are recorded for a show of hands only");
    const max = maxBallots(state, vote);
    const total = cmd.tally.pour + cmd.tally.contre + cmd.tally.abstention + cmd.tally.nppv;
    if (total > max) return reject("bad-request", `${total} votes recorded but only ${max} members present or represented`);
    return ok([{ type: "vote:hands-recorded", voteId: vote.id, tally: cmd.tally, presidentVote: cmd.presidentVote ?? "none" }]);
  },
  "vote:close": (state, _actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "open") return reject("wrong-state", "the vote is not open");
    if (vote.mode === "show-of-hands" && !vote.hands) return reject("wrong-state", "record the show-of-hands totals first");
    const tally: Tally = { ...currentTally(vote) };
    // Interested members present are recorded as not taking part (L2131-11), unless the chair counted them.
    if (vote.mode !== "show-of-hands") tally.nppv += state.items[vote.itemId]?.call?.recusedIds.length ?? 0;
    const total = tally.pour + tally.contre + tally.abstention + tally.nppv;
    // Never more ballots than the electorate the vote opened with (SIT-9).
    if (total > maxBallots(state, vote)) return reject("wrong-state", `${total} ballots for an electorate of ${maxBallots(state, vote)}`);
    const candidateVotes = vote.nomination ? currentVotes(vote).votes : undefined;
    return ok([{ type: "vote:closed", voteId: vote.id, at: ctx.now, tally, ...(candidateVotes ? { candidateVotes } : {}) }], {
      tally,
      ballots: ballotsCast(vote),
      ...(candidateVotes ? { candidateVotes } : {}),
    });
  },
  "vote:proclaim": (state, _actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "closed" || !vote.finalTally) return reject("wrong-state", "close the vote first");
    const item = state.items[vote.itemId];
    if (!item) return reject("unknown-item");
    if (vote.nomination) return proclaimRound(state, vote, ctx.now);
    const motion = vote.subject?.kind === "huis-clos";
    const kind = motion ? "huis-clos" : vote.subject ? "ordinary" : item.kind;
    if (kind === "election") return reject("wrong-state", "a nomination round is proclaimed with its candidates");
    // Huis clos: the absolute majority of the members present or represented, i.e. the vote's electorate.
    const presentOrRepresented = motion ? vote.electorate.length : (item.call?.presentIds.length ?? 0) + (item.call?.proxies.length ?? 0);
    const r = computeResult(ruleSetOf(state), {
      kind,
      ballot: vote.mode,
      votes: vote.finalTally,
      presidentVote: presidentVoteIn(state, vote),
      presentOrRepresented,
    });
    const result = snapshot(r, vote.finalTally);
    const events: SittingEvent[] = [{ type: "vote:proclaimed", voteId: vote.id, itemId: item.id, result }];
    if (motion && result.outcome === "adopted") events.push({ type: "huis-clos:began", voteId: vote.id, itemId: item.id, at: ctx.now });
    return ok(events, { result });
  },
  "vote:cancel": (state, _actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "open" && vote.status !== "closed") return reject("wrong-state", `the vote is ${vote.status}: only a vote not proclaimed is cancelled`);
    return ok([{ type: "vote:cancelled", voteId: vote.id, itemId: vote.itemId, at: ctx.now, reason: cmd.reason }]);
  },
};

export const fold: FoldTable<Events> = {
  "vote:opened": (s, e) => {
    const item = s.items[e.itemId];
    s.votes[e.voteId] = {
      id: e.voteId,
      itemId: e.itemId,
      ...(e.subject ? { subject: e.subject } : {}),
      ...(e.nomination ? { nomination: e.nomination, candidateUrn: e.nomination.candidates.map(() => 0) } : {}),
      mode: e.mode,
      reveal: e.reveal,
      allowChange: e.allowChange,
      status: "open",
      openedAt: e.at,
      closedAt: null,
      electorate: e.electorate ?? (item ? computeElectorate(s, item) : []),
      lapsed: [],
      changes: {},
      ballots: {},
      signatures: [],
      urn: { ...EMPTY_TALLY },
      hands: null,
      finalTally: null,
    };
    s.openVoteId = e.voteId;
    if (!item) return;
    if (e.subject?.kind === "amendment") {
      const a = item.amendments.find((x) => x.id === (e.subject as { amendmentId: string }).amendmentId);
      if (a) {
        a.status = "voting";
        a.voteIds.push(e.voteId);
      }
    } else if (e.subject?.kind === "huis-clos") {
      s.closedSessions.push({ voteId: e.voteId, itemId: e.itemId, requestedBy: e.subject.requestedBy, result: null, began: null, ended: null });
    } else {
      item.status = "voting";
      item.voteIds.push(e.voteId);
    }
  },
  "vote:hands-recorded": (s, e) => {
    const vote = s.votes[e.voteId];
    if (vote) vote.hands = { tally: e.tally, presidentVote: e.presidentVote };
  },
  "vote:closed": (s, e) => {
    const vote = s.votes[e.voteId];
    if (vote) {
      vote.status = "closed";
      vote.closedAt = e.at;
      vote.finalTally = e.tally;
      if (e.candidateVotes) vote.finalVotes = e.candidateVotes;
    }
    if (s.openVoteId === e.voteId) s.openVoteId = null;
  },
  "vote:proclaimed": (s, e) => {
    const vote = s.votes[e.voteId];
    if (vote) vote.status = "proclaimed";
    const item = s.items[e.itemId];
    if (!item) return;
    const subject = vote?.subject;
    if (subject?.kind === "amendment") {
      const a = item.amendments.find((x) => x.id === subject.amendmentId);
      if (a) {
        a.status = "decided";
        a.result = e.result;
      }
    } else if (subject?.kind === "huis-clos") {
      const motion = s.closedSessions.find((c) => c.voteId === e.voteId);
      if (motion) motion.result = e.result;
    } else {
      item.status = "decided";
      item.result = e.result;
    }
  },
  "vote:cancelled": (s, e) => {
    const vote = s.votes[e.voteId];
    if (s.openVoteId === e.voteId) s.openVoteId = null;
    if (!vote) return;
    vote.status = "cancelled";
    vote.cancelled = { at: e.at, reason: e.reason };
    const item = s.items[e.itemId];
    const subject = vote.subject;
    if (subject?.kind === "amendment") {
      const a = item?.amendments.find((x) => x.id === subject.amendmentId);
      if (a) a.status = "pending";
    } else if (subject?.kind === "huis-clos") {
      s.closedSessions = s.closedSessions.filter((c) => c.voteId !== e.voteId);
    } else if (item) item.status = "called";
  },
};
