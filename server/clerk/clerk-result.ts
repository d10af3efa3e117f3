// What the clerk's domain functions answer: a value, or a refusal the HTTP edge turns into a status
// and a sentence in French and English (the clerk reads French; logs and tests read English).
import type { RejectionCode } from "../../core/sitting/protocol";

export interface Bilingual {
  fr: string;
  en: string;
}

export interface ClerkRefusal {
  ok: false;
  status: 400 | 403 | 404 | 409;
  code: RejectionCode;
  text: Bilingual;
}

export type ClerkResult<T> = { ok: true; value: T } | ClerkRefusal;

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export function refuse(status: ClerkRefusal["status"], code: RejectionCode, fr: string, en: string): ClerkRefusal {
  return { ok: false, status, code, text: { fr, en } };
}

/** A problem found in a file the clerk sent: where it is, whether it blocks, what it is. */
export interface FileProblem extends Bilingual {
  /** 1-based line for a CSV row (0: the file as a whole); absent for a draft deliberation. */
  line?: number;
  /** The field concerned ("input": the file as a whole). */
  field: string;
  /** A blocking problem stops the import; the others are shown to be checked. */
  blocking: boolean;
}
