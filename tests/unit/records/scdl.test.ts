// The SCDL Délibérations v2.1.5 export: column order, row validation, matière names, and CSV text that
// any RFC 4180 reader gets back unchanged, whatever the values hold.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCDL_COLUMNS, type ScdlRow, scdlMatiereNom, toScdlCsv, validateScdlRow } from "@/core/records/scdl";
import { SCDL_SCHEMA_COLUMNS } from "../../helpers/scdl-schema";

const POITIERS_ROW: ScdlRow = {
  COLL_NOM: "Ville de Poitiers",
  COLL_SIRET: "21860194600013",
  DELIB_ID: "2022-0245",
  DELIB_DATE: "2022-10-03",
  DELIB_MATIERE_CODE: "9.1",
  DELIB_MATIERE_NOM: "autres domaines de compétences/autres domaines de compétences des communes",
  DELIB_OBJET: "Adhésion à l'association Démocratie Ouverte",
  BUDGET_ANNEE: "2022",
  BUDGET_NOM: "Principal",
  PREF_ID: "PREF086",
  PREF_DATE: "2022-10-05",
  VOTE_EFFECTIF: 55,
  VOTE_REEL: 50,
  VOTE_POUR: 45,
  VOTE_CONTRE: 3,
  VOTE_ABSTENTION: 2,
  DELIB_URL: "https://www.poitiers.fr/deliberations/2022-0245.pdf",
};

