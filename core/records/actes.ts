// ACTES (the préfecture's télétransmission system): the identifier an act gets when it is sent for the
// contrôle de légalité, the SIREN check it relies on, and the national matter nomenclature (levels 1–2).

import { isIsoDate } from "./dates";

/** Nature codes of an act in ACTES. */
export const ACTES_NATURES = {
  DE: "Délibération",
  AR: "Acte réglementaire",
  AI: "Acte individuel",
  CC: "Contrat, convention et avenant",
  BF: "Document budgétaire et financier",
  AU: "Autre",
} as const;

export type ActesNature = keyof typeof ACTES_NATURES;

export interface ActesIdInput {
  departement: string | number;
  siren: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  /** The council's own act number, e.g. "2022-0245"; normalised by {@link normaliseActesNumber}. */
  actNumber: string;
  nature: ActesNature;
}

export interface ActesIdParts {
  /** Three characters, e.g. "086" or "02A". */
  departement: string;
  siren: string;
  /** YYYY-MM-DD */
  decisionDate: string;
  /** Already normalised, e.g. "2022_0245". */
  actNumber: string;
  nature: ActesNature;
}

/** Thrown when an input cannot become part of a valid ACTES identifier; the message says which and why. */
export class ActesFormatError extends Error {
  override readonly name = "ActesFormatError";
}

function isActesNature(value: string): value is ActesNature {
  return Object.hasOwn(ACTES_NATURES, value);
}

/**
 * Returns the département on three characters ("086", "971", "02A"). Accepts 1–95 except 20 (split
 * into 2A/2B in 1976), 2A/2B and the overseas 971–978, as a number or a string.
 */
export function normaliseDepartement(departement: string | number): string {
  const text = String(departement).trim().toUpperCase();
  const corsica = /^0?2([AB])$/.exec(text);
  if (corsica) return `02${corsica[1]}`;
  if (/^\d{1,3}$/.test(text)) {
    const n = Number(text);
    if ((n >= 1 && n <= 95 && n !== 20) || (n >= 971 && n <= 978)) return String(n).padStart(3, "0");
  }
  throw new ActesFormatError(`invalid département "${String(departement)}": expected 01–95, 2A, 2B or 971–978`);
}

/** The préfecture's identifier used by SCDL PREF_ID, e.g. "PREF086". */
export function prefectureId(departement: string | number): string {
  return `PREF${normaliseDepartement(departement)}`;
}

/** The Luhn checksum of a string of digits: from the right, every second digit is doubled. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A SIREN is 9 digits whose Luhn checksum is valid (spaces, as often printed, are ignored). */
export function isValidSiren(siren: string): boolean {
  const digits = siren.replace(/ /g, "");
  return /^\d{9}$/.test(digits) && luhnValid(digits);
}

/**
 * A SIRET is the SIREN and a 5-digit establishment number, 14 digits whose Luhn checksum is valid
 * (La Poste's establishments, SIREN 356000000, use a digit sum divisible by 5 instead).
 */
export function isValidSiret(siret: string): boolean {
  const digits = siret.replace(/ /g, "");
  if (!/^\d{14}$/.test(digits) || !isValidSiren(digits.slice(0, 9))) return false;
  if (digits.startsWith("356000000")) return [...digits].reduce((a, d) => a + Number(d), 0) % 5 === 0;
  return luhnValid(digits);
}

/**
 * Turns a council's act number into the NUMERO part of an ACTES identifier: accents removed, upper
 * case, every character outside [A-Z0-9_] replaced by "_" ("2022-0245" → "2022_0245"). It never
 * truncates, because two long numbers cut to 15 characters could collide; it throws instead when the
 * result is empty, longer than 15 characters, or starts or ends with "_".
 */
export function normaliseActesNumber(actNumber: string): string {
  const normalised = actNumber
    .trim()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, "_");
  if (normalised.length === 0) throw new ActesFormatError("the act number is empty");
  if (normalised.length > 15) {
    throw new ActesFormatError(`act number "${actNumber}" gives "${normalised}", longer than the 15 characters ACTES allows`);
  }
  if (!/^[A-Z0-9](?:[A-Z0-9_]*[A-Z0-9])?$/.test(normalised)) {
    throw new ActesFormatError(`act number "${actNumber}" gives "${normalised}", which must start and end with a letter or digit`);
  }
  return normalised;
}

/**
 * Builds the ACTES identifiant de télétransmission `DDD-SIREN-YYYYMMDD-NUMERO-NN`, e.g.
 * `086-218601946-20221003-2022_0245-DE`. Throws {@link ActesFormatError} on any invalid part.
 */
export function buildActesId(input: ActesIdInput): string {
  const departement = normaliseDepartement(input.departement);
  const siren = input.siren.replace(/ /g, "");
  if (!isValidSiren(siren)) {
    throw new ActesFormatError(`invalid SIREN "${input.siren}": expected 9 digits with a valid checksum`);
  }
  if (!isIsoDate(input.decisionDate)) {
    throw new ActesFormatError(`invalid decision date "${input.decisionDate}": expected YYYY-MM-DD`);
  }
  // Checked at run time too: the value may come from a form or a file, not only typed code.
  if (!isActesNature(input.nature)) {
    throw new ActesFormatError(`invalid nature "${String(input.nature)}": expected one of ${Object.keys(ACTES_NATURES).join(", ")}`);
  }
  const number = normaliseActesNumber(input.actNumber);
  return `${departement}-${siren}-${input.decisionDate.replace(/-/g, "")}-${number}-${input.nature}`;
}

