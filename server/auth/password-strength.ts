// Is a password strong enough for an account that can run a council? zxcvbn-ts (French and common
// dictionaries, the person's own login and name as hints), plus a floor on length. Loaded once.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as fr from "@zxcvbn-ts/language-fr";
import type { Bilingual } from "../../core/vocabulary";

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score (0–4) a password needs: 3 is "safely unguessable" to an offline attack of moderate speed. */
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: fr.translations,
  });
  return factory;
}

/** Null when the password is acceptable, else why not (to show to the person typing it). */
export function passwordProblem(password: string, hints: string[] = []): Bilingual | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return {
      fr: `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`,
      en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    };
  const r = zxcvbn().check(password, hints.filter(Boolean));
  if (r.score < MIN_SCORE)
    return {
      fr: `Mot de passe trop facile à deviner${r.feedback.warning ? ` (${r.feedback.warning})` : ""} : allongez-le, par exemple avec plusieurs mots sans lien entre eux.`,
      en: "This password is too easy to guess: make it longer, for example with several unrelated words.",
    };
  return null;
}
