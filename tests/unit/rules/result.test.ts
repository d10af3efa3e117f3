import { describe, expect, it } from "vitest";
import { computeResult, getRuleSet, type ResultInput, type RuleSet } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}

const frCgct = rules("fr-cgct");
const roberts = rules("roberts-rules");
const uk = rules("uk-lga-1972");

function vote(partial: Partial<ResultInput> & Pick<ResultInput, "votes">): ResultInput {
  return {
    kind: "ordinary",
    ballot: "show-of-hands",
    presidentVote: "none",
    ...partial,
  };
}
const t = (pour: number, contre: number, abstention = 0, nppv = 0) => ({
  pour,
  contre,
  abstention,
  nppv,
});

describe("ordinary items", () => {
  it("VOTE-1 VOTE-2 adopted iff Pour > Contre, abstentions and NPPV ignored", () => {
    expect(computeResult(frCgct, vote({ votes: t(35, 10, 3) })).outcome).toBe("adopted");
    expect(computeResult(frCgct, vote({ votes: t(3, 4, 30, 5) })).outcome).toBe("rejected");
    expect(computeResult(frCgct, vote({ votes: t(1, 0, 40) })).outcome).toBe("adopted");
  });

  it("VOTE-3 tie broken by casting vote: the president voted pour", () => {
    const r = computeResult(frCgct, vote({ ballot: "public", votes: t(11, 11, 2), presidentVote: "pour" }));
    expect(r).toMatchObject({ outcome: "adopted", castingVote: true });
    expect(r.reason.fr).toMatch(/^Adoptée — voix prépondérante du président/);
    expect(r.reason.ruleId).toBe("VOTE-3");
  });

  it("VOTE-3 tie broken by casting vote: the president voted contre", () => {
    expect(computeResult(frCgct, vote({ votes: t(11, 11), presidentVote: "contre" }))).toMatchObject({ outcome: "rejected", castingVote: true });
  });

  it("VOTE-3 UK: the chair's second, casting vote decides a tie", () => {
    expect(computeResult(uk, vote({ votes: t(6, 6, 1), presidentVote: "contre" }))).toMatchObject({ outcome: "rejected", castingVote: true });
    expect(computeResult(uk, vote({ votes: t(6, 6, 1), presidentVote: "pour" }))).toMatchObject({ outcome: "adopted", castingVote: true });
  });

  it("VOTE-4 a tie in a secret ballot rejects, with no casting vote", () => {
    for (const rs of [frCgct, uk]) {
      const r = computeResult(rs, vote({ ballot: "secret", votes: t(11, 11, 2), presidentVote: "pour" }));
      expect(r).toMatchObject({ outcome: "rejected", castingVote: false });
      expect(r.reason.ruleId).toBe("VOTE-4");
    }
  });

  it("VOTE-5 a tie when the president abstained or did not vote rejects", () => {
    for (const presidentVote of ["abstention", "nppv", "none"] as const) {
      const r = computeResult(frCgct, vote({ votes: t(9, 9, 2), presidentVote }));
      expect(r).toMatchObject({ outcome: "rejected", castingVote: false });
      expect(r.reason.ruleId).toBe("VOTE-5");
    }
  });

  it("VOTE-5 Robert's Rules: a tie fails, the chair's vote is an ordinary vote", () => {
    expect(computeResult(roberts, vote({ votes: t(7, 7), presidentVote: "pour" }))).toMatchObject({ outcome: "rejected", castingVote: false });
  });

  it("VOTE-6 no suffrage exprimé rejects", () => {
    const r = computeResult(frCgct, vote({ votes: t(0, 0, 12) }));
    expect(r).toMatchObject({
      outcome: "rejected",
      castingVote: false,
      unanimous: false,
    });
    expect(r.reason.ruleId).toBe("VOTE-6");
  });

  it("VOTE-10 unanimity means every suffrage exprimé went the same way", () => {
    expect(computeResult(frCgct, vote({ votes: t(20, 0, 3) })).unanimous).toBe(true);
    expect(computeResult(frCgct, vote({ votes: t(20, 0, 3) })).reason.fr).toContain("unanimité");
    expect(computeResult(frCgct, vote({ votes: t(20, 1) })).unanimous).toBe(false);
    expect(computeResult(frCgct, vote({ votes: t(0, 5) })).unanimous).toBe(true);
  });
});

