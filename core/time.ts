// Clock times of a sitting in the council's own time zone: a time typed on the sitting's date becomes
// a UTC instant, and every stored time is printed as Paris (or the council's) wall time. Intl only.

/** The zone a council sits in unless its settings say otherwise. */
export const DEFAULT_TIME_ZONE = "Europe/Paris";

/** True for a time zone name the runtime knows (IANA, e.g. "Europe/Paris", "America/Cayenne"). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts = partsFormatter(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in milliseconds (Paris: +1 h in winter, +2 h in summer). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallTimeAt(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant of a wall time read on the council's clock: "18:05" on 2022-10-03 in Paris is
 * 16:05Z. Around a change of time: a wall time met twice (autumn) is the first; one the clocks skip
 * (spring) lands as far after the change as it was meant after it (02:30 → 03:30), as Temporal does.
 */
export function wallTimeToInstant(date: string, hhmm: string, timeZone: string = DEFAULT_TIME_ZONE, seconds = 0): string {
  const [y = 0, mo = 1, d = 1] = date.split("-").map(Number);
  const [h = 0, mi = 0] = hhmm.split(":").map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, seconds);
  // The offsets the day before and the day after: the instant is the wall time less one of them.
  const candidates = [...new Set([wall - offsetAt(wall - DAY_MS, timeZone), wall - offsetAt(wall + DAY_MS, timeZone)])];
  const real = candidates.filter((ms) => ms + offsetAt(ms, timeZone) === wall);
  const ms = real.length ? Math.min(...real) : Math.max(...candidates);
  return new Date(ms).toISOString();
}

const NAIVE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

/**
 * A stored time as a UTC instant in milliseconds. Instants carry their zone ("…Z", "+02:00");
 * logs written before times were instants hold the wall time of the council's clock with no zone
 * ("2022-10-03T18:40:00"), read as such. Null when the text is no time at all.
 */
export function storedTimeToMs(stored: string, timeZone: string = DEFAULT_TIME_ZONE): number | null {
  const naive = NAIVE.exec(stored);
  if (naive) return Date.parse(wallTimeToInstant(naive[1]!, `${naive[2]}:${naive[3]}`, timeZone, Number(naive[4] ?? 0)));
  const ms = Date.parse(stored);
  return Number.isNaN(ms) ? null : ms;
}

/** The council's wall time of a stored time (see {@link storedTimeToMs}); null when unreadable. */
export function councilWallTime(stored: string, timeZone: string = DEFAULT_TIME_ZONE): WallTime | null {
  const naive = NAIVE.exec(stored);
  if (naive) {
    const [y, mo, d] = naive[1]!.split("-").map(Number);
    return { year: y!, month: mo!, day: d!, hour: Number(naive[2]), minute: Number(naive[3]), second: Number(naive[4] ?? 0) };
  }
  const ms = storedTimeToMs(stored, timeZone);
  return ms === null ? null : wallTimeAt(ms, timeZone);
}

/** "18h05": a stored time on the council's clock, as French records write it. */
export function frenchClock(stored: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const w = councilWallTime(stored, timeZone);
  return w ? `${String(w.hour).padStart(2, "0")}h${String(w.minute).padStart(2, "0")}` : stored;
}

/** "YYYY-MM-DD" of a stored time on the council's clock (a late sitting's 00h30 is the next day). */
export function councilDate(stored: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const w = councilWallTime(stored, timeZone);
  return w ? `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}` : null;
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"] as const;

/** "2022-10-03" → "3 octobre 2022", "2022-10-01" → "1er octobre 2022"; anything else unchanged. */
export function longFrenchDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return isoDate;
  const day = Number(m[3]);
  return `${day === 1 ? "1er" : day} ${month} ${m[1]}`;
}

/** "HH:MM" → "18h05" (a sitting's convened time, stored as typed). */
export function frenchHour(hhmm: string): string {
  return /^\d{2}:\d{2}$/.test(hhmm) ? hhmm.replace(":", "h") : hhmm;
}
