// A member casting a ballot (SIT-4, SIT-5): checked against the vote's electorate (SIT-9), the
// president last when the council says so (PRES-1), a secret ballot deposited once and its choice sent
// to the urn apart from the log, a public ballot changeable until the close (at most
// MAX_BALLOT_CHANGES). The same admission serves a nomination's ballot and the chair's records.
import { reject, type WireError } from "../../refusal";
import { entitlementKey, hasVoted, listEntitlements, type Entitlement } from "../derive";
import type { SittingState, VoteState } from "../state";
import { oneBallot } from "../urn";
import { ok, VOTERS, type Allowed, type CommandOutcome, type DecideTable, type FoldTable } from "./kit";
import type { Choice } from "../../vocabulary";

type Commands = "ballot:cast";
type Events = "ballot:cast" | "ballot:deposited";

/** How many times one entitlement may change its ballot in a vote (a flood stops at the log's door). */
export const MAX_BALLOT_CHANGES = 10;

export const roles: Record<Commands, Allowed> = { "ballot:cast": VOTERS };

/** Entitlements still waiting for a ballot, the president's own aside. */
function othersWaiting(state: SittingState, vote: VoteState): number {
  return listEntitlements(state, vote).filter((e) => e.memberId !== state.presidentMemberId && !hasVoted(vote, e)).length;
}

/**
 * Whether this ballot may go in now: the vote open and by device (or recorded by the chair), the voice
 * in the electorate, the others' turn not over, the president after everyone (or once she said so).
 */
export function admitBallot(state: SittingState, vote: VoteState | undefined, wanted: Entitlement): { ok: false; error: WireError } | null {
  if (!vote) return reject("unknown-vote");
  if (vote.status !== "open" || state.openVoteId !== vote.id) return reject("wrong-state", "the vote is not open");
  if (vote.mode === "show-of-hands") return reject("wrong-state", "show of hands: the chair counts");
  if (!listEntitlements(state, vote).some((e) => entitlementKey(e) === entitlementKey(wanted))) {
    return reject("not-entitled", wanted.onBehalfOf ? "no usable proxy from this member" : "not present, or interested in this item");
  }
  const president = state.presidentMemberId;
  if (vote.othersClosed && wanted.memberId !== president) return reject("president-voting");
  if (state.settings.presidentVotesLast && wanted.memberId === president && !vote.othersClosed) {
    const waiting = othersWaiting(state, vote);
    if (waiting > 0)
      return reject("president-votes-last", `${waiting} other ballots not cast yet`, {
        fr: `La présidence vote en dernier : ${waiting} vote${waiting > 1 ? "s" : ""} attendu${waiting > 1 ? "s" : ""}. Attendez-les, ou choisissez « Voter maintenant » : les autres ne pourront alors plus voter.`,
        en: `The president votes last: ${waiting} ballot${waiting > 1 ? "s" : ""} still expected. Wait for them, or choose "Vote now": the others will then no longer be able to vote.`,
      });
  }
  return null;
}

/** A named ballot for a choice: its event, or nothing when it is already so; a change counted and capped. */
export function namedBallot(vote: VoteState, wanted: Entitlement, choice: Choice, now: string, byChair: boolean): CommandOutcome {
  const key = entitlementKey(wanted);
  const prev = vote.ballots[key];
  if (prev && prev.choice === choice) return ok([], { receipt: { at: prev.at, choice: prev.choice } });
  if (prev && !vote.allowChange) return reject("already-voted");
  if (prev && (vote.changes[key] ?? 0) >= MAX_BALLOT_CHANGES)
    return reject("too-many-changes", `a ballot may change at most ${MAX_BALLOT_CHANGES} times in a vote`);
  return ok(
    [
      {
        type: "ballot:cast",
        voteId: vote.id,
        memberId: wanted.memberId,
        onBehalfOf: wanted.onBehalfOf,
        choice,
        at: now,
        ...(byChair ? { byChair: true as const } : {}),
      },
    ],
    { receipt: { at: now, choice } },
  );
}

export const decide: DecideTable<Commands> = {
  "ballot:cast": (state, actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!actor.memberId) return reject("not-entitled");
    if (vote?.nomination) return reject("wrong-state", "a nomination: choose a candidate (ballot:nominate)");
    const wanted = { memberId: actor.memberId, onBehalfOf: cmd.onBehalfOf ?? "" };
    const refused = admitBallot(state, vote, wanted);
    if (refused || !vote) return refused ?? reject("unknown-vote");
    if (vote.mode === "secret") {
      if (hasVoted(vote, wanted)) return reject("already-voted");
      // The choice leaves with the outcome for the urn only; the event says who deposited, never what.
      return {
        ok: true,
        events: [{ type: "ballot:deposited", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf }],
        reply: { receipt: { at: ctx.now, secret: true } },
        urnAdd: oneBallot(cmd.choice),
      };
    }
    return namedBallot(vote, wanted, cmd.choice, ctx.now, false);
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
    markByChair(vote, key, e.byChair === true);
  },
  "ballot:deposited": (s, e) => {
    const vote = s.votes[e.voteId];
    const key = `${e.memberId}|${e.onBehalfOf}`;
    if (vote && !vote.signatures.includes(key)) vote.signatures.push(key);
  },
};

/** Remembers which named ballots the chair recorded (the member's own device may change it later). */
export function markByChair(vote: VoteState, key: string, byChair: boolean): void {
  const list = (vote.byChair ??= []);
  const at = list.indexOf(key);
  if (byChair && at < 0) list.push(key);
  if (!byChair && at >= 0) list.splice(at, 1);
}
