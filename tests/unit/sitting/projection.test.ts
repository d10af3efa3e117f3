// The views each audience gets, called directly (SIT-1, SIT-4, SIT-5): what the public, a member and
// the chair see, and that a secret choice never appears in any of them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectChair, projectMember, projectMembers, projectPublic, type SittingHeader } from "../../../core/sitting/projection";
import type { SittingState } from "../../../core/sitting/state";
import { councillor, IDS, liveItem, play, president } from "./fixture";

const HEADER: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };
const CHOICE = /"(choice|pour|contre|abstention|nppv)":\s*"?(pour|contre|abstention|nppv|[1-9])/;

function allViews(s: SittingState): string[] {
  return [JSON.stringify(projectPublic(s, HEADER)), JSON.stringify(projectChair(s)), ...IDS.map((id) => JSON.stringify(projectMember(s, id)))];
}

describe("projections", () => {
  it("SIT-5 an open secret ballot: no view carries a choice or a count by choice, whatever was deposited", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("pour" as const, "contre" as const, "abstention" as const, "nppv" as const), { minLength: 1, maxLength: 6 }),
        (choices) => {
          let s = play(liveItem(7), president, { type: "vote:open", itemId: "i1", mode: "secret" });
          const voteId = s.openVoteId!;
          choices.forEach((choice, i) => (s = play(s, councillor(`m${i + 2}`), { type: "ballot:cast", voteId, choice })));
          // The urn's totals are in the state (the room counts them), never in a view.
          s.votes[voteId]!.urn = { pour: 9, contre: 9, abstention: 9, nppv: 9 };
          for (const view of allViews(s)) expect(view).not.toMatch(CHOICE);
          expect(projectPublic(s, HEADER).vote).toMatchObject({ mode: "secret", tally: null, names: null, ballotsCast: choices.length });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("SIT-4 a public ballot shows its live tally and the names by choice; the member sees their own ballot", () => {
    let s = play(liveItem(7), president, { type: "vote:open", itemId: "i1", mode: "public" });
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "contre" });
    const pub = projectPublic(s, HEADER);
    expect(pub.vote).toMatchObject({
      tally: { pour: 0, contre: 1, abstention: 0, nppv: 0 },
      names: [{ memberId: "m2", onBehalfOf: "", choice: "contre" }],
      expected: 7,
    });
    expect(projectMember(s, "m2").entitlements).toEqual([
      { onBehalfOf: "", onBehalfOfName: null, voted: true, choice: "contre", at: "2022-10-03T16:05:00.000Z" },
    ]);
    expect(projectChair(s).notYetVoted.map((e) => e.memberId)).not.toContain("m2");
  });

  it("CHAIR-1 the chair's list of those who have not voted is in alphabetical order of names (the chair looks a member up by name)", () => {
    let s = liveItem(7);
    s.roster.m2!.lastName = "ZOLA";
    s.roster.m3!.lastName = "ABEL";
    s.roster.m4!.lastName = "Émery";
    s = play(s, president, { type: "vote:open", itemId: "i1", mode: "public" });
    const order = projectChair(s).notYetVoted.map((e) => e.memberId);
    expect(order.slice(0, 2)).toEqual(["m3", "m4"]);
    expect(order[order.length - 1]).toBe("m2");
  });

  it("SIT-1 the public view lists the roster with attendance and the proxies usable now, not the members' private views", () => {
    let s = liveItem(5);
    s = play(s, president, { type: "proxy:give", from: "m8", to: "m2" });
    const pub = projectPublic(s, HEADER);
    expect(pub.counts).toMatchObject({ present: 5, represented: 1 });
    expect(pub.proxies).toEqual([{ from: "m8", to: "m2" }]);
    expect(JSON.stringify(pub)).not.toMatch(/entitlements|notYetVoted/);
  });

  it("SIT-4 the members' views projected together (as a broadcast does) are each one's view alone: a proxy's ballot for its holder, the president's wait for her", () => {
    let s = liveItem(7, { presidentVotesLast: true });
    s = play(s, president, { type: "proxy:give", from: "m8", to: "m2" });
    s = play(s, president, { type: "vote:open", itemId: "i1", mode: "public" });
    const voteId = s.openVoteId!;
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId, choice: "contre", onBehalfOf: "m8" });
    s = play(s, councillor("m3"), { type: "ballot:cast", voteId, choice: "pour" });
    const together = projectMembers(s, IDS);
    expect([...together.keys()]).toEqual(IDS);
    for (const id of IDS) expect(together.get(id), id).toEqual(projectMembers(s, [id]).get(id));
    expect(together.get("m2")!.entitlements).toEqual([
      { onBehalfOf: "", onBehalfOfName: null, voted: false, choice: null, at: null },
      { onBehalfOf: "m8", onBehalfOfName: "Mme Prénom8 NOM8", voted: true, choice: "contre", at: "2022-10-03T16:05:00.000Z" },
    ]);
    expect(together.get("m3")!.entitlements).toEqual([{ onBehalfOf: "", onBehalfOfName: null, voted: true, choice: "pour", at: "2022-10-03T16:05:00.000Z" }]);
    // Seven present and one proxy: eight ballots, two cast, the president's own not counted.
    expect(together.get("m1")!.votesLast).toEqual({ waiting: 5, othersClosed: false });
    expect(together.get("m3")!.votesLast).toBeNull();
    // Absent members have no ballot of their own.
    expect(together.get("m9")!.entitlements).toEqual([]);
  });
});
