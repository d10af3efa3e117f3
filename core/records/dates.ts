// Reading and checking the dates and times found in French council records ("3 octobre 2022",
// "26/09/2022", "18h00"), returning null rather than a guess when a value is not a real date or time.

const FRENCH_MONTHS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"] as const;

const FRENCH_WEEKDAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";

/** Lower-cases and removes accents; NFKD also turns "1ᵉʳ" into "1er" and NBSP into a space. */
function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps DST out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** True for a calendar date written YYYY-MM-DD (so 2023-02-29 is false). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  return toIsoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/**
 * Reads "3 octobre 2022", "lundi 3 octobre 2022", "1er mars 2022", "26/09/2022" (also with "." or
 * "-"), or "2022-09-26" and returns YYYY-MM-DD; null for anything else, including impossible dates
 * such as "32 octobre 2022" — the caller reports those instead of importing a wrong date.
 */
export function parseFrenchDate(text: string): string | null {
  const t = fold(text).replace(/[.,;]+$/, "");
  const spelled = new RegExp(`^(?:(?:${FRENCH_WEEKDAYS}),? )?(\\d{1,2})(?: ?er)? ([a-z]+) (\\d{4})$`).exec(t);
  if (spelled) {
    const monthIndex = FRENCH_MONTHS.findIndex((name) => name === spelled[2]);
    if (monthIndex < 0) return null;
    return toIsoDate(Number(spelled[3]), monthIndex + 1, Number(spelled[1]));
  }
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(t);
  if (numeric) return toIsoDate(Number(numeric[4]), Number(numeric[3]), Number(numeric[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return toIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** Reads "18h00", "18h", "18 h 30", "18H30", "18:30" or "18 heures" and returns "HH:MM"; null otherwise. */
export function parseFrenchTime(text: string): string | null {
  const m = /^(\d{1,2}) ?(?:h|heures?|:) ?(\d{2})?$/.exec(fold(text));
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