/** Reads an ACTES identifier back into its parts; null when it is not a well-formed, checksum-valid one. */
export function parseActesId(id: string): ActesIdParts | null {
  const m = /^(\d{2}[\dAB])-(\d{9})-(\d{4})(\d{2})(\d{2})-([A-Z0-9](?:[A-Z0-9_]{0,13}[A-Z0-9])?)-([A-Z]{2})$/.exec(id.trim());
  if (!m) return null;
  const [, departement = "", siren = "", year = "", month = "", day = "", actNumber = "", nature = ""] = m;
  const decisionDate = `${year}-${month}-${day}`;
  if (!isValidSiren(siren) || !isIsoDate(decisionDate) || !isActesNature(nature)) return null;
  try {
    normaliseDepartement(departement);
  } catch {
    return null;
  }
  return { departement, siren, decisionDate, actNumber, nature };
}

/**
 * National ACTES matter nomenclature, levels 1 and 2 (codes "1" … "9.4"). Level-1 labels are those of
 * the council rules; level-2 labels follow the ACTES classification as served to the collectivités
 * (the same list the SCDL Délibérations schema enumerates: 1.1–1.7, 2.1–2.3, 3.1–3.6, 4.1–4.5,
 * 5.1–5.8, 6.1–6.5, 7.1–7.10, 8.1–8.9, 9.1–9.4), with accents restored.
 */
export const ACTES_MATTERS = {
  "1": "Commande publique",
  "1.1": "Marchés publics",
  "1.2": "Délégation de service public",
  "1.3": "Conventions de mandat",
  "1.4": "Autres types de contrats",
  "1.5": "Transactions /protocole d'accord transactionnel",
  "1.6": "Actes relatifs à la maîtrise d'œuvre",
  "1.7": "Actes spéciaux et divers",
  "2": "Urbanisme",
  "2.1": "Documents d'urbanisme",
  "2.2": "Actes relatifs au droit d'occupation ou d'utilisation des sols",
  "2.3": "Droit de préemption urbain",
  "3": "Domaine et patrimoine",
  "3.1": "Acquisitions",
  "3.2": "Aliénations",
  "3.3": "Locations",
  "3.4": "Limites territoriales",
  "3.5": "Autres actes de gestion du domaine public",
  "3.6": "Autres actes de gestion du domaine privé",
  "4": "Fonction publique",
  "4.1": "Personnels titulaires et stagiaires de la F.P.T.",
  "4.2": "Personnels contractuels",
  "4.3": "Fonction publique hospitalière",
  "4.4": "Autres catégories de personnels",
  "4.5": "Régime indemnitaire",
  "5": "Institutions et vie politique",
  "5.1": "Élection exécutif",
  "5.2": "Fonctionnement des assemblées",
  "5.3": "Désignation de représentants",
  "5.4": "Délégation de fonctions",
  "5.5": "Délégation de signature",
  "5.6": "Exercice des mandats locaux",
  "5.7": "Intercommunalité",
  "5.8": "Décision d'ester en justice",
  "6": "Libertés publiques et pouvoirs de police",
  "6.1": "Police municipale",
  "6.2": "Pouvoirs du président du conseil général",
  "6.3": "Pouvoirs du président du conseil régional",
  "6.4": "Autres actes réglementaires",
  "6.5": "Actes pris au nom de l'État et soumis au contrôle hiérarchique",
  "7": "Finances locales",
  "7.1": "Décisions budgétaires",
  "7.2": "Fiscalité",
  "7.3": "Emprunts",
  "7.4": "Interventions économiques",
  "7.5": "Subventions",
  "7.6": "Contributions budgétaires",
  "7.7": "Avances",
  "7.8": "Fonds de concours",
  "7.9": "Prise de participation (SEM, etc.)",
  "7.10": "Divers",
  "8": "Domaines de compétences par thèmes",
  "8.1": "Enseignement",
  "8.2": "Aide sociale",
  "8.3": "Voirie",
  "8.4": "Aménagement du territoire",
  "8.5": "Politique de la ville-habitat-logement",
  "8.6": "Emploi-formation professionnelle",
  "8.7": "Transports",
  "8.8": "Environnement",
  "8.9": "Culture",
  "9": "Autres domaines de compétences",
  "9.1": "Autres domaines de compétences des communes",
  "9.2": "Autres domaines de compétences des départements",
  "9.3": "Autres domaines de compétences des régions",
  "9.4": "Vœux et motions",
} as const satisfies Readonly<Record<string, string>>;

export type ActesMatterCode = keyof typeof ACTES_MATTERS;

export function isActesMatterCode(code: string): code is ActesMatterCode {
  return Object.hasOwn(ACTES_MATTERS, code);
}

/** The label of a level-1 ("9") or level-2 ("9.1") ACTES matter code; null when the code is unknown. */
export function actesMatterLabel(code: string): string | null {
  const key = code.trim();
  return isActesMatterCode(key) ? ACTES_MATTERS[key] : null;
}
