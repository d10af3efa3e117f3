// Calendar-date helpers for dated rule sets and birth dates; plain YYYY-MM-DD strings, no time zones,
// so a sitting date means the same day wherever the engine runs.

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (rejects 2022-02-30). */
export function isIsoDate(value: string): boolean {
  const m = isoDatePattern.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Same-format ISO dates order correctly as strings. */
export function isWithin(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}
