// The legal delay of a convocation (CGCT L2121-11, L2121-12, L2121-17), counted in clear days
// (jours francs): neither the day of dispatch nor the day of the sitting counts, every day between
// does — Saturdays, Sundays and public holidays included, and a delay is never stretched because
// one of them falls in it (CE 13 octobre 1993; réponse ministérielle JO Sénat 14 février 2013;
// article 642 of the code de procédure civile does not apply). Holidays are still computed: the
// clerk is told when the last legal day to send falls on a day the town hall is closed, and when
// most of the members' reading time is a weekend or a holiday. Pure: dates are council-calendar days.
import { reason } from "../rules/reason";
import type { Reason } from "../vocabulary";
import { addDays, daysBetween, holidayOn, isWeekend, isWorkingDay } from "./calendar";

/** L2121-12: from 3,500 inhabitants, five clear days and a note of synthesis. */
export const LARGE_COMMUNE = 3500;
/** An urgency's stated reason must say something (the council rules on it at the opening). */
export const MIN_URGENCY_REASON = 10;

export interface DelayInput {
  /** Day the convocation is (or would be) sent, on the council's calendar. */
  dispatchOn: string;
  sittingOn: string;
  /** Inhabitants; null when the council has not said (then the longer delay is required). */
  population: number | null;
  /** Re-convened after a failed quorum (L2121-17). */
  secondConvocation: boolean;
  /** The mayor's reason for shortening the delay to one clear day; null or empty: no urgency. */
  urgencyReason: string | null;
  departement?: string | null;
}

export type DelayBasis = "large-commune" | "small-commune" | "unknown-population" | "second-convocation" | "urgency";

export interface NonWorkingDay {
  date: string;
  fr: string;
  en: string;
}

export interface DelayCheck {
  ok: boolean;
  basis: DelayBasis;
  /** Clear days the law requires in this case. */
  required: number;
  /** Clear days between dispatch and sitting (negative when sent after the sitting's day). */
  clearDays: number;
  /** The last day the convocation may be sent. */
  latestDispatchOn: string;
  /** The last working day on or before it (the town hall is closed on the others). */
  latestWorkingDispatchOn: string;
  /** Weekends and holidays among the clear days: they count (CONV-4), listed for the clerk. */
  nonWorking: NonWorkingDay[];
  /** The rule applied, as a sentence with its article. */
  reason: Reason;
  /** What makes the dispatch unlawful (empty when ok). */
  problems: Reason[];
  /** Lawful, but worth knowing. */
  warnings: Reason[];
}

const ARTICLE = { large: "CGCT L2121-12", small: "CGCT L2121-11", second: "CGCT L2121-17", urgency: "CGCT L2121-12" } as const;

function basisOf(input: DelayInput): { basis: DelayBasis; required: number; article: string; fr: string; en: string } {
  const urgent = (input.urgencyReason ?? "").trim() !== "";
  if (urgent)
    return { basis: "urgency", required: 1, article: ARTICLE.urgency, fr: "En cas d'urgence, 1 jour franc au moins", en: "In urgency, at least 1 clear day" };
  if (input.secondConvocation)
    return {
      basis: "second-convocation",
      required: 3,
      article: `${ARTICLE.second} ; CE 16 juin 1997 n° 142691`,
      fr: "Après un quorum non atteint, 3 jours francs au moins entre l'envoi de la nouvelle convocation et la séance",
      en: "After a failed quorum, at least 3 clear days between sending the new convocation and the sitting",
    };
  if (input.population === null)
    return {
      basis: "unknown-population",
      required: 5,
      article: ARTICLE.large,
      fr: "Population de la commune non renseignée : 5 jours francs au moins, le délai le plus long",
      en: "The commune's population is not set: at least 5 clear days, the longer delay",
    };
  if (input.population >= LARGE_COMMUNE)
    return {
      basis: "large-commune",
      required: 5,
      article: ARTICLE.large,
      fr: "Commune de 3 500 habitants ou plus : 5 jours francs au moins",
      en: "Commune of 3,500 inhabitants or more: at least 5 clear days",
    };
  return {
    basis: "small-commune",
    required: 3,
    article: ARTICLE.small,
    fr: "Commune de moins de 3 500 habitants : 3 jours francs au moins",
    en: "Commune under 3,500 inhabitants: at least 3 clear days",
  };
}

/** The days strictly between the dispatch and the sitting (CONV-1). */
export function clearDaysBetween(dispatchOn: string, sittingOn: string): number {
  return daysBetween(dispatchOn, sittingOn) - 1;
}

