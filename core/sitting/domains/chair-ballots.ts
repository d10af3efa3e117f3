// Every present member counts (CHAIR-BALLOT-*, PRES-*): the chair records the named ballot of a
// member without a device (marked so in the log), puts the paper urn's totals in a secret ballot's
// sealed urn (who signed, never what), and the president may end the others' turn to vote now.
import { reject } from "../../refusal";
import { entitlementKey, hasVoted, listEntitlements } from "../derive";
import type { PaperTotals } from "../state-parts";
import { papersIn } from "../urn";
import { admitBallot, namedBallot } from "./ballots";
import { nominate } from "./nominations";
import { CHAIR, ok, PRESIDENT, type Allowed, type DecideTable, type FoldTable } from "./kit";
import { EMPTY_TALLY } from "../../vocabulary";

type Commands = "ballot:record" | "vote:paper" | "vote:president-turn";
type Events = "vote:paper-deposited" | "vote:others-closed";

export const roles: Record<Commands, Allowed> = { "ballot:record": CHAIR, "vote:paper": CHAIR, "vote:president-turn": PRESIDENT };

export const decide: DecideTable<Commands> = {
  "ballot:record": (state, _actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (!state.roster[cmd.memberId]) return reject("unknown-member");
    if (vote.mode === "secret")
      return reject("wrong-state", "a secret ballot is never recorded by name: use the paper urn", {
        fr: "Scrutin secret : un vote n'est jamais enregistré au nom d'un membre. Utilisez l'urne papier.",
        en: "Secret ballot: no ballot is ever recorded under a member's name. Use the paper urn.",
      });
    const wanted = { memberId: cmd.memberId, onBehalfOf: cmd.onBehalfOf ?? "" };
    if (vote.nomination) {
      if (cmd.candidateId === undefined) return reject("bad-request", "a nomination: give candidateId (null for blank)");
      return nominate(state, vote, wanted, cmd.candidateId, ctx.now, true);
    }
    if (!cmd.choice) return reject("bad-request", "give the member's choice");
    const refused = admitBallot(state, vote, wanted);
    if (refused) return refused;
    return namedBallot(vote, wanted, cmd.choice, ctx.now, true);
  },
  "vote:paper": (state, _actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.mode !== "secret") return reject("wrong-state", "the paper urn is for a secret ballot; record a named ballot instead");
    const voters = cmd.voters.map((v) => ({ memberId: v.memberId, onBehalfOf: v.onBehalfOf ?? "" }));
    const keys = new Set(voters.map(entitlementKey));
    if (keys.size !== voters.length) return reject("bad-request", "a voter is listed twice");
    for (const v of voters) {
      const refused = admitBallot(state, vote, v);
      if (refused) return refused;
      if (hasVoted(vote, v)) return reject("already-voted", `${v.memberId} already voted by device`);
    }
    const n = vote.nomination?.candidates.length ?? 0;
    const totals: PaperTotals = vote.nomination
      ? { tally: { ...EMPTY_TALLY, abstention: cmd.blank ?? 0 }, candidates: Array.from({ length: n }, (_, i) => cmd.candidates?.[i] ?? 0) }
      : { tally: cmd.tally ?? { ...EMPTY_TALLY }, candidates: [] };
    if (vote.nomination ? cmd.tally !== undefined || (cmd.candidates?.length ?? 0) > n : cmd.candidates !== undefined || cmd.blank !== undefined)
      return reject("bad-request", vote.nomination ? "a nomination's paper urn: votes per candidate and blank" : "a deliberation's paper urn: tally");
    // One paper per member who signed for it, as at a paper urn's count: no more, no fewer.
    if (papersIn(totals) !== voters.length)
      return reject("bad-request", `${papersIn(totals)} papers counted for ${voters.length} members signed`, {
        fr: `${papersIn(totals)} bulletins comptés pour ${voters.length} émargements : le nombre de bulletins doit égaler le nombre de votants sur papier.`,
        en: `${papersIn(totals)} papers counted for ${voters.length} signatures: the papers must equal the members who voted on paper.`,
      });
    // The totals go to the sealed urn with the events; the log and the reply say only how many.
    return { ok: true, events: [{ type: "vote:paper-deposited", voteId: vote.id, voters, at: ctx.now }], reply: { ballots: voters.length }, urnAdd: totals };
  },
  "vote:president-turn": (state, actor, cmd, ctx) => {
    const vote = state.votes[cmd.voteId];
    if (!vote) return reject("unknown-vote");
    if (vote.status !== "open" || state.openVoteId !== vote.id) return reject("wrong-state", "the vote is not open");
    if (vote.mode === "show-of-hands") return reject("wrong-state", "show of hands: the chair counts");
    if (!actor.memberId || actor.memberId !== state.presidentMemberId) return reject("forbidden", "only the president of the sitting");
    if (vote.othersClosed) return ok([], { unchanged: true, notVoted: 0 });
    const notVoted = listEntitlements(state, vote).filter((e) => e.memberId !== actor.memberId && !hasVoted(vote, e)).length;
    return ok([{ type: "vote:others-closed", voteId: vote.id, at: ctx.now, notVoted }], { notVoted });
  },
};

export const fold: FoldTable<Events> = {
  "vote:paper-deposited": (s, e) => {
    const vote = s.votes[e.voteId];
    if (!vote) return;
    for (const v of e.voters) {
      const key = entitlementKey(v);
      if (!vote.signatures.includes(key)) vote.signatures.push(key);
    }
    (vote.paper ??= []).push({ at: e.at, voters: e.voters });
  },
  "vote:others-closed": (s, e) => {
    const vote = s.votes[e.voteId];
    if (vote) vote.othersClosed = { at: e.at };
  },
};
