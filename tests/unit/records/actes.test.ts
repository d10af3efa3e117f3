// ACTES identifiers (format from council-rules.md, "After the sitting"), SIREN checksums and the
// matter nomenclature.

import { describe, expect, it } from "vitest";
import {
  ACTES_MATTERS,
  ActesFormatError,
  actesMatterLabel,
  buildActesId,
  isValidSiren,
  normaliseActesNumber,
  normaliseDepartement,
  parseActesId,
  prefectureId,
} from "@/core/records/actes";

const POITIERS = {
  departement: 86,
  siren: "218601946",
  decisionDate: "2022-10-03",
  actNumber: "2022-0245",
  nature: "DE",
} as const;

describe("buildActesId", () => {
  it("builds Poitiers' identifier for deliberation 2022-0245", () => {
    expect(buildActesId(POITIERS)).toBe("086-218601946-20221003-2022_0245-DE");
  });

  it("accepts the département as a string and Corsica's letters", () => {
    expect(buildActesId({ ...POITIERS, departement: "086" })).toBe("086-218601946-20221003-2022_0245-DE");
    expect(normaliseDepartement("2a")).toBe("02A");
    expect(normaliseDepartement(971)).toBe("971");
    expect(() => normaliseDepartement(20)).toThrow(ActesFormatError);
    expect(() => normaliseDepartement("96")).toThrow(/invalid département/);
  });

  it("rejects a SIREN with a wrong checksum", () => {
    expect(() => buildActesId({ ...POITIERS, siren: "218601947" })).toThrow(/invalid SIREN/);
  });

  it("rejects an impossible decision date", () => {
    expect(() => buildActesId({ ...POITIERS, decisionDate: "2022-02-30" })).toThrow(/invalid decision date/);
    expect(() => buildActesId({ ...POITIERS, decisionDate: "03/10/2022" })).toThrow(/invalid decision date/);
  });

  it("rejects an unknown nature that reached it from outside typed code", () => {
    const nature: string = "XX";
    // Simulates a value parsed from a form: the type system cannot vouch for it.
    const input = { ...POITIERS, nature } as unknown as Parameters<typeof buildActesId>[0];
    expect(() => buildActesId(input)).toThrow(/invalid nature/);
  });
});

describe("normaliseActesNumber", () => {
  it("upper-cases, removes accents and replaces other characters with _", () => {
    expect(normaliseActesNumber("2022-0245")).toBe("2022_0245");
    expect(normaliseActesNumber(" dél 12/b ")).toBe("DEL_12_B");
  });
  it("throws rather than truncating past 15 characters", () => {
    expect(normaliseActesNumber("123456789012345")).toBe("123456789012345");
    expect(() => normaliseActesNumber("1234567890123456")).toThrow(/longer than the 15 characters/);
  });
  it("throws when the result starts or ends with _ or is empty", () => {
    expect(() => normaliseActesNumber("-12")).toThrow(/must start and end with a letter or digit/);
    expect(() => normaliseActesNumber("12.")).toThrow(/must start and end/);
    expect(() => normaliseActesNumber("  ")).toThrow(/empty/);
  });
});

describe("parseActesId", () => {
  it("reads an identifier back into its parts", () => {
    expect(parseActesId("086-218601946-20221003-2022_0245-DE")).toEqual({
      departement: "086",
      siren: "218601946",
      decisionDate: "2022-10-03",
      actNumber: "2022_0245",
      nature: "DE",
    });
  });
  it("returns null for malformed identifiers", () => {
    expect(parseActesId("086-218601947-20221003-2022_0245-DE")).toBeNull();
    expect(parseActesId("086-218601946-20221303-2022_0245-DE")).toBeNull();
    expect(parseActesId("086-218601946-20221003-2022_0245-XX")).toBeNull();
    expect(parseActesId("086-218601946-20221003-_0245-DE")).toBeNull();
  });
});

describe("isValidSiren", () => {
  it("accepts Poitiers' SIREN, with or without spaces", () => {
    expect(isValidSiren("218601946")).toBe(true);
    expect(isValidSiren("218 601 946")).toBe(true);
  });
  it("rejects wrong checksums and lengths", () => {
    expect(isValidSiren("218601945")).toBe(false);
    expect(isValidSiren("21860194")).toBe(false);
    expect(isValidSiren("21860194600013")).toBe(false);
    expect(isValidSiren("abcdefghi")).toBe(false);
  });
});

describe("prefectureId", () => {
  it("pads the département", () => {
    expect(prefectureId(86)).toBe("PREF086");
    expect(prefectureId("2B")).toBe("PREF02B");
  });
});

describe("ACTES nomenclature", () => {
  it("has the nine level-1 matters of the council rules", () => {
    expect(actesMatterLabel("1")).toBe("Commande publique");
    expect(actesMatterLabel("6")).toBe("Libertés publiques et pouvoirs de police");
    expect(actesMatterLabel("9")).toBe("Autres domaines de compétences");
  });
  it("has 9.1–9.4", () => {
    expect(actesMatterLabel("9.1")).toBe("Autres domaines de compétences des communes");
    expect(actesMatterLabel("9.2")).toBe("Autres domaines de compétences des départements");
    expect(actesMatterLabel("9.3")).toBe("Autres domaines de compétences des régions");
    expect(actesMatterLabel("9.4")).toBe("Vœux et motions");
  });
  it("has exactly the level-2 codes the SCDL schema enumerates", () => {
    const ranges: Record<string, number> = {
      1: 7,
      2: 3,
      3: 6,
      4: 5,
      5: 8,
      6: 5,
      7: 10,
      8: 9,
      9: 4,
    };
    const expected = Object.entries(ranges).flatMap(([level1, count]) => [level1, ...Array.from({ length: count }, (_, i) => `${level1}.${i + 1}`)]);
    expect(Object.keys(ACTES_MATTERS).sort()).toEqual(expected.sort());
  });
  it("returns null for unknown codes", () => {
    expect(actesMatterLabel("9.5")).toBeNull();
    expect(actesMatterLabel("toString")).toBeNull();
  });
});
