import { describe, expect, it } from "vitest";
import { computeQuorum, getRuleSet, type RuleSet } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}

const frCgct = rules("fr-cgct");
const covid = rules("fr-cgct-covid-2020");
const roberts = rules("roberts-rules");
const uk = rules("uk-lga-1972");
const base = { recused: 0, represented: 0, secondConvocation: false };

describe("quorum", () => {
  it("QUORUM-1 fr-cgct quorum is floor(N/2)+1 (Poitiers: 53 → 27)", () => {
    expect(frCgct.quorumRequired(53)).toBe(27);
    expect(frCgct.quorumRequired(29)).toBe(15);
    expect(frCgct.quorumRequired(7)).toBe(4);
    expect(frCgct.quorumRequired(54)).toBe(28);
  });

  it("QUORUM-1 quorum reached exactly at Q members present", () => {
    expect(computeQuorum(frCgct, { ...base, membersInOffice: 53, present: 27 }).reached).toBe(true);
    expect(computeQuorum(frCgct, { ...base, membersInOffice: 53, present: 26 }).reached).toBe(false);
  });

  it("QUORUM-8 the reason says the count in correct French: the participle agrees with it (0 and 1 singular)", () => {
    const fr = (rs: RuleSet, present: number, represented = 0) => computeQuorum(rs, { ...base, membersInOffice: 7, present, represented }).reason.fr;
    expect(fr(frCgct, 0)).toContain(": 0 membre présent pour un quorum de 4");
    expect(fr(frCgct, 1)).toContain(": 1 membre présent pour un quorum de 4");
    expect(fr(frCgct, 5)).toContain(": 5 membres présents pour un quorum de 4");
    expect(fr(covid, 1)).toContain(": 1 membre présent ou représenté pour un quorum de");
    expect(fr(covid, 2, 1)).toContain(": 3 membres présents ou représentés pour un quorum de");
    const second = computeQuorum(frCgct, { ...base, membersInOffice: 7, present: 1, secondConvocation: true }).reason.fr;
    expect(second).toContain("(1 membre présent)");
  });

  it("QUORUM-2 proxies do not count toward the fr-cgct quorum", () => {
    const q = computeQuorum(frCgct, {
      ...base,
      membersInOffice: 53,
      present: 26,
      represented: 10,
    });
    expect(q).toMatchObject({ required: 27, counted: 26, reached: false });
    expect(q.reason.ruleId).toBe("QUORUM-8");
  });

  it("QUORUM-3 interested members do not count as present for their item", () => {
    const q = computeQuorum(frCgct, {
      ...base,
      membersInOffice: 19,
      present: 10,
      recused: 2,
    });
    expect(q).toMatchObject({ required: 10, counted: 8, reached: false });
    expect(q.reason.fr).toContain("2 conseillers intéressés non comptés");
  });

  it("QUORUM-4 a second convocation deliberates without quorum, required reported as 0", () => {
    const q = computeQuorum(frCgct, {
      ...base,
      membersInOffice: 53,
      present: 2,
      secondConvocation: true,
    });
    expect(q).toMatchObject({ required: 0, reached: true, counted: 2 });
    expect(q.reason.ruleId).toBe("QUORUM-4");
    expect(
      computeQuorum(covid, {
        ...base,
        membersInOffice: 53,
        present: 1,
        secondConvocation: true,
      }).reached,
    ).toBe(true);
  });

  it("QUORUM-4 only the French rule sets waive quorum on a second convocation", () => {
    expect(
      computeQuorum(roberts, {
        ...base,
        membersInOffice: 20,
        present: 5,
        secondConvocation: true,
      }).reached,
    ).toBe(false);
    expect(
      computeQuorum(uk, {
        ...base,
        membersInOffice: 40,
        present: 5,
        secondConvocation: true,
      }).reached,
    ).toBe(false);
  });

  it("QUORUM-5 covid quorum is ceil(N/3) present or represented, interested members excluded", () => {
    expect(covid.quorumRequired(53)).toBe(18);
    expect(covid.quorumRequired(30)).toBe(10);
    expect(
      computeQuorum(covid, {
        ...base,
        membersInOffice: 53,
        present: 12,
        represented: 10,
      }),
    ).toMatchObject({ counted: 22, reached: true });
    expect(
      computeQuorum(covid, {
        ...base,
        membersInOffice: 53,
        present: 12,
        recused: 5,
        represented: 10,
      }),
    ).toMatchObject({ counted: 17, reached: false });
  });

  it("QUORUM-6 Robert's Rules quorum is a majority of the membership", () => {
    expect(roberts.quorumRequired(20)).toBe(11);
    expect(roberts.quorumRequired(21)).toBe(11);
    expect(computeQuorum(roberts, { ...base, membersInOffice: 20, present: 11 }).reached).toBe(true);
  });

  it("QUORUM-7 UK quorum is one quarter of the whole membership, rounded up", () => {
    expect(uk.quorumRequired(51)).toBe(13);
    expect(uk.quorumRequired(40)).toBe(10);
    expect(computeQuorum(uk, { ...base, membersInOffice: 51, present: 12 }).reached).toBe(false);
  });

  it("QUORUM-8 a failed quorum says the council cannot deliberate, in both languages", () => {
    const q = computeQuorum(frCgct, {
      ...base,
      membersInOffice: 29,
      present: 10,
    });
    expect(q.reason.fr).toMatch(/ne peut pas délibérer/);
    expect(q.reason.en).toMatch(/cannot deliberate/);
    expect(q.reason.article).toBe("CGCT L2121-17");
  });
});
