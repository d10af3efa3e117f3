// Nominations by device, called directly (NOM-*): seats and candidates, the secret ballot and the
// council's unanimous decision to vote openly, three rounds counted by the rules engine (the elder on a
// round-3 tie), lists, a single candidate, and what each audience sees while a round is open.
import { describe, expect, it } from "vitest";
import { projectChair, projectPublic, type SittingHeader } from "../../../core/sitting/projection";
import type { SittingState } from "../../../core/sitting/state";
import { clerk, councillor, ITEMS, newSitting, play, president, refusal } from "./fixture";

const HEADER: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };
const ELECTION = { id: "i3", order: 3, title: "Désignation d'un représentant", kind: "election" };

/** m1…m7 present (m1 presides, born 1960; m3 born 1962, m6 1965, m7 1966), the sitting open, i3 called with its candidates. */
function nominationCalled(candidates: string[][] = [["m3"], ["m6"], ["m7"]], seats = 1, settings: Record<string, unknown> = {}): SittingState {
  let s = newSitting(settings, { items: [...ITEMS, ELECTION] });
  for (let i = 1; i <= 7; i++) s = play(s, president, { type: "rollcall:mark", memberId: `m${i}`, status: "present" });
  // The clerk may enter the candidates before the sitting opens.
  s = play(s, clerk, { type: "nomination:set", itemId: "i3", seats, candidates: candidates.map((memberIds) => ({ memberIds })) });
  s = play(s, president, { type: "sitting:open" });
  return play(s, president, { type: "item:call", itemId: "i3" });
}

/** One round: each voter's pick (candidate member id, or null for blank), the president last; closed and proclaimed. */
function round(s: SittingState, picks: Record<string, string | null>): SittingState {
  s = play(s, president, { type: "vote:open", itemId: "i3" });
  const voteId = s.openVoteId!;
  const ids = s.votes[voteId]!.nomination!.candidates.map((c) => c.id);
  const id = (m: string | null) => (m === null ? null : (ids.find((c) => c.endsWith(m)) ?? `missing-${m}`));
  for (const [member, pick] of Object.entries(picks)) {
    const actor = member === "m1" ? president : councillor(member);
    s = play(s, actor, { type: "ballot:nominate", voteId, candidateId: id(pick) });
  }
  s = play(s, president, { type: "vote:close", voteId });
  return play(s, president, { type: "vote:proclaim", voteId });
}

