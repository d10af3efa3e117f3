// The draft-deliberation parser on the real Poitiers seed (one assertion per field, against what the
// file actually says) and on malformed input, which must yield problems rather than guesses.

import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractAmounts, isImportable, parseDeliberation, parseDeliberationFiles, type ParsedDeliberation } from "@/core/records/deliberation-parser";

// A byte-for-byte copy of shared/seed/deliberation-2022-0245.md, so the suite runs from the repo alone;
// named .txt so that Prettier leaves its tabs and trailing double spaces alone.
const SEED = readFileSync(path.join(__dirname, "fixtures", "deliberation-2022-0245.txt"), "utf8");

const REQUIRED_KEYS = [
  "sittingDate",
  "sittingTime",
  "order",
  "identifier",
  "title",
  "rapporteurs",
  "convocationDate",
  "president",
  "secretaries",
  "attachments",
  "commission",
  "service",
  "expose",
  "proposals",
  "amounts",
  "budgetArticle",
  "budgetName",
  "actesCode",
  "actesLabel",
  "problems",
] as const;

/** A minimal well-formed draft, with one line replaceable to build malformed variants. */
function draft(overrides: Record<string, string> = {}): string {
  const lines: Record<string, string> = {
    sitting: "**Conseil Municipal du** 3 octobre 2022",
    time: "**à** 18h00",
    order: "N°ordre 9  ",
    identifier: "N° identifiant 2022-0245",
    title: "**Titre** Adhésion à l'association Démocratie Ouverte",
    ...overrides,
  };
  return [
    lines.sitting,
    "",
    lines.time,
    "",
    lines.order,
    lines.identifier,
    "",
    lines.title,
    "",
    "Projet de délibération étudié par:\tCommission Démocratie",
    "------\t---",
    "",
    "Service référent\tMission Participation citoyenne",
    "------\t--",
    "",
    "Un exposé.",
    "",
    "**Après examen de ce dossier, il vous est proposé :**",
    "",
    "- **d'approuver**",
    "",
    "POUR\t0\t\tLa Maire,",
    "Nomenclature Préfecture\t9.1",
  ].join("\n");
}

describe("parseDeliberation on the Poitiers seed 2022-0245", () => {
  const parsed: ParsedDeliberation = parseDeliberation(SEED);

  it("returns every required key", () => {
    for (const key of REQUIRED_KEYS) expect(parsed).toHaveProperty(key);
  });
  it("reads the sitting date from '3 octobre 2022'", () => {
    expect(parsed.sittingDate).toBe("2022-10-03");
  });
  it("reads the sitting time from '18h00'", () => {
    expect(parsed.sittingTime).toBe("18:00");
  });
  it("reads N°ordre", () => {
    expect(parsed.order).toBe(9);
  });
  it("reads N° identifiant", () => {
    expect(parsed.identifier).toBe("2022-0245");
  });
  it("reads the title", () => {
    expect(parsed.title).toBe("Adhésion à l'association Démocratie Ouverte");
  });
  it("reads the rapporteur", () => {
    expect(parsed.rapporteurs).toEqual(["Mme Ombelyne DAGICOUR"]);
  });
  it("reads the convocation date from dd/mm/yyyy", () => {
    expect(parsed.convocationDate).toBe("2022-09-26");
  });
  it("reads the president", () => {
    expect(parsed.president).toBe("Mme Léonore MONCOND'HUY");
  });
  it("leaves the empty secretaries label empty", () => {
    expect(parsed.secretaries).toEqual([]);
  });
  it("leaves the empty PJ. label empty", () => {
    expect(parsed.attachments).toEqual([]);
  });
  it("reads the commission", () => {
    expect(parsed.commission).toBe("Commission Démocratie, citoyenneté et fonctionnement institutionnel");
  });
  it("reads the service", () => {
    expect(parsed.service).toBe("Direction générale des services Mission Participation citoyenne");
  });
  it("keeps the exposé as Markdown, lists included", () => {
    expect(parsed.expose).not.toBeNull();
    const expose = parsed.expose ?? "";
    expect(expose.startsWith("La municipalité en place")).toBe(true);
    expect(expose).toContain("1. les Innovateurs démocratiques\n2. les Professionnels");
    expect(expose).toContain("- temps d'échanges\n  - webinair\n    - 5 mai : webinaire indice de qualité démocratique");
    expect(expose.endsWith("qualité de la participation citoyenne.")).toBe(true);
    expect(expose).not.toContain("**");
    expect(expose).not.toContain("Après examen");
    expect(expose).not.toMatch(/\n\n\n/);
  });
  it("reads the three proposals without bold markers", () => {
    expect(parsed.proposals).toEqual([
      "de donner votre accord sur l'adhésion à l'association Démocratie ouverte à partir de l'année 2022 pour un montant de 2 500 €",
      "d'autoriser Madame la Maire ou son représentant à signer tout document à intervenir sur ce sujet",
      "d'imputer la dépense correspondante, soit 2 500 €, l'article 6281 du budget Principal.",
    ]);
  });
  it("lists the 2 500 € amount once although the proposals repeat it", () => {
    expect(parsed.amounts).toEqual([2500]);
  });
  it("reads the budget article", () => {
    expect(parsed.budgetArticle).toBe("6281");
  });
  it("reads the budget name", () => {
    expect(parsed.budgetName).toBe("Principal");
  });
  it("reads the ACTES code", () => {
    expect(parsed.actesCode).toBe("9.1");
  });
  it("reads the ACTES label as written", () => {
    expect(parsed.actesLabel).toBe("Autres domaines de competences des communes");
  });
  it("reads the quorum and the members in office", () => {
    expect(parsed.quorum).toBe(27);
    expect(parsed.membersInOffice).toBe(0);
  });
  it("reads the draft's zero counts as written", () => {
    expect([parsed.presentCount, parsed.absentCount, parsed.proxyCount]).toEqual([0, 0, 0]);
    expect([parsed.votesFor, parsed.votesAgainst, parsed.abstentions, parsed.notVoting]).toEqual([0, 0, 0, 0]);
  });
  it("leaves the empty observation, result and publication fields null", () => {
    expect(parsed.observations).toBeNull();
    expect(parsed.voteResult).toBeNull();
    expect(parsed.postedOn).toBeNull();
    expect(parsed.publishedOn).toBeNull();
    expect(parsed.prefectureReceivedOn).toBeNull();
    expect(parsed.teletransmissionId).toBeNull();
  });
  it("has no problems and is importable", () => {
    expect(parsed.problems).toEqual([]);
    expect(isImportable(parsed)).toBe(true);
  });
  it("reads the same with CRLF line ends and a byte-order mark", () => {
    const crlf = parseDeliberation(`\uFEFF${SEED.replace(/\n/g, "\r\n")}`);
    expect(crlf).toEqual(parsed);
  });
});