/**
 * A small RFC 4180 reader written for this test, independent of the writer: quoted fields may hold
 * commas, doubled quotes and line breaks; records end with CRLF or LF; a final line end is optional.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += ch === "\r" ? 2 : 1;
    } else if (ch === '"' || ch === "\r") {
      throw new Error(`bare ${JSON.stringify(ch)} in an unquoted field at ${i}`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

describe("SCDL_COLUMNS", () => {
  it("lists the 17 columns in the schema's order", () => {
    expect(SCDL_COLUMNS).toEqual(SCDL_SCHEMA_COLUMNS);
  });
});

describe("toScdlCsv", () => {
  it("writes the header, then one LF-terminated row per deliberation", () => {
    expect(toScdlCsv([POITIERS_ROW])).toBe(
      `${SCDL_COLUMNS.join(",")}\n` +
        "Ville de Poitiers,21860194600013,2022-0245,2022-10-03,9.1," +
        "autres domaines de compétences/autres domaines de compétences des communes," +
        "Adhésion à l'association Démocratie Ouverte,2022,Principal,PREF086,2022-10-05," +
        "55,50,45,3,2,https://www.poitiers.fr/deliberations/2022-0245.pdf\n",
    );
  });

  it("writes missing optional values as empty strings", () => {
    const { COLL_NOM, COLL_SIRET, DELIB_ID, DELIB_DATE, DELIB_MATIERE_CODE, DELIB_MATIERE_NOM } = POITIERS_ROW;
    const row: ScdlRow = {
      COLL_NOM,
      COLL_SIRET,
      DELIB_ID,
      DELIB_DATE,
      DELIB_MATIERE_CODE,
      DELIB_MATIERE_NOM,
      DELIB_OBJET: 'Objet, avec "guillemets"',
      BUDGET_NOM: null,
      VOTE_POUR: 0,
    };
    const line = toScdlCsv([row]).split("\n")[1];
    expect(line).toBe(
      "Ville de Poitiers,21860194600013,2022-0245,2022-10-03,9.1," +
        "autres domaines de compétences/autres domaines de compétences des communes," +
        '"Objet, avec ""guillemets""",,,,,,,0,,,',
    );
    expect(parseCsv(toScdlCsv([row]))[1]).toHaveLength(SCDL_COLUMNS.length);
  });

  it("writes only the header for no rows", () => {
    expect(toScdlCsv([])).toBe(`${SCDL_COLUMNS.join(",")}\n`);
  });

  it("round-trips arbitrary values through an RFC 4180 reader (property)", () => {
    const tricky = fc.constantFrom(",", '"', "\n", "\r", "\r\n", " ", "\t", "é", "œ", "€", "a", "Z", "0", ";");
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join("")),
      fc
        .array(fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 4 })), {
          maxLength: 8,
        })
        .map((p) => p.join("")),
    );
    const optionalText = fc.option(text, { nil: undefined });
    const count = fc.option(fc.nat(), { nil: null });
    const row = fc.record({
      COLL_NOM: text,
      COLL_SIRET: text,
      DELIB_ID: text,
      DELIB_DATE: text,
      DELIB_MATIERE_CODE: text,
      DELIB_MATIERE_NOM: text,
      DELIB_OBJET: text,
      BUDGET_ANNEE: optionalText,
      BUDGET_NOM: optionalText,
      PREF_ID: optionalText,
      PREF_DATE: optionalText,
      VOTE_EFFECTIF: count,
      VOTE_REEL: count,
      VOTE_POUR: count,
      VOTE_CONTRE: count,
      VOTE_ABSTENTION: count,
      DELIB_URL: optionalText,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), (rows: ScdlRow[]) => {
        const records = parseCsv(toScdlCsv(rows));
        expect(records[0]).toEqual([...SCDL_COLUMNS]);
        expect(records.slice(1)).toEqual(rows.map((r) => SCDL_COLUMNS.map((c) => (r[c] === null || r[c] === undefined ? "" : String(r[c])))));
      }),
      { numRuns: 500 },
    );
  });
});

describe("validateScdlRow", () => {
  it("accepts a complete row and a row with only the required columns", () => {
    expect(validateScdlRow(POITIERS_ROW)).toEqual([]);
    const { COLL_NOM, COLL_SIRET, DELIB_ID, DELIB_DATE, DELIB_MATIERE_CODE, DELIB_MATIERE_NOM, DELIB_OBJET } = POITIERS_ROW;
    expect(
      validateScdlRow({
        COLL_NOM,
        COLL_SIRET,
        DELIB_ID,
        DELIB_DATE,
        DELIB_MATIERE_CODE,
        DELIB_MATIERE_NOM,
        DELIB_OBJET,
      }),
    ).toEqual([]);
  });

  it("accepts empty strings for optional values", () => {
    expect(
      validateScdlRow({
        ...POITIERS_ROW,
        // The two budget columns go together (custom check cohesive-columns-value).
        BUDGET_ANNEE: "",
        BUDGET_NOM: "",
        PREF_ID: "",
        PREF_DATE: "",
        DELIB_URL: "",
      }),
    ).toEqual([]);
  });

  it("reports missing and empty required columns", () => {
    const problems = validateScdlRow({
      ...POITIERS_ROW,
      COLL_NOM: "  ",
      DELIB_OBJET: undefined,
    });
    expect(problems).toEqual(["COLL_NOM: required", "DELIB_OBJET: required"]);
  });

  it("checks the SIRET, dates and matière code patterns", () => {
    expect(validateScdlRow({ ...POITIERS_ROW, COLL_SIRET: "218601946" })).toEqual(["COLL_SIRET: must be 14 digits (SIREN + NIC)"]);
    expect(
      validateScdlRow({
        ...POITIERS_ROW,
        DELIB_DATE: "03/10/2022",
        PREF_DATE: "2022-02-30",
      }),
    ).toEqual(["DELIB_DATE: must be a date YYYY-MM-DD", "PREF_DATE: must be a date YYYY-MM-DD"]);
    expect(validateScdlRow({ ...POITIERS_ROW, DELIB_MATIERE_CODE: "9.1.2" })).toEqual(["DELIB_MATIERE_CODE: must be an ACTES level-2 code such as 9.1"]);
    expect(validateScdlRow({ ...POITIERS_ROW, DELIB_MATIERE_CODE: "9.7" })).toEqual(["DELIB_MATIERE_CODE: is not in the ACTES nomenclature"]);
  });

  it("checks BUDGET_ANNEE, PREF_ID and DELIB_URL", () => {
    expect(validateScdlRow({ ...POITIERS_ROW, BUDGET_ANNEE: "2022/2023" })).toEqual([]);
    expect(
      validateScdlRow({
        ...POITIERS_ROW,
        BUDGET_ANNEE: "22",
        PREF_ID: "PREF86",
        DELIB_URL: "javascript:alert(1)",
      }),
    ).toEqual([
      "BUDGET_ANNEE: must be a year YYYY or a range YYYY/YYYY",
      "PREF_ID: must be PREFNNN, SPREFNNNM or SGARNNN",
      "DELIB_URL: must be an http(s) URL",
    ]);
    expect(validateScdlRow({ ...POITIERS_ROW, PREF_ID: "SPREF0862" })).toEqual([]);
  });

  it("requires whole, non-negative vote counts", () => {
    expect(
      validateScdlRow({
        ...POITIERS_ROW,
        VOTE_POUR: 2.5,
        VOTE_CONTRE: -1,
        VOTE_ABSTENTION: "2",
      }),
    ).toEqual(["VOTE_POUR: must be a whole number", "VOTE_CONTRE: must not be negative", "VOTE_ABSTENTION: must be a whole number"]);
  });

  it("reports unknown columns and non-objects", () => {
    expect(validateScdlRow({ ...POITIERS_ROW, VOTE_POR: 3 })).toEqual(["unknown column: VOTE_POR"]);
    expect(validateScdlRow(null).length).toBeGreaterThan(0);
  });
});

describe("scdlMatiereNom", () => {
  it("joins the two labels in lower case with accents kept", () => {
    expect(scdlMatiereNom("9.1")).toBe("autres domaines de compétences/autres domaines de compétences des communes");
    expect(scdlMatiereNom("8.4")).toBe("domaines de compétences par thèmes/aménagement du territoire");
  });
  it("drops commas and parentheses", () => {
    expect(scdlMatiereNom("7.9")).toBe("finances locales/prise de participation sem etc.");
  });
  it("produces a valid DELIB_MATIERE_NOM for every level-2 code", () => {
    for (const code of ["1.1", "4.1", "6.5", "7.10", "9.4"]) {
      const nom = scdlMatiereNom(code) ?? "";
      expect(nom).toMatch(/^[^,()A-Z]+\/[^,()A-Z]+$/u);
      expect(nom).toBe(nom.toLowerCase());
    }
  });
  it("returns null for level-1 and unknown codes", () => {
    expect(scdlMatiereNom("9")).toBeNull();
    expect(scdlMatiereNom("9.9")).toBeNull();
  });
});

describe("REC-16 the schema's custom checks", () => {
  const check = (over: Partial<ScdlRow>) => validateScdlRow({ ...POITIERS_ROW, ...over });

  it("REC-16 a complete, coherent row passes every check", () => {
    expect(check({})).toEqual([]);
  });

  it("REC-16 COLL_SIRET must pass its Luhn checksum, not only its pattern", () => {
    expect(check({ COLL_SIRET: "21860194600014" })).toEqual(["COLL_SIRET: is not a valid SIRET (Luhn checksum)"]);
  });

  it("REC-16 BUDGET_NOM and BUDGET_ANNEE go together; a year interval goes forward", () => {
    expect(check({ BUDGET_ANNEE: "" })).toEqual(["BUDGET_ANNEE: required when BUDGET_NOM is given"]);
    expect(check({ BUDGET_NOM: "" })).toEqual(["BUDGET_NOM: required when BUDGET_ANNEE is given"]);
    expect(check({ BUDGET_ANNEE: "2023/2022" })).toEqual(["BUDGET_ANNEE: the second year of an interval must come after the first"]);
    expect(check({ BUDGET_ANNEE: "2022/2023" })).toEqual([]);
  });

  it("REC-16 PREF_DATE is not before DELIB_DATE", () => {
    expect(check({ PREF_DATE: "2022-10-02" })).toEqual(["PREF_DATE: must not be before DELIB_DATE"]);
    expect(check({ PREF_DATE: "2022-10-03" })).toEqual([]);
  });

  it("REC-16 VOTE_REEL is the sum of pour, contre and abstention, and at most VOTE_EFFECTIF; empty cells skip the checks", () => {
    expect(check({ VOTE_REEL: 49 })).toEqual(["VOTE_REEL: must equal VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (50)"]);
    expect(check({ VOTE_EFFECTIF: 49 })).toEqual(["VOTE_REEL: must not exceed VOTE_EFFECTIF"]);
    expect(check({ VOTE_EFFECTIF: null, VOTE_POUR: null })).toEqual([]);
  });

  it("REC-16 DELIB_MATIERE_NOM starts with an ACTES level-1 label and '/', the code's own", () => {
    expect(check({ DELIB_MATIERE_NOM: "autres domaines de compétences des communes" })).toEqual([
      "DELIB_MATIERE_NOM: the oblique « / » between the ACTES level-1 and level-2 labels is missing",
    ]);
    expect(check({ DELIB_MATIERE_NOM: "autres domaines de compétences / autres" })).toEqual(["DELIB_MATIERE_NOM: no space before or after the oblique « / »"]);
    expect(check({ DELIB_MATIERE_NOM: "culture/musées" })).toEqual(['DELIB_MATIERE_NOM: "culture" is not an ACTES level-1 matter']);
    // Accents and case do not matter to the prefix, as Validata compares it.
    expect(check({ DELIB_MATIERE_NOM: "Autres Domaines de Competences/x" })).toEqual([]);
    expect(check({ DELIB_MATIERE_CODE: "7.1" })).toEqual([
      'DELIB_MATIERE_CODE: 7.1 is not in the matter "autres domaines de compétences" (9) that DELIB_MATIERE_NOM names',
    ]);
  });
});
