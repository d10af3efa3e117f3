// REC-6: when an act becomes exécutoire — under the publication regime in force at the sitting's date.
import { describe, expect, it } from "vitest";
import { attestation, publicationRegime } from "@/core/records/attestation";

const POSTED = { postedOn: "2022-10-04", publishedOn: null, prefectureReceivedOn: "2022-10-04" };
const ONLINE = { postedOn: null, publishedOn: "2022-10-06", prefectureReceivedOn: "2022-10-04" };

describe("REC-6 the regime of publicity and the attestation", () => {
  it("REC-6 the regime: before 1 July 2022 either form; since, electronic from 3,500 inhabitants, the council's choice below or when unknown", () => {
    expect(publicationRegime("2022-06-30", 89_000, "electronic").regime).toBe("posting-or-electronic");
    expect(publicationRegime("2022-07-01", 3_500, "posting").regime).toBe("electronic");
    expect(publicationRegime("2022-07-01", 3_499, "posting").regime).toBe("posting");
    expect(publicationRegime("2022-07-01", 1_200, "electronic").regime).toBe("electronic");
    const unknown = publicationRegime("2022-10-03", null, "posting");
    expect(unknown.regime).toBe("posting");
    expect(unknown.basis.fr).toMatch(/^Population non renseignée/);
  });

  it("REC-6 posted and received: exécutoire under posting or before the reform, never under the electronic regime", () => {
    expect(attestation(POSTED, "electronic")).toMatchObject({ enforceable: false, since: null });
    expect(attestation(POSTED, "electronic").text).toContain("L'affichage seul ne rend pas l'acte exécutoire.");
    expect(attestation(POSTED, "posting")).toMatchObject({ enforceable: true, since: "2022-10-04" });
    expect(attestation(POSTED, "posting-or-electronic")).toMatchObject({ enforceable: true, since: "2022-10-04" });
  });

  it("REC-6 published online and received: exécutoire from the later of the two dates; not without the receipt", () => {
    expect(attestation(ONLINE, "electronic")).toMatchObject({ enforceable: true, since: "2022-10-06" });
    expect(attestation(ONLINE, "electronic").text).toBe(
      "Acte certifié exécutoire le 6 octobre 2022 : publié sous forme électronique le 6 octobre 2022, reçu en préfecture le 4 octobre 2022 (CGCT, art. L. 2131-1).",
    );
    expect(attestation({ ...ONLINE, prefectureReceivedOn: null }, "electronic").text).toBe(
      "Acte non encore exécutoire (publié sous forme électronique le 6 octobre 2022) : transmission au représentant de l'État à venir (CGCT, art. L. 2131-1).",
    );
    expect(attestation({ postedOn: null, publishedOn: null, prefectureReceivedOn: null }, "posting").text).toBe(
      "Acte non encore exécutoire : affichage et transmission au représentant de l'État à venir (CGCT, art. L. 2131-1).",
    );
  });
});
