import { describe, expect, it } from "vitest";
import { countUsableProxies, getRuleSet, type Proxy, type RuleSet, validateNewProxy, validateProxies } from "@/core/rules";

function rules(id: string): RuleSet {
  const rs = getRuleSet(id);
  if (!rs) throw new Error(`missing rule set ${id}`);
  return rs;
}

const frCgct = rules("fr-cgct");
const covid = rules("fr-cgct-covid-2020");

function ruleIds(check: ReturnType<typeof validateProxies>): string[] {
  return check.valid ? [] : check.problems.map((p) => p.ruleId);
}

describe("proxies", () => {
  it("PROXY-1 Robert's Rules and the UK Act allow no proxy at all", () => {
    for (const id of ["roberts-rules", "uk-lga-1972"]) {
      const check = validateProxies(rules(id), [{ from: "A", to: "B" }]);
      expect(ruleIds(check)).toEqual(["PROXY-1"]);
      expect(validateProxies(rules(id), []).valid).toBe(true);
    }
  });

  it("PROXY-2 a mandataire holds one proxy under fr-cgct", () => {
    const check = validateProxies(frCgct, [
      { from: "M30", to: "M01" },
      { from: "M31", to: "M01" },
    ]);
    expect(ruleIds(check)).toEqual(["PROXY-2"]);
  });

  it("PROXY-2 a mandataire holds two proxies, not three, under the covid rules", () => {
    const two: Proxy[] = [
      { from: "M30", to: "M01" },
      { from: "M31", to: "M01" },
    ];
    expect(validateProxies(covid, two).valid).toBe(true);
    expect(ruleIds(validateProxies(covid, [...two, { from: "M32", to: "M01" }]))).toEqual(["PROXY-2"]);
  });

  it("PROXY-3 a member cannot both give and hold a proxy, whatever the order", () => {
    expect(
      ruleIds(
        validateProxies(frCgct, [
          { from: "A", to: "B" },
          { from: "B", to: "C" },
        ]),
      ),
    ).toEqual(["PROXY-3"]);
    expect(
      ruleIds(
        validateProxies(frCgct, [
          { from: "B", to: "C" },
          { from: "A", to: "B" },
        ]),
      ),
    ).toEqual(["PROXY-3"]);
  });

  it("PROXY-4 a member gives at most one proxy", () => {
    expect(
      ruleIds(
        validateProxies(frCgct, [
          { from: "A", to: "B" },
          { from: "A", to: "C" },
        ]),
      ),
    ).toEqual(["PROXY-4"]);
  });

  it("PROXY-5 nobody gives a proxy to themself", () => {
    expect(ruleIds(validateProxies(frCgct, [{ from: "A", to: "A" }]))).toEqual(["PROXY-5"]);
  });

  it("PROXY-6 a proxy serves at most 3 consecutive sittings unless illness is certified", () => {
    expect(validateNewProxy(frCgct, [], { from: "A", to: "B", sittingsUsed: 3 }).valid).toBe(true);
    expect(ruleIds(validateNewProxy(frCgct, [], { from: "A", to: "B", sittingsUsed: 4 }))).toEqual(["PROXY-6"]);
    expect(
      validateNewProxy(frCgct, [], {
        from: "A",
        to: "B",
        sittingsUsed: 9,
        illnessCertified: true,
      }).valid,
    ).toBe(true);
  });

  it("PROXY-7 the mandataire must be in the room to use the proxy", () => {
    const check = validateNewProxy(frCgct, [], { from: "A", to: "B" }, { presentIds: new Set(["C"]) });
    expect(ruleIds(check)).toEqual(["PROXY-7"]);
    expect(validateNewProxy(frCgct, [], { from: "A", to: "B" }, { presentIds: new Set(["B"]) }).valid).toBe(true);
  });

  it("PROXY-7 an interested mandataire or mandant makes the proxy unusable on that item", () => {
    const proxies: Proxy[] = [
      { from: "A", to: "B" },
      { from: "C", to: "D" },
      { from: "E", to: "F" },
    ];
    expect(countUsableProxies(proxies)).toBe(3);
    expect(countUsableProxies(proxies, { recusedIds: new Set(["B"]) })).toBe(2);
    expect(countUsableProxies(proxies, { recusedIds: new Set(["C"]) })).toBe(2);
    expect(countUsableProxies(proxies, { presentIds: new Set(["B", "D"]) })).toBe(2);
  });

  it("PROXY-8 the mayor may not give a proxy for the compte administratif", () => {
    const ctx = { itemKind: "compte-administratif" as const, mayorId: "MAYOR" };
    expect(ruleIds(validateNewProxy(frCgct, [], { from: "MAYOR", to: "B" }, ctx))).toEqual(["PROXY-8"]);
    expect(validateNewProxy(frCgct, [], { from: "MAYOR", to: "B" }, { ...ctx, itemKind: "ordinary" }).valid).toBe(true);
  });

  it("PROXY-2 validateNewProxy checks the live list: a second proxy to the same holder is refused with a sentence", () => {
    const check = validateNewProxy(frCgct, [{ from: "M30", to: "M01" }], {
      from: "M31",
      to: "M01",
    });
    expect(check.valid).toBe(false);
    if (!check.valid) {
      expect(check.problems[0]?.fr).toBe("M01 détient déjà 1 pouvoir : un mandataire ne peut en détenir que 1 (CGCT L2121-20)");
    }
  });
});
