import { describe, expect, it } from "vitest";
import { decideBallotMode, getRuleSet, type RuleSet } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}
const frCgct = rules("fr-cgct");

describe("ballot mode", () => {
  it("BALLOT-1 a quarter of members present asking gives a public ballot", () => {
    const d = decideBallotMode(frCgct, {
      present: 30,
      publicRequests: 8,
      secretRequests: 0,
    });
    expect(d).toMatchObject({
      mode: "public",
      publicThreshold: 8,
      secretThreshold: 10,
    });
    expect(
      decideBallotMode(frCgct, {
        present: 30,
        publicRequests: 7,
        secretRequests: 0,
      }).mode,
    ).toBe("show-of-hands");
  });

  it("BALLOT-2 a third of members present asking gives a secret ballot", () => {
    expect(
      decideBallotMode(frCgct, {
        present: 30,
        publicRequests: 0,
        secretRequests: 10,
      }).mode,
    ).toBe("secret");
    expect(
      decideBallotMode(frCgct, {
        present: 30,
        publicRequests: 0,
        secretRequests: 9,
      }).mode,
    ).toBe("show-of-hands");
  });

  it("BALLOT-3 when both are asked, secret wins", () => {
    const d = decideBallotMode(frCgct, {
      present: 30,
      publicRequests: 12,
      secretRequests: 10,
    });
    expect(d.mode).toBe("secret");
    expect(d.reason.ruleId).toBe("BALLOT-3");
  });

  it("BALLOT-4 every nomination is a secret ballot", () => {
    expect(
      decideBallotMode(frCgct, {
        present: 30,
        publicRequests: 30,
        secretRequests: 0,
        isNomination: true,
      }).mode,
    ).toBe("secret");
  });

  it("BALLOT-5 show of hands by default", () => {
    const d = decideBallotMode(frCgct, {
      present: 27,
      publicRequests: 0,
      secretRequests: 0,
    });
    expect(d).toMatchObject({
      mode: "show-of-hands",
      publicThreshold: 7,
      secretThreshold: 9,
    });
  });

  it("BALLOT-6 a request needs at least one requester, even with nobody present", () => {
    expect(
      decideBallotMode(frCgct, {
        present: 0,
        publicRequests: 0,
        secretRequests: 0,
      }).mode,
    ).toBe("show-of-hands");
  });
});
