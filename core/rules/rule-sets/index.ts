// The registry of shipped rule sets: adding one is a new file in this folder plus one line below.

import { isIsoDate, isWithin } from "../dates";
import { reason } from "../reason";
import type { Reason, RuleSet } from "../types";
import { frCgct } from "./fr-cgct";
import { frCgctCovid2020 } from "./fr-cgct-covid-2020";
import { robertsRules } from "./roberts-rules";
import { ukLga1972 } from "./uk-lga-1972";

const registry: readonly RuleSet[] = [frCgct, frCgctCovid2020, robertsRules, ukLga1972];

export const DEFAULT_RULE_SET_ID = frCgct.id;

export { frCgct, frCgctCovid2020, robertsRules, ukLga1972 };

export function getRuleSet(id: string): RuleSet | undefined {
  return registry.find((rs) => rs.id === id);
}

export function listRuleSets(): RuleSet[] {
  return [...registry];
}

export function unknownRuleSetReason(id: string): Reason {
  return reason("RULESET-1", "Séance", `Jeu de règles inconnu : « ${id} »`, `Unknown rule set: "${id}"`);
}

function frDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Only dated rule sets (validFrom / periods) are constrained; the others apply to any date. */
export function checkRuleSetDate(rs: RuleSet, date: string): { ok: true } | { ok: false; reason: Reason } {
  const article = rs.articles.ruleSet;
  if (!isIsoDate(date)) {
    return {
      ok: false,
      reason: reason(
        "RULESET-2",
        article,
        `Date de séance illisible : « ${date} » (format attendu AAAA-MM-JJ)`,
        `Unreadable sitting date: "${date}" (expected YYYY-MM-DD)`,
      ),
    };
  }
  const beforeStart = rs.validFrom !== undefined && date < rs.validFrom;
  const outsidePeriods = rs.periods !== undefined && !rs.periods.some((p) => isWithin(date, p.from, p.to));
  if (beforeStart || outsidePeriods) {
    const spans = rs.periods?.map((p) => `${frDate(p.from)}–${frDate(p.to)}`).join(", ");
    const enSpans = rs.periods?.map((p) => `${p.from} to ${p.to}`).join(", ");
    return {
      ok: false,
      reason: reason(
        "RULESET-2",
        article,
        `Le jeu de règles « ${rs.label.fr} » n'était pas en vigueur le ${frDate(date)}${spans ? ` (en vigueur : ${spans})` : ""}`,
        `Rule set not in force on that date: "${rs.label.en}" did not apply on ${date}${enSpans ? ` (in force ${enSpans})` : ""}`,
      ),
    };
  }
  return { ok: true };
}
