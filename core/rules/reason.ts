// Builds the Reason values the engine returns, so every answer carries a rule id, its article
// and a sentence in both languages that the screens and the minutes can show as they are.

import type { Reason } from "./types";

export function reason(ruleId: string, article: string, fr: string, en: string): Reason {
  return {
    ruleId,
    article,
    fr: `${fr} (${article})`,
    en: `${en} (${article})`,
  };
}

/** "1 membre", "3 membres" — French plurals are regular for the words the engine uses. */
export function frCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 || n === 0 ? singular : plural}`;
}

export function enCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
