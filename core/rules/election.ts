// Nominations (élections internes): who, if anyone, a round of voting elects.

import { reason } from "./reason";
import type { Candidate, ElectionInput, ElectionResult, RuleSet } from "./types";

export function computeElection(rs: RuleSet, e: ElectionInput): ElectionResult {
  const article = rs.articles.election;
  const { candidates } = e;
  const blankFr =
    e.blank > 0
      ? `, ${e.blank} bulletin${e.blank > 1 ? "s" : ""} blanc${e.blank > 1 ? "s" : ""} ou nul${e.blank > 1 ? "s" : ""} non décompté${e.blank > 1 ? "s" : ""}`
      : "";
  const blankEn = e.blank > 0 ? `, ${e.blank} blank or spoilt ballot${e.blank > 1 ? "s" : ""} not counted` : "";

  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    return {
      outcome: "elected",
      elected: only.name,
      reason: reason(
        "ELECT-4",
        article,
        `${only.name} est nommé : candidature unique, la nomination prend effet immédiatement`,
        `${only.name} is appointed: a single candidate takes office immediately, without a vote`,
      ),
    };
  }
  if (candidates.length === 0) {
    return {
      outcome: "no-winner",
      reason: reason("ELECT-7", article, "Aucun élu : il n'y a pas de candidat", "Nobody elected: there is no candidate"),
    };
  }

  const expressed = candidates.reduce((sum, c) => sum + c.votes, 0);
  const absolute = e.round < 3 || rs.elections === "majority-every-round";
  if (absolute) {
    const majorityRequired = Math.floor(expressed / 2) + 1;
    const winner = candidates.find((c) => c.votes >= majorityRequired);
    const ruleId = rs.elections === "majority-every-round" ? "ELECT-5" : "ELECT-1";
    if (winner) {
      return {
        outcome: "elected",
        elected: winner.name,
        majorityRequired,
        reason: reason(
          ruleId,
          article,
          `${winner.name} est élu au ${roundFr(e.round)} tour avec ${winner.votes} voix, la majorité absolue étant de ${majorityRequired} sur ${expressed} suffrages exprimés${blankFr}`,
          `${winner.name} is elected in round ${e.round} with ${winner.votes} votes, the absolute majority being ${majorityRequired} of ${expressed} votes cast${blankEn}`,
        ),
      };
    }
    return {
      outcome: "no-winner",
      majorityRequired,
      reason: reason(
        ruleId,
        article,
        `Aucun élu au ${roundFr(e.round)} tour : personne n'atteint la majorité absolue de ${majorityRequired} voix sur ${expressed} suffrages exprimés${blankFr}`,
        `Nobody elected in round ${e.round}: no candidate reached the absolute majority of ${majorityRequired} of ${expressed} votes cast${blankEn}`,
      ),
    };
  }

  const top = Math.max(...candidates.map((c) => c.votes));
  if (top === 0) {
    return {
      outcome: "no-winner",
      reason: reason(
        "ELECT-6",
        article,
        "Aucun élu au troisième tour : aucun candidat n'a obtenu de voix",
        "Nobody elected in round 3: no candidate received a vote",
      ),
    };
  }
  const leaders = candidates.filter((c) => c.votes === top);
  const [leader] = leaders;
  if (leaders.length === 1 && leader) {
    return {
      outcome: "elected",
      elected: leader.name,
      reason: reason(
        "ELECT-2",
        article,
        `${leader.name} est élu au troisième tour à la majorité relative, avec ${top} voix sur ${expressed} suffrages exprimés${blankFr}`,
        `${leader.name} is elected in round 3 by plurality, with ${top} of ${expressed} votes cast${blankEn}`,
      ),
    };
  }
  const oldest = oldestOf(leaders);
  const namesFr = joinNames(leaders, "et");
  const namesEn = joinNames(leaders, "and");
  if (oldest) {
    return {
      outcome: "elected",
      elected: oldest.name,
      reason: reason(
        "ELECT-3",
        article,
        `${oldest.name} est élu au troisième tour au bénéfice de l'âge : égalité à ${top} voix entre ${namesFr}, le plus âgé est déclaré élu`,
        `${oldest.name} is elected in round 3 as the oldest: ${namesEn} tied on ${top} votes, and the oldest is declared elected`,
      ),
    };
  }
  return {
    outcome: "no-winner",
    reason: reason(
      "ELECT-6",
      article,
      `Aucun élu : égalité à ${top} voix entre ${namesFr}, nés le même jour, que l'âge ne départage pas`,
      `Nobody elected: ${namesEn} tied on ${top} votes and share a birth date, so age cannot break the tie`,
    ),
  };
}

/** The single oldest candidate, or undefined when the earliest birth date is shared. */
function oldestOf(tied: readonly Candidate[]): Candidate | undefined {
  const earliest = tied.reduce((min, c) => (c.birthDate < min ? c.birthDate : min), tied[0]?.birthDate ?? "");
  const oldest = tied.filter((c) => c.birthDate === earliest);
  return oldest.length === 1 ? oldest[0] : undefined;
}

function roundFr(round: number): string {
  return round === 1 ? "premier" : round === 2 ? "deuxième" : "troisième";
}

function joinNames(cs: readonly Candidate[], and: string): string {
  const names = cs.map((c) => c.name);
  const last = names.pop();
  return names.length === 0 ? (last ?? "") : `${names.join(", ")} ${and} ${last ?? ""}`;
}
