// When an act becomes exécutoire (CGCT L. 2131-1): once transmitted to the préfet and published in the
// form the law asks at the sitting's date — since 1 July 2022 electronic publication only, for a
// commune of 3,500 inhabitants or more; below, the form the council chose; before, posting or publication.
import type { Bilingual } from "../vocabulary";
import { longFrenchDate } from "../time";

/** The day the reform of the publicity of acts (ordonnance n° 2021-1310) took effect. */
export const REFORM_DATE = "2022-07-01";
/** From this population, only electronic publication counts (L. 2131-1, I). */
export const ELECTRONIC_ONLY_POPULATION = 3500;

export type PublicationRegime = "electronic" | "posting" | "posting-or-electronic";

export interface RegimeInForce {
  regime: PublicationRegime;
  /** Why, in both languages (shown on the records desk). */
  basis: Bilingual;
}

/**
 * The regime in force at the sitting's date. A population the council has not given leaves the
 * choice to the clerk's setting (`publicationMode`), and says so.
 */
export function publicationRegime(sittingDate: string, population: number | null, mode: "electronic" | "posting"): RegimeInForce {
  if (sittingDate < REFORM_DATE)
    return {
      regime: "posting-or-electronic",
      basis: {
        fr: "Séance antérieure au 1er juillet 2022 : l'affichage ou la publication rendaient l'acte exécutoire.",
        en: "Sitting before 1 July 2022: posting or publication made the act enforceable.",
      },
    };
  if (population !== null && population >= ELECTRONIC_ONLY_POPULATION)
    return {
      regime: "electronic",
      basis: {
        fr: `Commune de ${population.toLocaleString("fr-FR")} habitants : seule la publication électronique vaut publicité (CGCT, art. L. 2131-1).`,
        en: `Commune of ${population} inhabitants: only electronic publication counts (CGCT L. 2131-1).`,
      },
    };
  const chosen = mode === "electronic" ? { fr: "publication électronique", en: "electronic publication" } : { fr: "affichage", en: "posting" };
  return {
    regime: mode,
    basis:
      population === null
        ? {
            fr: `Population non renseignée : la forme choisie par la commune s'applique (${chosen.fr}). Renseignez la population dans les réglages.`,
            en: `Population not given: the form the council chose applies (${chosen.en}). Give the population in the settings.`,
          }
        : {
            fr: `Commune de moins de 3 500 habitants : la forme choisie par délibération s'applique (${chosen.fr}).`,
            en: `Commune under 3,500 inhabitants: the form chosen by deliberation applies (${chosen.en}).`,
          },
  };
}

export interface PublicityDates {
  postedOn: string | null;
  publishedOn: string | null;
  prefectureReceivedOn: string | null;
}

export interface Attestation {
  enforceable: boolean;
  /** The day the act became exécutoire (the later of publication and receipt); null until then. */
  since: string | null;
  text: string;
}

/** The publication that counts under the regime, or null when it has not happened. */
function countedPublication(d: PublicityDates, regime: PublicationRegime): string | null {
  if (regime === "electronic") return d.publishedOn;
  if (regime === "posting") return d.postedOn;
  const both = [d.postedOn, d.publishedOn].filter((x): x is string => !!x).sort();
  return both[0] ?? null;
}

/** The attestation printed at the top of an extract (and shown, live, on the records desk). */
export function attestation(d: PublicityDates, regime: PublicationRegime): Attestation {
  const facts = [
    d.postedOn ? `affiché le ${longFrenchDate(d.postedOn)}` : null,
    d.publishedOn ? `publié sous forme électronique le ${longFrenchDate(d.publishedOn)}` : null,
    d.prefectureReceivedOn ? `reçu en préfecture le ${longFrenchDate(d.prefectureReceivedOn)}` : null,
  ].filter((x): x is string => !!x);
  const published = countedPublication(d, regime);
  const received = d.prefectureReceivedOn;
  if (published && received) {
    const since = published > received ? published : received;
    return {
      enforceable: true,
      since,
      text: `Acte certifié exécutoire le ${longFrenchDate(since)} : ${facts.join(", ")} (CGCT, art. L. 2131-1).`,
    };
  }
  const wanted = regime === "electronic" ? "publication électronique" : regime === "posting" ? "affichage" : "publication";
  const missing = [!published ? wanted : null, !received ? "transmission au représentant de l'État" : null].filter((x): x is string => !!x);
  // Posting alone is the mistake this warns against: from 3,500 inhabitants it publishes nothing.
  const note = regime === "electronic" && d.postedOn && !d.publishedOn ? " L'affichage seul ne rend pas l'acte exécutoire." : "";
  return {
    enforceable: false,
    since: null,
    text: `Acte non encore exécutoire${facts.length ? ` (${facts.join(", ")})` : ""} : ${missing.join(" et ")} à venir (CGCT, art. L. 2131-1).${note}`,
  };
}
