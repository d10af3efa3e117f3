import { describe, expect, it } from "vitest";
import { CaseSchema, checkCase, evaluateCase } from "@/core/rules";

const ordinary = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: "t",
  ruleSet: "fr-cgct",
  ...extra,
  input: {
    kind: "ordinary",
    membersInOffice: 29,
    present: 20,
    recused: 0,
    proxies: [],
    ballot: "show-of-hands",
    votes: { pour: 12, contre: 5, abstention: 0, nppv: 0 },
    presidentVote: "pour",
    ...input,
  },
});

describe("evaluateCase consistency checks", () => {
  it("CASE-0 malformed input never throws and names the faulty field", () => {
    for (const bad of [null, 3, "x", [], {}, { input: {} }, ordinary({ votes: { pour: "many", contre: 1 } })]) {
      const r = evaluateCase(bad);
      expect(r.valid).toBe(false);
      expect(r.outcome).toBe("invalid");
      expect(r.reason.ruleId).toBe("CASE-0");
    }
    expect(evaluateCase(ordinary({ present: -1 })).reason.en).toContain("input.present");
  });

  it("CASE-0 optional fields take their documented defaults", () => {
    const r = evaluateCase({
      input: {
        kind: "ordinary",
        membersInOffice: 29,
        present: 20,
        votes: { pour: 3, contre: 1 },
      },
    });
    expect(r).toMatchObject({
      valid: true,
      quorumRequired: 15,
      quorum: true,
      outcome: "adopted",
      castingVote: false,
    });
  });

  it("RULESET-1 an unknown rule set is invalid", () => {
    expect(evaluateCase(ordinary({}, { ruleSet: "fr-cgct-1884" }))).toMatchObject({ valid: false, outcome: "invalid" });
  });

  it("RULESET-2 a dated rule set outside its periods is invalid: rule set not in force on that date", () => {
    const r = evaluateCase(ordinary({}, { ruleSet: "fr-cgct-covid-2020", date: "2023-01-10" }));
    expect(r).toMatchObject({ valid: false, outcome: "invalid" });
    expect(r.reason.en).toMatch(/Rule set not in force on that date/);
  });

  it("RULESET-4 without a date a dated rule set is not date-checked", () => {
    expect(evaluateCase(ordinary({}, { ruleSet: "fr-cgct-covid-2020" })).valid).toBe(true);
  });

  it("CASE-1 more members present than in office, or more interested than present, is invalid", () => {
    expect(evaluateCase(ordinary({ membersInOffice: 15, present: 20 })).valid).toBe(false);
    expect(
      evaluateCase(
        ordinary({
          present: 2,
          recused: 3,
          votes: { pour: 0, contre: 0, abstention: 0, nppv: 2 },
        }),
      ).valid,
    ).toBe(false);
  });

  it("CASE-2 members present plus absent mandants cannot exceed the members in office", () => {
    const proxies = Array.from({ length: 10 }, (_, i) => ({
      from: `A${i}`,
      to: `P${i}`,
    }));
    expect(evaluateCase(ordinary({ present: 20, proxies })).problems?.map((p) => p.ruleId)).toContain("CASE-2");
  });

  it("CASE-3 there cannot be more mandataires than members present", () => {
    const proxies = [
      { from: "A1", to: "P1" },
      { from: "A2", to: "P2" },
      { from: "A3", to: "P3" },
    ];
    const r = evaluateCase(
      ordinary({
        present: 2,
        proxies,
        votes: { pour: 2, contre: 0, abstention: 0, nppv: 0 },
      }),
    );
    expect(r.problems?.map((p) => p.ruleId)).toEqual(["CASE-3"]);
  });

  it("CASE-4 interested members cannot vote pour, contre or abstention", () => {
    const r = evaluateCase(
      ordinary({
        present: 20,
        recused: 2,
        votes: { pour: 15, contre: 5, abstention: 0, nppv: 0 },
      }),
    );
    expect(r.problems?.map((p) => p.ruleId)).toEqual(["CASE-4"]);
  });

  it("CASE-5 ballots cannot exceed present + proxies; interested members' NPPV fit within it", () => {
    const proxies = [{ from: "M25", to: "M01" }];
    expect(
      evaluateCase(
        ordinary({
          present: 20,
          recused: 2,
          proxies,
          votes: { pour: 12, contre: 5, abstention: 2, nppv: 2 },
        }),
      ).valid,
    ).toBe(true);
    const r = evaluateCase(
      ordinary({
        present: 20,
        recused: 2,
        proxies,
        votes: { pour: 12, contre: 5, abstention: 2, nppv: 3 },
      }),
    );
    expect(r.problems?.map((p) => p.ruleId)).toEqual(["CASE-5"]);
  });

  it("CASE-6 an election cannot have more ballots than voters", () => {
    const r = evaluateCase({
      ruleSet: "fr-cgct",
      input: {
        kind: "election",
        membersInOffice: 29,
        present: 20,
        round: 1,
        blank: 3,
        candidates: [
          { name: "A", votes: 10, birthDate: "1970-01-01" },
          { name: "B", votes: 8, birthDate: "1971-01-01" },
        ],
      },
    });
    expect(r.problems?.map((p) => p.ruleId)).toEqual(["CASE-6"]);
  });

  it("CASE-7 twoThirds outside Robert's Rules is invalid", () => {
    expect(evaluateCase(ordinary({ twoThirds: true })).problems?.map((p) => p.ruleId)).toEqual(["CASE-7"]);
    expect(evaluateCase(ordinary({ twoThirds: true }, { ruleSet: "roberts-rules" })).valid).toBe(true);
  });

  it("CASE-8 a candidate cannot be listed twice", () => {
    const r = evaluateCase({
      input: {
        kind: "election",
        membersInOffice: 29,
        present: 20,
        round: 1,
        candidates: [
          { name: "A", votes: 10, birthDate: "1970-01-01" },
          { name: "A", votes: 8, birthDate: "1971-01-01" },
        ],
      },
    });
    expect(r.problems?.map((p) => p.ruleId)).toEqual(["CASE-8"]);
  });

  it("PROXY-1 proxies under Robert's Rules make the case invalid", () => {
    expect(evaluateCase(ordinary({ proxies: [{ from: "X", to: "Y" }] }, { ruleSet: "roberts-rules" }))).toMatchObject({ valid: false, outcome: "invalid" });
  });

  it("QUORUM-8 without quorum the outcome is no-quorum, also for a nomination", () => {
    expect(
      evaluateCase(
        ordinary({
          present: 14,
          votes: { pour: 10, contre: 2, abstention: 0, nppv: 0 },
        }),
      ),
    ).toMatchObject({
      valid: true,
      quorum: false,
      quorumRequired: 15,
      outcome: "no-quorum",
      castingVote: false,
    });
    const e = evaluateCase({
      input: {
        kind: "election",
        membersInOffice: 29,
        present: 14,
        round: 1,
        candidates: [{ name: "A", votes: 9, birthDate: "1970-01-01" }],
      },
    });
    expect(e).toMatchObject({
      valid: true,
      quorum: false,
      outcome: "no-quorum",
    });
  });

  it("QUORUM-4 second convocation: never no-quorum, quorumRequired 0", () => {
    expect(
      evaluateCase(
        ordinary({
          present: 3,
          secondConvocation: true,
          votes: { pour: 2, contre: 1, abstention: 0, nppv: 0 },
        }),
      ),
    ).toMatchObject({
      quorum: true,
      quorumRequired: 0,
      outcome: "adopted",
    });
  });
});

