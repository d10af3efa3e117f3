// A vote from opening to proclamation (SIT-4, SIT-5, SIT-9): the mode (the members' request wins,
// secret over public), the electorate fixed at opening, the chair's count for a show of hands, the
// close (interested members recorded as not taking part), the result from the rules engine.
import { computeResult } from "../../rules";
import { reject } from "../../refusal";
import { EMPTY_TALLY, type Choice, type Tally } from "../../vocabulary";
import { ballotsCast, computeElectorate, currentTally, ruleSetOf } from "../derive";
import type { ResultSnapshot, SittingState, VoteState } from "../state";
import { CHAIR, ok, PRESIDENT, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "vote:open" | "vote:record-hands" | "vote:close" | "vote:proclaim";
type Events = "vote:opened" | "vote:hands-recorded" | "vote:closed" | "vote:proclaimed";

export const roles: Record<Commands, Allowed> = { "vote:open": PRESIDENT, "vote:record-hands": CHAIR, "vote:close": PRESIDENT, "vote:proclaim": PRESIDENT };

/** The most ballots a vote can hold: its electorate, plus the interested members recorded NPPV. */
function maxBallots(state: SittingState, vote: VoteState): number {
  return vote.electorate.length + (state.items[vote.itemId]?.call?.recusedIds.length ?? 0);
}

export const decide: DecideTable<Commands> = {
  "vote:open": (state, _actor, cmd, ctx) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    if (state.status !== "opened") return reject("wrong-state", `sitting is ${state.status}`);
    if (state.openVoteId) return reject("vote-open");
    if (item.status !== "called" || state.currentItemId !== item.id) return reject("wrong-state", "call the item first");
    if (!item.call?.quorum.reached) return reject("no-quorum");
    if (item.kind === "election") return reject("wrong-state", "nominations are counted with the rules engine, not by device vote yet");
    // A mode the members asked for (L2121-21) overrides the chair's choice; secret wins.
    const mode = item.decidedMode === "secret" ? "secret" : item.decidedMode === "public" && cmd.mode !== "secret" ? "public" : (cmd.mode ?? "public");
    // A live tally in a secret ballot would let a watcher link a tap to a name: it is revealed at close.
    const reveal = mode === "secret" ? "at-close" : (cmd.reveal ?? state.settings.revealMode);
    const allowChange = mode === "secret" ? false : (cmd.allowChange ?? true);
    const voteId = ctx.newId();
    const electorate = computeElectorate(state, item);
    return ok([{ type: "vote:opened", voteId, itemId: item.id, mode, reveal, allowChange, at: ctx.now, electorate }], { voteId, mode });
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
    return ok([{ type: "vote:closed", voteId: vote.id, at: ctx.now, tally }], { tally, ballots: ballotsCast(vote) });
  },
  "vote:proclaim": (state, _actor, cmd) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "closed" || !vote.finalTally) return reject("wrong-state", "close the vote first");
    const item = state.items[vote.itemId];
    if (!item || item.kind === "election") return reject("unknown-item");
    const presidentVote: Choice | "none" =
      vote.mode === "secret"
        ? "none"
        : vote.mode === "show-of-hands"
          ? (vote.hands?.presidentVote ?? "none")
          : (vote.ballots[`${state.presidentMemberId}|`]?.choice ?? "none");
    const presentOrRepresented = (item.call?.presentIds.length ?? 0) + (item.call?.proxies.length ?? 0);
    const r = computeResult(ruleSetOf(state), { kind: item.kind, ballot: vote.mode, votes: vote.finalTally, presidentVote, presentOrRepresented });
    const result: ResultSnapshot = {
      outcome: r.outcome,
      castingVote: r.castingVote,
      unanimous: r.unanimous,
      ...(r.majorityRequired !== undefined ? { majorityRequired: r.majorityRequired } : {}),
      tally: vote.finalTally,
      reasonFr: r.reason.fr,
      reasonEn: r.reason.en,
      ruleId: r.reason.ruleId,
      article: r.reason.article,
    };
    return ok([{ type: "vote:proclaimed", voteId: vote.id, itemId: item.id, result }], { result });
  },
};

export const fold: FoldTable<Events> = {
  "vote:opened": (s, e) => {
    const item = s.items[e.itemId];
    s.votes[e.voteId] = {
      id: e.voteId,
      itemId: e.itemId,
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
    if (item) {
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
    }
    if (s.openVoteId === e.voteId) s.openVoteId = null;
  },
  "vote:proclaimed": (s, e) => {
    const vote = s.votes[e.voteId];
    if (vote) vote.status = "proclaimed";
    const item = s.items[e.itemId];
    if (item) {
      item.status = "decided";
      item.result = e.result;
    }
  },
};
