// Every present member counts, called directly (CHAIR-*, PRES-*): the chair records the ballot of a
// member without a device, the paper urn of a secret ballot (sealed with the device urn, never in the
// log), the president who votes last (told beforehand, her turn when she decides), her casting vote.
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { projectMember, projectPublic, type SittingHeader } from "../../../core/sitting/projection";
import type { SittingState } from "../../../core/sitting/state";
import { clerk, councillor, ctx, liveItem, play, president, refusal } from "./fixture";

const HEADER: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };

const opened = (mode: "public" | "secret", present = 7): SittingState => play(liveItem(present), president, { type: "vote:open", itemId: "i1", mode });

describe("the chair records a ballot for a member without a device", () => {
  it("CHAIR-1 a public ballot recorded by the chair is the member's ballot, marked so in the log and the member's view", () => {
    let s = opened("public");
    const voteId = s.openVoteId!;
    const out = applyCommand(s, clerk, { type: "ballot:record", voteId, memberId: "m4", choice: "contre" }, ctx());
    expect(out.ok && out.events).toEqual([{ type: "ballot:cast", voteId, memberId: "m4", onBehalfOf: "", choice: "contre", at: ctx().now, byChair: true }]);
    s = play(s, clerk, { type: "ballot:record", voteId, memberId: "m4", choice: "contre" });
    expect(s.votes[voteId]?.byChair).toEqual(["m4|"]);
    expect(projectMember(s, "m4").entitlements[0]).toMatchObject({ voted: true, choice: "contre", byChair: true });
    expect(projectPublic(s, HEADER).vote?.recordedByChair).toBe(1);
    // The same entitlement rules: nobody absent, nobody twice through a proxy they do not hold.
    expect(refusal(s, clerk, { type: "ballot:record", voteId, memberId: "m8", choice: "pour" })).toBe("not-entitled");
    expect(refusal(s, clerk, { type: "ballot:record", voteId, memberId: "m3", onBehalfOf: "m9", choice: "pour" })).toBe("not-entitled");
    expect(refusal(s, councillor("m2"), { type: "ballot:record", voteId, memberId: "m3", choice: "pour" })).toBe("forbidden");
    // The member's own device may still change it while the vote is open: then it is no longer the chair's.
    s = play(s, councillor("m4"), { type: "ballot:cast", voteId, choice: "pour" });
    expect(s.votes[voteId]?.byChair).toEqual([]);
  });

  it("CHAIR-2 a secret ballot is never recorded by name", () => {
    const s = opened("secret");
    expect(refusal(s, president, { type: "ballot:record", voteId: s.openVoteId!, memberId: "m4", choice: "pour" })).toBe("wrong-state");
  });

  it("CHAIR-2 SEC-19 the paper urn: the members sign, the chair types the totals, which go to the urn and never to the log or the reply", () => {
    let s = opened("secret");
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    const cmd = {
      type: "vote:paper" as const,
      voteId,
      voters: [{ memberId: "m3" }, { memberId: "m4" }],
      tally: { pour: 1, contre: 1, abstention: 0, nppv: 0 },
    };
    const out = applyCommand(s, clerk, cmd, ctx());
    if (!out.ok) throw new Error(out.error.code);
    expect(out.events).toEqual([
      {
        type: "vote:paper-deposited",
        voteId,
        voters: [
          { memberId: "m3", onBehalfOf: "" },
          { memberId: "m4", onBehalfOf: "" },
        ],
        at: ctx().now,
      },
    ]);
    expect(out.reply).toEqual({ ballots: 2 });
    expect(JSON.stringify(out.events)).not.toMatch(/pour|contre/);
    expect(out.urnAdd).toEqual({ tally: { pour: 1, contre: 1, abstention: 0, nppv: 0 }, candidates: [] });
    s = play(s, clerk, cmd);
    expect(s.votes[voteId]?.urn).toEqual({ pour: 2, contre: 1, abstention: 0, nppv: 0 });
    expect(s.votes[voteId]?.signatures).toEqual(["m2|", "m3|", "m4|"]);
    expect(projectPublic(s, HEADER).vote).toMatchObject({ ballotsCast: 3, paperBallots: 2, tally: null });
    // Signed once: neither the device nor a second paper for the same member; the papers equal the signatures.
    expect(refusal(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" })).toBe("already-voted");
    expect(refusal(s, clerk, { ...cmd, voters: [{ memberId: "m2" }], tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } })).toBe("already-voted");
    expect(refusal(s, clerk, { ...cmd, voters: [{ memberId: "m5" }], tally: { pour: 2, contre: 0, abstention: 0, nppv: 0 } })).toBe("bad-request");
    expect(refusal(s, clerk, { ...cmd, voters: [{ memberId: "m8" }], tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } })).toBe("not-entitled");
    s = play(s, president, { type: "vote:close", voteId });
    expect(s.votes[voteId]?.finalTally).toEqual({ pour: 2, contre: 1, abstention: 0, nppv: 0 });
  });

  it("CHAIR-2 the paper urn of a public ballot is refused: the chair records each named ballot instead", () => {
    const s = opened("public");
    expect(
      refusal(s, clerk, { type: "vote:paper", voteId: s.openVoteId!, voters: [{ memberId: "m3" }], tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } }),
    ).toBe("wrong-state");
  });
});

