import { describe, expect, it } from "vitest";
import { computeElection, getRuleSet, type RuleSet } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}
const frCgct = rules("fr-cgct");
const roberts = rules("roberts-rules");
const c = (name: string, votes: number, birthDate = "1970-01-01") => ({
  name,
  votes,
  birthDate,
});

describe("nominations", () => {
  it("ELECT-1 round 1 needs floor(E/2)+1, blanks excluded", () => {
    const r = computeElection(frCgct, {
      round: 1,
      candidates: [c("A", 20), c("B", 18), c("C", 8)],
      blank: 2,
    });
    expect(r).toMatchObject({ outcome: "no-winner", majorityRequired: 24 });
    expect(
      computeElection(frCgct, {
        round: 1,
        candidates: [c("A", 24), c("B", 22)],
        blank: 9,
      }),
    ).toMatchObject({
      outcome: "elected",
      elected: "A",
      majorityRequired: 24,
    });
  });

  it("ELECT-1 round 2 still needs the absolute majority: a tie elects nobody", () => {
    expect(
      computeElection(frCgct, {
        round: 2,
        candidates: [c("A", 15), c("B", 15)],
        blank: 0,
      }),
    ).toMatchObject({
      outcome: "no-winner",
      majorityRequired: 16,
    });
  });

  it("ELECT-2 round 3 elects the most votes", () => {
    const r = computeElection(frCgct, {
      round: 3,
      candidates: [c("A", 10), c("B", 8), c("C", 5)],
      blank: 2,
    });
    expect(r).toMatchObject({ outcome: "elected", elected: "A" });
    expect(r.majorityRequired).toBeUndefined();
  });

  it("ELECT-3 a round-3 tie goes to the oldest", () => {
    const r = computeElection(frCgct, {
      round: 3,
      candidates: [c("A", 22, "1971-02-03"), c("B", 22, "1958-11-20"), c("C", 3, "1930-01-01")],
      blank: 0,
    });
    expect(r).toMatchObject({ outcome: "elected", elected: "B" });
    expect(r.reason.fr).toContain("le plus âgé est déclaré élu");
  });

  it("ELECT-4 a single candidate takes office immediately, in any round", () => {
    for (const round of [1, 2, 3] as const) {
      expect(
        computeElection(frCgct, {
          round,
          candidates: [c("Seule", 0)],
          blank: 5,
        }),
      ).toMatchObject({ outcome: "elected", elected: "Seule" });
    }
  });

  it("ELECT-5 Robert's Rules: a majority is needed in every round", () => {
    expect(
      computeElection(roberts, {
        round: 3,
        candidates: [c("A", 10), c("B", 8), c("C", 5)],
        blank: 0,
      }),
    ).toMatchObject({
      outcome: "no-winner",
      majorityRequired: 12,
    });
  });

  it("ELECT-6 a round-3 tie between candidates born the same day, or no vote at all, elects nobody", () => {
    expect(
      computeElection(frCgct, {
        round: 3,
        candidates: [c("A", 5, "1970-01-01"), c("B", 5, "1970-01-01")],
        blank: 0,
      }).outcome,
    ).toBe("no-winner");
    expect(
      computeElection(frCgct, {
        round: 3,
        candidates: [c("A", 0), c("B", 0)],
        blank: 7,
      }).outcome,
    ).toBe("no-winner");
  });

  it("ELECT-7 no candidate, nobody elected", () => {
    expect(computeElection(frCgct, { round: 1, candidates: [], blank: 0 }).outcome).toBe("no-winner");
  });
});
