// The clerk screen's calls to its API: one JSON helper with the same-origin header, and the shapes
// the screen reads (types only from the server, so no server code reaches the browser).
import { useLocale } from "next-intl";
import type { Bilingual } from "@/core/vocabulary";

export type { ClerkItem, ClerkSitting, ItemFields, ImportOutcome, DraftPreview, SittingSummary } from "@/core/api/clerk-agenda";
export type { ClerkMember, RosterImportOutcome, RosterRow, FileProblem } from "@/core/api/clerk-roster";
export type { CouncilSetup } from "@/core/api/clerk-council";
export type { Bilingual } from "@/core/vocabulary";

export interface ApiError {
  code: string;
  message: string;
  detail?: string;
  text?: Bilingual;
}
export type ApiReply<T> = { ok: true; data: T } | { ok: false; error: ApiError; data?: T };

export async function api<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<ApiReply<T>> {
  try {
    const r = await fetch(path, {
      method,
      headers: { "x-seance-client": "1", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return (await r.json()) as ApiReply<T>;
  } catch {
    return { ok: false, error: { code: "network", message: "Réseau indisponible / Network unavailable" } };
  }
}

/** Picks the reader's language in a server sentence given in both. */
export function useBilingual(): (text: Bilingual) => string {
  const locale = useLocale();
  return (text) => (locale === "en" ? text.en : text.fr);
}

/** The most precise sentence of a refusal in the reader's language. */
export function useErrorText(): (error: ApiError) => string {
  const pick = useBilingual();
  return (error) => (error.text ? pick(error.text) : error.detail ? `${error.message} — ${error.detail}` : error.message);
}

/** "2022-10-03" → "03/10/2022" in French, kept as is in English. */
export function useShortDate(): (iso: string | null) => string {
  const locale = useLocale();
  return (iso) => (!iso ? "" : locale === "fr" ? iso.split("-").reverse().join("/") : iso);
}