describe("checkCase", () => {
  it("CASE-0 a malformed case fails under its file name when it has no name", () => {
    const check = checkCase({ input: { kind: "ordinary" }, expect: { outcome: "adopted" } }, "x.json");
    expect(check).toMatchObject({ name: "x.json", passed: false });
    expect(check.detail).toMatch(/^malformed case — /);
    expect(check.detail).toContain("input.membersInOffice: is missing");
  });

  it("CASE-0 an expect with no known field is malformed", () => {
    expect(checkCase({ ...ordinary({}), expect: { verdict: "adopted" } }, "y.json").detail).toContain("expect");
  });

  it("VOTE-2 a wrong expectation says what differed", () => {
    const check = checkCase({ ...ordinary({}), expect: { outcome: "rejected", valid: true } }, "z.json");
    expect(check.passed).toBe(false);
    expect(check.detail).toMatch(/^outcome: expected rejected, got adopted/);
  });

  it("CASE-0 unknown fields in expect are ignored", () => {
    expect(checkCase({ ...ordinary({}), expect: { outcome: "adopted", comment: "fine" } }, "w.json").passed).toBe(true);
    expect(
      CaseSchema.safeParse({
        ...ordinary({}),
        expect: { outcome: "adopted", comment: "fine" },
      }).success,
    ).toBe(true);
  });
});