describe("nominations", () => {
  it("NOM-1 the chair or the clerk enters the seats and the candidates; refused for an unknown member, twice the same member, or a list of the wrong size", () => {
    const s = nominationCalled();
    expect(s.items.i3?.nomination?.candidates.map((c) => [c.id, c.label, c.birthDate])).toEqual([
      ["c-m3", "M. Prénom3 NOM3", "1962-01-01"],
      ["c-m6", "Mme Prénom6 NOM6", "1965-01-01"],
      ["c-m7", "M. Prénom7 NOM7", "1966-01-01"],
    ]);
    const set = (candidates: { memberIds: string[] }[], seats = 1) => refusal(s, president, { type: "nomination:set", itemId: "i3", seats, candidates });
    expect(set([{ memberIds: ["m3"] }, { memberIds: ["zz"] }])).toBe("bad-request");
    expect(set([{ memberIds: ["m3"] }, { memberIds: ["m3"] }])).toBe("bad-request");
    expect(set([{ memberIds: ["m2", "m3"] }, { memberIds: ["m4", "m5", "m6"] }], 2)).toBe("bad-request");
    expect(refusal(s, councillor("m2"), { type: "nomination:set", itemId: "i3", seats: 1, candidates: [] })).toBe("forbidden");
    expect(refusal(s, president, { type: "nomination:set", itemId: "i1", seats: 1, candidates: [] })).toBe("wrong-state");
  });

  it("NOM-3 ELECT-1 ELECT-3 three rounds by device, secret: no absolute majority twice, then a round-3 tie goes to the elder", () => {
    let s = nominationCalled();
    // Round 1: 6 exprimés (m3 3, m6 2, m7 1) and one blank: the absolute majority is 4.
    s = round(s, { m2: "m3", m3: "m3", m4: "m6", m5: "m6", m6: "m7", m7: null, m1: "m3" });
    const r1 = s.items.i3!.nomination!.rounds[0]!;
    expect(r1).toMatchObject({ round: 1, mode: "secret", outcome: "no-winner", ruleId: "ELECT-1" });
    expect(r1.figures).toEqual({
      votants: 7,
      blancsNuls: 1,
      exprimes: 6,
      majoriteAbsolue: 4,
      voix: [
        { candidateId: "c-m3", votes: 3 },
        { candidateId: "c-m6", votes: 2 },
        { candidateId: "c-m7", votes: 1 },
      ],
      nppv: 0,
    });
    expect(s.items.i3?.status).toBe("called");
    s = round(s, { m2: "m3", m3: "m3", m4: "m6", m5: "m6", m6: "m6", m7: null, m1: "m3" });
    expect(s.items.i3!.nomination!.rounds[1]).toMatchObject({ round: 2, outcome: "no-winner", figures: { exprimes: 6, majoriteAbsolue: 4 } });
    // Round 3: 3 against 3 — M. NOM3 (1962) is older than Mme NOM6 (1965).
    s = round(s, { m2: "m3", m3: "m3", m4: "m6", m5: "m6", m6: "m6", m7: null, m1: "m3" });
    const r3 = s.items.i3!.nomination!.rounds[2]!;
    expect(r3).toMatchObject({ round: 3, outcome: "elected", electedId: "c-m3", ruleId: "ELECT-3", figures: { majoriteAbsolue: null } });
    expect(r3.reasonFr).toMatch(/bénéfice de l'âge/);
    expect(s.items.i3?.status).toBe("decided");
    expect(s.items.i3?.result).toMatchObject({ outcome: "adopted", ruleId: "ELECT-3", tally: { pour: 6, contre: 0, abstention: 1, nppv: 0 } });
    // No fourth round: every seat is filled.
    expect(refusal(s, president, { type: "vote:open", itemId: "i3" })).toBe("wrong-state");
  });

  it("NOM-2 BALLOT-4 a nomination is secret even if the chair asks otherwise; the council's unanimous decision makes it open, and each pick is named", () => {
    let s = nominationCalled();
    s = play(s, president, { type: "vote:open", itemId: "i3", mode: "public" });
    expect(s.votes[s.openVoteId!]?.mode).toBe("secret");
    s = play(s, president, { type: "vote:cancel", voteId: s.openVoteId!, reason: "le conseil veut voter à main levée" });
    s = play(s, president, { type: "nomination:open-ballot", itemId: "i3" });
    expect(s.items.i3?.nomination?.openBallot).not.toBeNull();
    s = play(s, president, { type: "vote:open", itemId: "i3" });
    const voteId = s.openVoteId!;
    expect(s.votes[voteId]?.mode).toBe("public");
    s = play(s, councillor("m2"), { type: "ballot:nominate", voteId, candidateId: "c-m6" });
    s = play(s, councillor("m4"), { type: "ballot:nominate", voteId, candidateId: null });
    expect(s.votes[voteId]?.picks?.["m2|"]).toMatchObject({ candidateId: "c-m6" });
    // NOM-5: the chair sees an open round's figures as they come; the public too when the tally is live.
    expect(projectChair(s).liveNomination).toEqual({ votes: [0, 1, 0], blank: 1 });
    expect(projectPublic(s, HEADER).vote?.picks).toEqual([
      { memberId: "m2", onBehalfOf: "", candidateId: "c-m6" },
      { memberId: "m4", onBehalfOf: "", candidateId: null },
    ]);
    // CHAIR-1: the chair records the pick of a member without a device.
    s = play(s, clerk, { type: "ballot:record", voteId, memberId: "m5", candidateId: "c-m6" });
    expect(s.votes[voteId]?.byChair).toEqual(["m5|"]);
    expect(refusal(s, councillor("m3"), { type: "ballot:nominate", voteId, candidateId: "c-nobody" })).toBe("bad-request");
    expect(refusal(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "pour" })).toBe("wrong-state");
  });

  it("NOM-5 SIT-5 a secret round shows nobody its figures before the close: not the public, not the chair", () => {
    let s = nominationCalled();
    s = play(s, president, { type: "vote:open", itemId: "i3" });
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:nominate", voteId, candidateId: "c-m3" });
    s = play(s, councillor("m3"), { type: "ballot:nominate", voteId, candidateId: "c-m6" });
    expect(s.votes[voteId]?.candidateUrn).toEqual([1, 1, 0]);
    expect(s.votes[voteId]?.signatures).toEqual(["m2|", "m3|"]);
    const pub = projectPublic(s, HEADER).vote!;
    expect(pub).toMatchObject({ ballotsCast: 2, tally: null, picks: null, nomination: { round: 1, votes: null, blank: null } });
    expect(projectChair(s).liveNomination).toBeNull();
    expect(refusal(s, clerk, { type: "ballot:record", voteId, memberId: "m4", candidateId: "c-m3" })).toBe("wrong-state");
    s = play(s, president, { type: "vote:close", voteId });
    expect(projectPublic(s, HEADER).vote?.nomination).toMatchObject({ votes: [1, 1, 0], blank: 0 });
  });

  it("NOM-4 a list fills every seat at once; a round-3 tie between lists goes to the list of higher mean age", () => {
    let s = nominationCalled(
      [
        ["m2", "m7"],
        ["m3", "m4"],
      ],
      2,
    );
    expect(s.items.i3?.nomination?.candidates.map((c) => [c.id, c.birthDate])).toEqual([
      ["l-m2", "1963-07-03"],
      ["l-m3", "1962-07-03"],
    ]);
    s = round(s, { m2: "m2", m3: "m3", m4: "m3", m5: "m2", m6: null, m7: null, m1: null });
    s = round(s, { m2: "m2", m3: "m3", m4: "m3", m5: "m2", m6: null, m7: null, m1: null });
    s = round(s, { m2: "m2", m3: "m3", m4: "m3", m5: "m2", m6: null, m7: null, m1: null });
    expect(s.items.i3?.nomination?.elected).toEqual(["l-m3"]);
    expect(s.items.i3?.status).toBe("decided");
  });

  it("NOM-4 ELECT-4 seats are filled one after the other, and the last single candidate takes office without a vote", () => {
    let s = nominationCalled([["m3"], ["m6"]], 2);
    s = round(s, { m2: "m3", m3: "m3", m4: "m3", m5: "m6", m6: "m3", m7: null, m1: "m3" });
    expect(s.items.i3?.nomination?.elected).toEqual(["c-m3"]);
    expect(s.items.i3?.status).toBe("called");
    expect(refusal(s, president, { type: "vote:open", itemId: "i3" })).toBe("wrong-state");
    s = play(s, president, { type: "nomination:appoint", itemId: "i3" });
    const last = s.items.i3!.nomination!.rounds[1]!;
    expect(last).toMatchObject({ seat: 2, voteId: null, outcome: "elected", electedId: "c-m6", ruleId: "ELECT-4" });
    expect(s.items.i3?.status).toBe("decided");
    expect(s.items.i3?.result?.reasonFr).toMatch(/^Sont désignés : M\. Prénom3 NOM3, Mme Prénom6 NOM6/);
  });
});
