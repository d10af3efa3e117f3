// Display helpers shared by the screens.
import { frenchClock } from "@/core/time";
import type { Choice } from "@/core/vocabulary";

export function formatDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale === "en" ? "en-GB" : "fr-FR", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

// Instants are shown on the council's clock (its time zone, Europe/Paris by default), never the
// device's: a councillor abroad or a clerk's laptop set to UTC reads the times the records print.

/** "20h15" (fr) or "20:15" (en) on the council's clock: the records' `frenchClock`. */
export function councilClock(iso: string, timeZone: string, locale: string): string {
  const text = frenchClock(iso, timeZone);
  return locale === "en" ? text.replace("h", ":") : text;
}

const STYLES = {
  short: { dateStyle: "short", timeStyle: "short" },
  long: { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" },
  seconds: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** On the council's clock: "02/12/2026 18:05" (short), "mercredi 2 décembre à 18:05" (long), "18:05:33" (seconds). */
export function councilDateTime(iso: string, timeZone: string, locale: string, style: keyof typeof STYLES = "short"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { ...STYLES[style], timeZone };
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "fr-FR", options).format(d);
}

export { CHOICES } from "@/core/words";

export const CHOICE_STYLE: Record<Choice, { bg: string; text: string; ring: string; symbol: string }> = {
  pour: { bg: "bg-pour", text: "text-pour", ring: "ring-pour", symbol: "✓" },
  contre: { bg: "bg-contre", text: "text-contre", ring: "ring-contre", symbol: "✕" },
  abstention: { bg: "bg-abst", text: "text-abst", ring: "ring-abst", symbol: "○" },
  nppv: { bg: "bg-nppv", text: "text-nppv", ring: "ring-nppv", symbol: "–" },
};