describe("compte administratif", () => {
  it("VOTE-7 the accounts stand on a tie, without a casting vote", () => {
    const r = computeResult(
      frCgct,
      vote({
        kind: "compte-administratif",
        votes: t(12, 12, 3),
        presidentVote: "contre",
      }),
    );
    expect(r).toMatchObject({ outcome: "adopted", castingVote: false });
    expect(r.reason.ruleId).toBe("VOTE-7");
  });

  it("VOTE-7 a majority against rejects the accounts", () => {
    expect(computeResult(frCgct, vote({ kind: "compte-administratif", votes: t(8, 9, 2) })).outcome).toBe("rejected");
  });

  it("VOTE-7 with nobody against the accounts stand", () => {
    expect(computeResult(frCgct, vote({ kind: "compte-administratif", votes: t(0, 0, 10) })).outcome).toBe("adopted");
  });

  it("VOTE-7 outside the French rule sets the accounts are an ordinary motion", () => {
    expect(computeResult(roberts, vote({ kind: "compte-administratif", votes: t(12, 12) })).outcome).toBe("rejected");
  });
});

describe("huis clos", () => {
  it("VOTE-8 needs the absolute majority of members present or represented", () => {
    const r = computeResult(
      frCgct,
      vote({
        kind: "huis-clos",
        votes: t(19, 5, 14),
        presentOrRepresented: 38,
      }),
    );
    expect(r).toMatchObject({
      outcome: "rejected",
      majorityRequired: 20,
      castingVote: false,
    });
    expect(
      computeResult(
        frCgct,
        vote({
          kind: "huis-clos",
          votes: t(20, 5, 13),
          presentOrRepresented: 38,
        }),
      ).outcome,
    ).toBe("adopted");
    expect(
      computeResult(
        frCgct,
        vote({
          kind: "huis-clos",
          votes: t(11, 4, 6),
          presentOrRepresented: 21,
        }),
      ),
    ).toMatchObject({
      outcome: "adopted",
      majorityRequired: 11,
    });
  });

  it("VOTE-8 a huis clos cannot be decided without knowing who is present or represented", () => {
    expect(() => computeResult(frCgct, vote({ kind: "huis-clos", votes: t(10, 0) }))).toThrow(RangeError);
  });

  it("VOTE-8 UK: excluding the public is an ordinary resolution with the casting vote", () => {
    expect(computeResult(uk, vote({ kind: "huis-clos", votes: t(5, 5), presidentVote: "pour" }))).toMatchObject({ outcome: "adopted", castingVote: true });
  });
});

describe("two-thirds", () => {
  it("VOTE-9 Robert's Rules: two thirds of votes cast, 9 of 14 is not enough", () => {
    const r = computeResult(roberts, vote({ votes: t(9, 5, 1), twoThirds: true }));
    expect(r).toMatchObject({ outcome: "rejected", majorityRequired: 10 });
    expect(computeResult(roberts, vote({ votes: t(10, 5), twoThirds: true })).outcome).toBe("adopted");
    expect(computeResult(roberts, vote({ votes: t(0, 0, 5), twoThirds: true })).outcome).toBe("rejected");
  });

  it("VOTE-9 Robert's Rules without twoThirds: a simple majority carries", () => {
    expect(computeResult(roberts, vote({ votes: t(9, 5, 1) })).outcome).toBe("adopted");
  });

  it("VOTE-9 asking a two-thirds majority of a rule set that has none is a programming error", () => {
    expect(() => computeResult(frCgct, vote({ votes: t(9, 5), twoThirds: true }))).toThrow(RangeError);
  });
});