/** The last working day on or before `day`. */
export function lastWorkingDayOnOrBefore(day: string, departement?: string | null): string {
  let d = day;
  // At most a long weekend and two holidays in a row: the loop is bounded in practice, and by 14 here.
  for (let i = 0; i < 14 && !isWorkingDay(d, departement); i++) d = addDays(d, -1);
  return d;
}

export function checkConvocationDelay(input: DelayInput): DelayCheck {
  const b = basisOf(input);
  const clearDays = clearDaysBetween(input.dispatchOn, input.sittingOn);
  const latestDispatchOn = addDays(input.sittingOn, -(b.required + 1));
  const nonWorking: NonWorkingDay[] = [];
  for (let i = 1; i <= clearDays && i <= 60; i++) {
    const day = addDays(input.dispatchOn, i);
    const h = holidayOn(day, input.departement);
    if (h) nonWorking.push({ date: day, fr: h.fr, en: h.en });
    else if (isWeekend(day)) nonWorking.push({ date: day, fr: "week-end", en: "weekend" });
  }
  const problems: Reason[] = [];
  const warnings: Reason[] = [];
  const urgencyReason = (input.urgencyReason ?? "").trim();
  if (b.basis === "urgency" && input.secondConvocation)
    problems.push(
      reason(
        "CONV-5",
        ARTICLE.second,
        "Une seconde convocation ne peut pas être faite en urgence : convoquée à 1 jour franc, la séance est une nouvelle séance ordinaire, soumise au quorum",
        "A second convocation cannot be made in urgency: convened at 1 clear day, the sitting is a new ordinary one, subject to quorum",
      ),
    );
  if (b.basis === "urgency" && urgencyReason.length < MIN_URGENCY_REASON)
    problems.push(
      reason(
        "CONV-3",
        ARTICLE.urgency,
        `L'urgence doit être motivée (${MIN_URGENCY_REASON} caractères au moins) : le maire en rend compte à l'ouverture et le conseil se prononce sur l'urgence`,
        `Urgency needs a stated reason (at least ${MIN_URGENCY_REASON} characters): the mayor explains it at the opening and the council rules on it`,
      ),
    );
  if (clearDays < 0)
    problems.push(
      reason(
        "CONV-1",
        b.article,
        "La convocation ne peut pas être envoyée le jour de la séance ni après",
        "The convocation cannot be sent on the day of the sitting or after",
      ),
    );
  else if (clearDays < b.required)
    problems.push(
      reason(
        "CONV-2",
        b.article,
        `${b.fr} ; envoyée le ${input.dispatchOn} pour le ${input.sittingOn}, elle n'en laisse que ${clearDays} : l'envoyer au plus tard le ${latestDispatchOn}`,
        `${b.en}; sent on ${input.dispatchOn} for ${input.sittingOn}, it leaves only ${clearDays}: send it by ${latestDispatchOn}`,
      ),
    );
  if (b.basis === "unknown-population")
    warnings.push(reason("CONV-6", ARTICLE.large, "Renseignez la population de la commune dans les réglages", "Set the commune's population in the settings"));
  const working = Math.max(0, clearDays) - nonWorking.length;
  if (problems.length === 0 && b.basis !== "urgency" && nonWorking.length > 0 && working < b.required)
    warnings.push(
      reason(
        "CONV-4",
        "CE 13 octobre 1993",
        `Délai respecté, les samedis, dimanches et jours fériés comptant comme jours francs ; mais les élus n'auront que ${working} jour(s) ouvré(s) pour lire les projets`,
        `The delay is met, Saturdays, Sundays and public holidays counting as clear days; but members will have only ${working} working day(s) to read the drafts`,
      ),
    );
  return {
    ok: problems.length === 0,
    basis: b.basis,
    required: b.required,
    clearDays,
    latestDispatchOn,
    latestWorkingDispatchOn: lastWorkingDayOnOrBefore(latestDispatchOn, input.departement),
    nonWorking,
    reason: reason(b.basis === "urgency" ? "CONV-3" : b.basis === "second-convocation" ? "CONV-5" : "CONV-2", b.article, b.fr, b.en),
    problems,
    warnings,
  };
}

/** Whether the council must send a note of synthesis on each item (L2121-12). */
export function needsSynthesisNote(population: number | null): boolean {
  return population === null || population >= LARGE_COMMUNE;
}