describe("parseDeliberation on malformed input", () => {
  it("reports an empty file and every required field", () => {
    const parsed = parseDeliberation("");
    expect(parsed.problems).toEqual([
      "the file is empty",
      "missing field: Conseil Municipal du",
      "missing field: N°ordre",
      "missing field: N° identifiant",
      "missing field: Titre",
    ]);
    expect(isImportable(parsed)).toBe(false);
  });

  it("reports random text as having no structure and reads nothing from it", () => {
    const parsed = parseDeliberation("Lorem ipsum dolor sit amet.\nPour 2022, rien à voir.\n\nFin.");
    expect(parsed.problems[0]).toMatch(/no deliberation structure found/);
    expect(parsed.problems).toContain("missing field: Titre");
    expect(parsed.expose).toBeNull();
    expect(parsed.votesFor).toBeNull();
    expect(isImportable(parsed)).toBe(false);
  });

  it("rejects binary garbage", () => {
    const garbage = String.fromCharCode(0, 1, 2, 255, 0, 7, 8, 0x89, 0x50, 0x4e, 0x47, 0);
    const parsed = parseDeliberation(garbage);
    expect(parsed.problems[0]).toMatch(/does not look like text/);
    expect(isImportable(parsed)).toBe(false);
  });

  it("reports an impossible date and leaves it null", () => {
    const parsed = parseDeliberation(draft({ sitting: "**Conseil Municipal du** 32 octobre 2022" }));
    expect(parsed.sittingDate).toBeNull();
    expect(parsed.problems).toContain('unreadable date in Conseil Municipal du: "32 octobre 2022"');
    expect(parsed.problems).not.toContain("missing field: Conseil Municipal du");
    expect(isImportable(parsed)).toBe(false);
  });

  it("reports 29 February of a common year", () => {
    const parsed = parseDeliberation(draft({ sitting: "Conseil Municipal du 29 février 2023" }));
    expect(parsed.sittingDate).toBeNull();
    expect(parsed.problems).toContain('unreadable date in Conseil Municipal du: "29 février 2023"');
  });

  it("reports a non-numeric order and leaves it null", () => {
    const parsed = parseDeliberation(draft({ order: "N°ordre abc" }));
    expect(parsed.order).toBeNull();
    expect(parsed.problems).toContain('unreadable number in N°ordre: "abc"');
    expect(isImportable(parsed)).toBe(false);
  });

  it("reports a label with no value as a missing required field", () => {
    const parsed = parseDeliberation(draft({ title: "**Titre**" }));
    expect(parsed.title).toBeNull();
    expect(parsed.problems).toEqual(["missing field: Titre"]);
  });

  it("reports an unreadable time without blocking the import", () => {
    const parsed = parseDeliberation(draft({ time: "**à** 25h00" }));
    expect(parsed.sittingTime).toBeNull();
    expect(parsed.problems).toEqual(['unreadable time in à: "25h00"']);
    expect(isImportable(parsed)).toBe(true);
  });

  it("reports a duplicated label and keeps the first value", () => {
    const parsed = parseDeliberation(draft({ title: "Titre Premier\n\nTitre Second" }));
    expect(parsed.title).toBe("Premier");
    expect(parsed.problems).toEqual(["field Titre appears 2 times; the first one was kept"]);
  });

  it("reports undecodable characters", () => {
    const parsed = parseDeliberation(draft({ title: "Titre Adh\uFFFDsion" }));
    expect(parsed.problems[0]).toMatch(/1 undecodable character/);
    expect(isImportable(parsed)).toBe(true);
  });

  it("never throws and always returns the required keys (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const parsed = parseDeliberation(text);
        for (const key of REQUIRED_KEYS) expect(parsed).toHaveProperty(key);
        expect(parsed.problems).toEqual(parsed.issues.map((issue) => issue.message));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDeliberation on layout variations", () => {
  it("reads date and time written on the sitting line", () => {
    const parsed = parseDeliberation(
      draft({
        sitting: "Conseil Municipal du lundi 3 octobre 2022 à 18h30",
        time: "",
      }),
    );
    expect(parsed.sittingDate).toBe("2022-10-03");
    expect(parsed.sittingTime).toBe("18:30");
  });

  it("accepts dd/mm/yyyy and '1er' dates", () => {
    expect(parseDeliberation(draft({ sitting: "Conseil Municipal du 03/10/2022" })).sittingDate).toBe("2022-10-03");
    expect(parseDeliberation(draft({ sitting: "Conseil Municipal du 1er mars 2022" })).sittingDate).toBe("2022-03-01");
  });

  it("splits several rapporteurs and secretaries on commas, ' et ' and line breaks", () => {
    const text = draft({
      title:
        "Titre Un titre\n\nRapporteur(s) Mme Anne A, M. Bruno B et Mme Chloé C  \nM. Denis D\n" +
        "Secrétaire(s) de séance M. Eric E ; Mme Fanny F\nPJ. Statuts, règlement intérieur\nAnnexe financière",
    });
    const parsed = parseDeliberation(text);
    expect(parsed.rapporteurs).toEqual(["Mme Anne A", "M. Bruno B", "Mme Chloé C", "M. Denis D"]);
    expect(parsed.secretaries).toEqual(["M. Eric E", "Mme Fanny F"]);
    expect(parsed.attachments).toEqual(["Statuts, règlement intérieur", "Annexe financière"]);
    expect(parsed.problems).toEqual([]);
  });

  it("reads filled-in vote and publication fields", () => {
    const text = draft().replace(
      "POUR\t0\t\tLa Maire,",
      [
        "POUR\t45\t\tLa Maire,",
        "CONTRE\t3",
        "Abstention\t2",
        "RESULTAT DU VOTE\tAdopté",
        "Affichée le\t10/10/2022",
        "Date de publication au Recueil des Actes Administratifs\t11/10/2022",
        "Date de réception en préfecture\t12 octobre 2022",
        "Identifiant de télétransmission\t086-218601946-20221003-2022_0245-DE",
      ].join("\n"),
    );
    const parsed = parseDeliberation(text);
    expect([parsed.votesFor, parsed.votesAgainst, parsed.abstentions]).toEqual([45, 3, 2]);
    expect(parsed.voteResult).toBe("Adopté");
    expect(parsed.postedOn).toBe("2022-10-10");
    expect(parsed.publishedOn).toBe("2022-10-11");
    expect(parsed.prefectureReceivedOn).toBe("2022-10-12");
    expect(parsed.teletransmissionId).toBe("086-218601946-20221003-2022_0245-DE");
    expect(parsed.problems).toEqual([]);
  });

  it("flags a télétransmission identifier that is not an ACTES one, without blocking", () => {
    const parsed = parseDeliberation(`${draft()}\nIdentifiant de télétransmission\tABC`);
    expect(parsed.teletransmissionId).toBe("ABC");
    expect(parsed.problems).toEqual(['Identifiant de télétransmission "ABC" is not a valid ACTES identifier']);
    expect(isImportable(parsed)).toBe(true);
  });

  it("joins a wrapped proposal and keeps a sub-list with its item", () => {
    const text = draft().replace(
      "- **d'approuver**",
      "- d'approuver les tarifs\n  suivants :\n  - adulte : 5 €\n  - enfant : 2,50 €\n- d'imputer 5 € à l'article 7062 du budget annexe Culture.",
    );
    const parsed = parseDeliberation(text);
    expect(parsed.proposals).toEqual([
      "d'approuver les tarifs suivants :\n- adulte : 5 €\n- enfant : 2,50 €",
      "d'imputer 5 € à l'article 7062 du budget annexe Culture.",
    ]);
    expect(parsed.amounts).toEqual([5, 2.5]);
    expect(parsed.budgetArticle).toBe("7062");
    expect(parsed.budgetName).toBe("annexe Culture");
  });
});

describe("parseDeliberation without commission and service lines", () => {
  const text = [
    "Conseil Municipal du 3 octobre 2022",
    "N°ordre 4",
    "N° identifiant 2022-0100",
    "Titre Travaux de voirie",
    "Rapporteur(s) M. Jean DUPONT",
    "",
    "À cette fin, la Ville engage des travaux.",
    "",
    "- rue A",
    "- rue B",
    "",
    "Après examen de ce dossier, il vous est proposé d'approuver les travaux pour 12 000 € sur le budget annexe Voirie.",
    "",
    "POUR 30",
    "CONTRE 2",
  ].join("\n");
  const parsed = parseDeliberation(text);

  it("ends the header at the first line that is not a label", () => {
    expect(parsed.rapporteurs).toEqual(["M. Jean DUPONT"]);
    expect(parsed.sittingTime).toBeNull();
    expect(parsed.expose).toBe("À cette fin, la Ville engage des travaux.\n\n- rue A\n- rue B");
  });
  it("takes a proposal written on the intro line itself", () => {
    expect(parsed.proposals).toEqual(["d'approuver les travaux pour 12 000 € sur le budget annexe Voirie."]);
    expect(parsed.amounts).toEqual([12000]);
    expect(parsed.budgetName).toBe("annexe Voirie");
    expect(parsed.budgetArticle).toBeNull();
  });
  it("reads votes written as 'POUR 30'", () => {
    expect([parsed.votesFor, parsed.votesAgainst]).toEqual([30, 2]);
    expect(parsed.problems).toEqual([]);
  });
  it("does not take report sentences starting with 'Pour' for the vote block", () => {
    const withPour = text.replace("- rue B", "Pour 2022, la Ville prévoit 3 chantiers.");
    const reparsed = parseDeliberation(withPour);
    expect(reparsed.expose).toContain("Pour 2022, la Ville prévoit 3 chantiers.");
    expect(reparsed.votesFor).toBe(30);
    expect(reparsed.problems).toEqual([]);
  });
  it("reports an order of 0", () => {
    const reparsed = parseDeliberation(text.replace("N°ordre 4", "N°ordre 0"));
    expect(reparsed.order).toBeNull();
    expect(reparsed.problems).toEqual(["N°ordre must be at least 1, not 0"]);
  });
  it("ignores 'budget primitif' when looking for a budget name", () => {
    const reparsed = parseDeliberation(text.replace("sur le budget annexe Voirie", "au budget primitif 2023 du budget Principal"));
    expect(reparsed.budgetName).toBe("Principal");
  });
});

describe("extractAmounts", () => {
  it("reads French-formatted euro amounts, each once in order of first appearance", () => {
    expect(extractAmounts("1 200 000 € puis 2.500 euros, 2 500 € et 99,9 EUR")).toEqual([1200000, 2500, 99.9]);
  });
  it("ignores numbers that are not euro amounts", () => {
    expect(extractAmounts("en 2022, 10 territoires, article 6281")).toEqual([]);
  });
});

describe("parseDeliberationFiles", () => {
  it("parses each file and blocks a second file with the same identifier", () => {
    const results = parseDeliberationFiles([
      { name: "a.md", text: SEED },
      { name: "b.md", text: SEED },
      { name: "c.md", text: "" },
    ]);
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ["a.md", true],
      ["b.md", false],
      ["c.md", false],
    ]);
    expect(results[1]?.deliberation.problems).toEqual(["identifier 2022-0245 is also used by a.md", "order 9 of the 2022-10-03 sitting is also used by a.md"]);
  });
});
