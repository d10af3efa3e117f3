import { describe, expect, it } from "vitest";
import { checkRuleSetDate, DEFAULT_RULE_SET_ID, getRuleSet, listRuleSets, type RuleSet } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}

describe("rule sets", () => {
  it("RULESET-1 the registry lists the four shipped rule sets and nothing else", () => {
    expect(listRuleSets().map((rs) => rs.id)).toEqual(["fr-cgct", "fr-cgct-covid-2020", "roberts-rules", "uk-lga-1972"]);
    expect(getRuleSet("fr-cgct-1884")).toBeUndefined();
  });

  it("RULESET-3 fr-cgct is the default", () => {
    expect(DEFAULT_RULE_SET_ID).toBe("fr-cgct");
  });

  it("RULESET-2 covid rules apply only inside their two periods, bounds included", () => {
    const covid = rules("fr-cgct-covid-2020");
    for (const date of ["2020-03-24", "2021-09-30", "2021-11-10", "2022-03-15", "2022-07-31"]) {
      expect(checkRuleSetDate(covid, date)).toEqual({ ok: true });
    }
    for (const date of ["2020-03-23", "2021-10-01", "2021-11-09", "2022-08-01", "2024-01-01"]) {
      const check = checkRuleSetDate(covid, date);
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.reason.ruleId).toBe("RULESET-2");
        expect(check.reason.en).toMatch(/^Rule set not in force on that date/);
      }
    }
  });

  it("RULESET-2 undated rule sets apply on any date, but the date must be a real one", () => {
    expect(checkRuleSetDate(rules("fr-cgct"), "2019-06-01")).toEqual({
      ok: true,
    });
    expect(checkRuleSetDate(rules("uk-lga-1972"), "2024-02-29")).toEqual({
      ok: true,
    });
    expect(checkRuleSetDate(rules("fr-cgct"), "2023-02-29").ok).toBe(false);
  });

  it("RULESET-1 every rule set declares what the engine needs", () => {
    for (const rs of listRuleSets()) {
      expect(rs.label.fr.length).toBeGreaterThan(0);
      expect(rs.label.en.length).toBeGreaterThan(0);
      expect(rs.quorumRuleId).toMatch(/^QUORUM-\d+$/);
      expect(rs.quorumRequired(1)).toBe(1);
      expect(rs.maxProxiesPerHolder === 0 ? !rs.proxiesCountForQuorum : true).toBe(true);
    }
  });
});
