// The closed list of reasons Séance refuses something, shared by the socket protocol and the HTTP
// API: a code, a sentence in French and English, and the HTTP status it maps to. One shape on the
// wire: { code, message: "fr / en" (logs), text: { fr, en } (screens pick their language), detail? }.
import type { z } from "zod";
import type { Bilingual } from "./vocabulary";

export type { Bilingual } from "./vocabulary";

export const REFUSALS = {
  "bad-request": { fr: "Requête invalide", en: "Malformed request", status: 400 },
  "unknown-endpoint": { fr: "Adresse inconnue", en: "No such endpoint", status: 404 },
  "not-signed-in": { fr: "Connexion requise", en: "Sign-in required", status: 401 },
  forbidden: { fr: "Action non autorisée pour votre rôle", en: "Your role may not do this", status: 403 },
  "wrong-sitting": { fr: "Cette séance ne relève pas de votre conseil", en: "This sitting is not in your council", status: 403 },
  "unknown-sitting": { fr: "Séance inconnue", en: "Unknown sitting", status: 404 },
  "unknown-member": { fr: "Élu inconnu", en: "Unknown member", status: 404 },
  "unknown-item": { fr: "Point inconnu", en: "Unknown item", status: 404 },
  "unknown-vote": { fr: "Vote inconnu", en: "Unknown vote", status: 404 },
  "unknown-account": { fr: "Compte inconnu", en: "Unknown account", status: 404 },
  "unknown-request": { fr: "Demande de parole inconnue ou déjà retirée", en: "Unknown or withdrawn request to speak", status: 404 },
  "wrong-state": { fr: "Impossible à cette étape de la séance", en: "Not possible at this stage of the sitting", status: 409 },
  conflict: { fr: "Déjà pris ou en conflit avec l'existant", en: "Already taken or in conflict", status: 409 },
  "not-present": { fr: "L'élu n'est pas présent", en: "The member is not present", status: 409 },
  "no-quorum": { fr: "Le quorum n'est pas atteint", en: "Quorum is not reached", status: 409 },
  "proxy-invalid": { fr: "Pouvoir non valable", en: "Proxy not valid", status: 409 },
  "proxy-not-allowed-now": { fr: "Pouvoir en cours de séance non autorisé", en: "Proxies may not be given during the sitting", status: 409 },
  "not-entitled": { fr: "Vous ne pouvez pas voter ici", en: "You may not vote here", status: 409 },
  "already-voted": { fr: "Vote déjà enregistré et non modifiable", en: "Ballot already recorded and may not be changed", status: 409 },
  "too-many-changes": { fr: "Ce vote a été modifié trop de fois", en: "This ballot was changed too many times", status: 409 },
  "president-votes-last": { fr: "Le président vote en dernier", en: "The president votes last", status: 409 },
  "president-voting": {
    fr: "La présidence vote maintenant : le vote des autres membres est clos",
    en: "The president is voting now: the others may no longer vote",
    status: 409,
  },
  "amendments-pending": {
    fr: "Les amendements de ce point doivent être votés ou retirés avant lui",
    en: "This item's amendments must be voted or withdrawn before it",
    status: 409,
  },
  "vote-open": { fr: "Un vote est en cours", en: "A vote is open", status: 409 },
  "self-check-in-disabled": { fr: "L'émargement par l'élu n'est pas autorisé", en: "Self check-in is not allowed", status: 409 },
  "command-id-reused": {
    fr: "Cet identifiant de commande a déjà servi pour une autre demande",
    en: "This command id was already used for another request",
    status: 409,
  },
  "convocation-too-late": {
    fr: "Le délai légal de convocation n'est pas respecté",
    en: "The legal delay of the convocation is not met",
    status: 409,
  },
  "unknown-link": { fr: "Lien inconnu ou expiré", en: "Unknown or expired link", status: 404 },
  "weak-password": { fr: "Mot de passe trop faible", en: "Password too weak", status: 400 },
  "wrong-password": { fr: "Identifiant ou mot de passe incorrect", en: "Wrong login or password", status: 401 },
  "rate-limited": { fr: "Trop de tentatives, réessayez plus tard", en: "Too many attempts, try again later", status: 429 },
  "too-large": { fr: "Trop volumineux", en: "Too large", status: 413 },
  unavailable: { fr: "Service momentanément indisponible, réessayez", en: "Temporarily unavailable, try again", status: 503 },
  // Several nodes: the sitting is decided on another node now; the client sends the same command again.
  moved: { fr: "La séance est passée sur un autre serveur, nouvel essai…", en: "The sitting moved to another server, trying again…", status: 503 },
  internal: { fr: "Erreur interne, rien n'a été modifié", en: "Internal error, nothing was changed", status: 500 },
} as const;

export type RefusalCode = keyof typeof REFUSALS;

/** A refusal as it travels: the code, the generic sentence, the precise sentence, a detail for logs. */
export interface WireError {
  code: RefusalCode;
  message: string;
  text: Bilingual;
  detail?: string;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: WireError };

/**
 * A refusal: `text` is the precise sentence in both languages when the caller has one (a clerk's
 * import problem), else the code's own; `detail` is an English detail for logs and tests.
 */
export function wireError(code: RefusalCode, detail?: string, text?: Bilingual): WireError {
  const base = REFUSALS[code];
  return { code, message: `${base.fr} / ${base.en}`, text: text ?? { fr: base.fr, en: base.en }, ...(detail ? { detail } : {}) };
}

export function reject(code: RefusalCode, detail?: string, text?: Bilingual): { ok: false; error: WireError } {
  return { ok: false, error: wireError(code, detail, text) };
}

export function statusOf(code: RefusalCode): number {
  return REFUSALS[code].status;
}

/** Format a zod error into one readable line ("field: message; …"; French puts a space before the colon). */
export function describeZodError(err: z.ZodError, colon = ": "): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}${colon}${i.message}`)
    .join("; ");
}

/** The text of an error in the reader's language (never "French / English" on a screen). */
export function errorText(error: Pick<WireError, "text" | "message" | "detail">, locale: string): string {
  if (error.text) return locale === "en" ? error.text.en : error.text.fr;
  return error.message;
}

/** What a domain function answers: a value, or a refusal the edge turns into a status and a sentence. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** The HTTP status when it is not the code's usual one. */
  status?: number;
  /** The precise sentence in both languages (the clerk reads French; logs and tests read English). */
  text?: Bilingual;
  detail?: string;
  /** Data sent with the refusal (an import's problems, to show them). */
  data?: unknown;
}
export type Result<T> = { ok: true; value: T } | Refusal;

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A refusal with its sentence in French and English (and, when it is not the usual one, its status). */
export function refuse(status: number | undefined, code: RefusalCode, fr: string, en: string): Refusal {
  return { ok: false, code, text: { fr, en }, detail: en, ...(status !== undefined ? { status } : {}) };
}

/** The same refusal, as the wire carries it. */
export function refusalToWire(r: Refusal): WireError {
  return wireError(r.code, r.detail ?? r.text?.en, r.text);
}
