// The French calendar the convocation is counted on: plain YYYY-MM-DD days (no time zone: a day
// of the council's calendar), the public holidays of the Code du travail (L3133-1) with Easter's
// moving feasts, Alsace-Moselle's two extra days and the overseas abolition days. Pure arithmetic.

const DAY_MS = 86_400_000;

function parts(day: string): [number, number, number] {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  return [y, m, d];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function toUtc(day: string): number {
  const [y, m, d] = parts(day);
  return Date.UTC(y, m - 1, d);
}

/** The day `n` days after (before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(toUtc(day)).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/**
 * Easter Sunday of a Gregorian year (the anonymous algorithm published by Meeus, after Butcher):
 * integer arithmetic only, valid for every year of the Gregorian calendar.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export interface Holiday {
  date: string;
  fr: string;
  en: string;
}

/** Abolition of slavery, a public holiday on its own date in each overseas département (loi 83-550, décret 83-1003). */
const ABOLITION: Record<string, string> = { "971": "05-27", "972": "05-22", "973": "06-10", "974": "12-20", "976": "04-27" };
/** Alsace-Moselle keeps Good Friday and Saint Stephen's day (Code du travail L3134-13). */
const ALSACE_MOSELLE = new Set(["57", "67", "68"]);

/**
 * The public holidays (jours fériés) of a year, in date order, for a council's département (the
 * national eleven everywhere; Good Friday and 26 December in 57, 67, 68; the abolition day overseas).
 */
export function publicHolidays(year: number, departement?: string | null): Holiday[] {
  const y = String(year).padStart(4, "0");
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: `${y}-01-01`, fr: "Jour de l'an", en: "New Year's Day" },
    { date: addDays(easter, 1), fr: "Lundi de Pâques", en: "Easter Monday" },
    { date: `${y}-05-01`, fr: "Fête du travail", en: "Labour Day" },
    { date: `${y}-05-08`, fr: "Victoire 1945", en: "Victory in Europe Day" },
    { date: addDays(easter, 39), fr: "Ascension", en: "Ascension Day" },
    { date: addDays(easter, 50), fr: "Lundi de Pentecôte", en: "Whit Monday" },
    { date: `${y}-07-14`, fr: "Fête nationale", en: "Bastille Day" },
    { date: `${y}-08-15`, fr: "Assomption", en: "Assumption Day" },
    { date: `${y}-11-01`, fr: "Toussaint", en: "All Saints' Day" },
    { date: `${y}-11-11`, fr: "Armistice 1918", en: "Armistice Day" },
    { date: `${y}-12-25`, fr: "Noël", en: "Christmas Day" },
  ];
  const dep = (departement ?? "").trim().toUpperCase();
  if (ALSACE_MOSELLE.has(dep)) {
    list.push({ date: addDays(easter, -2), fr: "Vendredi saint", en: "Good Friday" });
    list.push({ date: `${y}-12-26`, fr: "Saint-Étienne", en: "St Stephen's Day" });
  }
  const abolition = ABOLITION[dep];
  if (abolition) list.push({ date: `${y}-${abolition}`, fr: "Abolition de l'esclavage", en: "Abolition of slavery" });
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/** The holiday on that day, if any. */
export function holidayOn(day: string, departement?: string | null): Holiday | null {
  return publicHolidays(parts(day)[0], departement).find((h) => h.date === day) ?? null;
}

/** A day the town hall works: neither a Saturday, a Sunday nor a public holiday. */
export function isWorkingDay(day: string, departement?: string | null): boolean {
  return !isWeekend(day) && !holidayOn(day, departement);
}
