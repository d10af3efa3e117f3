// Display helpers shared by the screens.
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

export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(locale === "en" ? "en-GB" : "fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export { CHOICES } from "@/core/words";

export const CHOICE_STYLE: Record<Choice, { bg: string; text: string; ring: string; symbol: string }> = {
  pour: { bg: "bg-pour", text: "text-pour", ring: "ring-pour", symbol: "✓" },
  contre: { bg: "bg-contre", text: "text-contre", ring: "ring-contre", symbol: "✕" },
  abstention: { bg: "bg-abst", text: "text-abst", ring: "ring-abst", symbol: "○" },
  nppv: { bg: "bg-nppv", text: "text-nppv", ring: "ring-nppv", symbol: "–" },
};