describe("the president votes last", () => {
  it("PRES-1 told beforehand how many ballots she waits for; a ballot too early says so, in both languages", () => {
    let s = opened("public");
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    expect(projectMember(s, "m1").votesLast).toEqual({ waiting: 5, othersClosed: false });
    const out = applyCommand(s, president, { type: "ballot:cast", voteId, choice: "pour" }, ctx());
    expect(out.ok ? "accepted" : out.error.code).toBe("president-votes-last");
    if (!out.ok) {
      expect(out.error.text.fr).toMatch(/5 votes attendus/);
      expect(out.error.text.en).toMatch(/5 ballots still expected/);
    }
    expect(projectMember(s, "m2").votesLast).toBeNull();
  });

  it("PRES-2 once she decides to vote, the others may no longer vote; the log says how many had not", () => {
    let s = opened("public");
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    const turn = applyCommand(s, president, { type: "vote:president-turn", voteId }, ctx());
    expect(turn.ok && turn.events).toEqual([{ type: "vote:others-closed", voteId, at: ctx().now, notVoted: 5 }]);
    s = play(s, president, { type: "vote:president-turn", voteId });
    expect(refusal(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" })).toBe("president-voting");
    expect(refusal(s, clerk, { type: "ballot:record", voteId, memberId: "m3", choice: "contre" })).toBe("president-voting");
    expect(projectMember(s, "m1").votesLast).toEqual({ waiting: 0, othersClosed: true });
    s = play(s, president, { type: "ballot:cast", voteId, choice: "pour" });
    expect(s.votes[voteId]?.ballots["m1|"]?.choice).toBe("pour");
    expect(refusal(s, councillor("m2"), { type: "vote:president-turn", voteId })).toBe("forbidden");
  });

  it("PRES-3 VOTE-3 a tie in a public ballot with her ballot cast last is settled by her casting vote", () => {
    let s = opened("public", 5);
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    s = play(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" });
    s = play(s, councillor("m4"), { type: "ballot:cast", voteId, choice: "contre" });
    s = play(s, councillor("m5"), { type: "ballot:cast", voteId, choice: "abstention" });
    s = play(s, president, { type: "ballot:cast", voteId, choice: "pour" });
    s = play(s, president, { type: "vote:close", voteId });
    s = play(s, president, { type: "vote:proclaim", voteId });
    expect(s.items.i1?.result).toMatchObject({
      outcome: "adopted",
      castingVote: true,
      ruleId: "VOTE-3",
      tally: { pour: 2, contre: 2, abstention: 1, nppv: 0 },
    });
  });

  it("PRES-3 her casting vote counts too when the chair recorded her ballot, after her turn", () => {
    let s = opened("public", 5);
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    s = play(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" });
    s = play(s, councillor("m4"), { type: "ballot:cast", voteId, choice: "pour" });
    // m5 has not voted: the president ends the others' turn; the chair records her ballot.
    s = play(s, president, { type: "vote:president-turn", voteId });
    s = play(s, clerk, { type: "ballot:record", voteId, memberId: "m1", choice: "contre" });
    s = play(s, president, { type: "vote:close", voteId });
    s = play(s, president, { type: "vote:proclaim", voteId });
    expect(s.items.i1?.result).toMatchObject({ outcome: "rejected", castingVote: true, ruleId: "VOTE-3", tally: { pour: 2, contre: 2 } });
  });
});
