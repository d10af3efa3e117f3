// The rules a publication's dates and ACTES identifier follow, checked as the clerk types on the
// records desk and again by the server: real dates, not before the sitting nor after today, and an
// identifier that is this council's act of this sitting.
import type { Bilingual } from "../vocabulary";
import { normaliseDepartement, parseActesId } from "./actes";
import { isIsoDate } from "./dates";

export interface PublicationFields {
  postedOn?: string | null | undefined;
  publishedOn?: string | null | undefined;
  prefectureReceivedOn?: string | null | undefined;
  teletransmissionId?: string | null | undefined;
}

export interface PublicationContext {
  sittingDate: string;
  siren: string;
  departement: string;
  /** Today on the council's clock; no date may be later. */
  today?: string;
}

export type PublicationProblem = Bilingual & { field: keyof PublicationFields };

const LABELS: Record<Exclude<keyof PublicationFields, "teletransmissionId">, Bilingual> = {
  postedOn: { fr: "La date d'affichage", en: "The posting date" },
  publishedOn: { fr: "La date de publication", en: "The publication date" },
  prefectureReceivedOn: { fr: "La date de réception en préfecture", en: "The préfecture's receipt date" },
};

export function publicationProblems(input: PublicationFields, ctx: PublicationContext): PublicationProblem[] {
  const problems: PublicationProblem[] = [];
  for (const field of ["postedOn", "publishedOn", "prefectureReceivedOn"] as const) {
    const d = input[field];
    if (!d) continue;
    const label = LABELS[field];
    if (!isIsoDate(d)) problems.push({ field, fr: `${label.fr} n'est pas une date (AAAA-MM-JJ).`, en: `${label.en} is not a date (YYYY-MM-DD).` });
    else if (d < ctx.sittingDate)
      problems.push({
        field,
        fr: `${label.fr} (${d}) précède la séance (${ctx.sittingDate}).`,
        en: `${label.en} ${d} is before the sitting (${ctx.sittingDate})`,
      });
    else if (ctx.today && d > ctx.today) problems.push({ field, fr: `${label.fr} (${d}) est dans l'avenir.`, en: `${label.en} ${d} is in the future` });
  }
  const id = input.teletransmissionId;
  if (id) {
    const parts = parseActesId(id);
    let departement = "";
    try {
      departement = normaliseDepartement(ctx.departement);
    } catch {
      departement = "";
    }
    if (!parts)
      problems.push({
        field: "teletransmissionId",
        fr: "L'identifiant n'a pas la forme ACTES DDD-SIREN-AAAAMMJJ-NUMERO-NN.",
        en: "is not an ACTES identifier DDD-SIREN-YYYYMMDD-NUMERO-NN",
      });
    else if (parts.siren !== ctx.siren || parts.departement !== departement || parts.decisionDate !== ctx.sittingDate)
      problems.push({
        field: "teletransmissionId",
        fr: "L'identifiant ACTES n'est pas celui d'un acte de cette séance de votre commune (département, SIREN ou date différents).",
        en: "the ACTES identifier is not this council's act of this sitting (département, SIREN or date differ)",
      });
  }
  return problems;
}
