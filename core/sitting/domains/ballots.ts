// A member casting a ballot (SIT-4, SIT-5): checked against the vote's electorate (SIT-9), the
// president last when the council says so, a secret ballot deposited once and its choice sent to the
// urn apart from the log, a public ballot changeable until the close (at most MAX_BALLOT_CHANGES).
import { reject } from "../../refusal";
import { entitlementKey, hasVoted, listEntitlements } from "../derive";
import { ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "ballot:cast";
type Events = "ballot:cast" | "ballot:deposited";

/** How many times one entitlement may change its ballot in a vote (a flood stops at the log's door). */
export const MAX_BALLOT_CHANGES = 10;

export const roles: Record<Commands, Allowed> = { "ballot:cast": ["councillor", "president"] };

export const decide: DecideTable<Commands> = {
  "ballot:cast": (state, actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "open" || state.openVoteId !== vote.id) return reject("wrong-state", "the vote is not open");
    if (vote.mode === "show-of-hands") return reject("wrong-state", "show of hands: the chair counts");
    if (!actor.memberId) return reject("not-entitled");
    const wanted = { memberId: actor.memberId, onBehalfOf: cmd.onBehalfOf ?? "" };
    const entitlements = listEntitlements(state, vote);
    if (!entitlements.some((e) => entitlementKey(e) === entitlementKey(wanted))) {
      return reject("not-entitled", cmd.onBehalfOf ? "no usable proxy from this member" : "not present, or interested in this item");
    }
    if (
      state.settings.presidentVotesLast &&
      actor.memberId === state.presidentMemberId &&
      entitlements.some((e) => e.memberId !== actor.memberId && !hasVoted(vote, e))
    ) {
      return reject("president-votes-last");
    }
    if (vote.mode === "secret") {
      if (hasVoted(vote, wanted)) return reject("already-voted");
      // The choice leaves with the outcome for the urn only; the event says who deposited, never what.
      return {
        ok: true,
        events: [{ type: "ballot:deposited", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf }],
        reply: { receipt: { at: ctx.now, secret: true } },
        urnChoice: cmd.choice,
      };
    }
    const prev = vote.ballots[entitlementKey(wanted)];
    if (prev && prev.choice === cmd.choice) return ok([], { receipt: { at: prev.at, choice: prev.choice } });
    if (prev && !vote.allowChange) return reject("already-voted");
    if (prev && (vote.changes[entitlementKey(wanted)] ?? 0) >= MAX_BALLOT_CHANGES)
      return reject("too-many-changes", `a ballot may change at most ${MAX_BALLOT_CHANGES} times in a vote`);
    return ok([{ type: "ballot:cast", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf, choice: cmd.choice, at: ctx.now }], {
      receipt: { at: ctx.now, choice: cmd.choice },
    });
  },
};

export const fold: FoldTable<Events> = {
  "ballot:cast": (s, e) => {
    const vote = s.votes[e.voteId];
    if (!vote) return;
    const key = `${e.memberId}|${e.onBehalfOf}`;
    const before = vote.ballots[key];
    if (before && before.choice !== e.choice) vote.changes[key] = (vote.changes[key] ?? 0) + 1;
    vote.ballots[key] = { memberId: e.memberId, onBehalfOf: e.onBehalfOf, choice: e.choice, at: e.at };
  },
  "ballot:deposited": (s, e) => {
    const vote = s.votes[e.voteId];
    const key = `${e.memberId}|${e.onBehalfOf}`;
    if (vote && !vote.signatures.includes(key)) vote.signatures.push(key);
  },
};
