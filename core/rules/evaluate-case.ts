// The conformance evaluator: turns one case (the JSON of /shared/rules-cases) into the answer the law
// gives, by checking the input is consistent and then running the same functions the live sitting uses.

import { describeSchemaError, type CaseBody, CaseBodySchema, type CaseInput } from "./case-schema";
import { computeElection } from "./election";
import { validateProxies } from "./proxies";
import { computeQuorum } from "./quorum";
import { enCount, frCount, reason } from "./reason";
import { computeResult } from "./result";
import { checkRuleSetDate, getRuleSet, unknownRuleSetReason } from "./rule-sets";
import type { CaseEvaluation, Reason, RuleSet } from "./types";

const CASE_ARTICLE = "Séance — cohérence des données";

function invalid(problems: Reason[]): CaseEvaluation {
  const [first] = problems;
  const why = first ?? reason("CASE-0", CASE_ARTICLE, "Cas invalide", "Invalid case");
  return {
    valid: false,
    outcome: "invalid",
    castingVote: false,
    reason: why,
    problems,
  };
}

/** Accepts anything; a malformed case comes back invalid with a CASE-0 reason naming the faulty fields. */
export function evaluateCase(input: unknown): CaseEvaluation {
  const parsed = CaseBodySchema.safeParse(input);
  if (!parsed.success) {
    const detail = describeSchemaError(parsed.error);
    return invalid([reason("CASE-0", CASE_ARTICLE, `Cas mal formé : ${detail}`, `Malformed case: ${detail}`)]);
  }
  return evaluateParsedCase(parsed.data);
}

export function evaluateParsedCase(c: CaseBody): CaseEvaluation {
  const rs = getRuleSet(c.ruleSet);
  if (!rs) return invalid([unknownRuleSetReason(c.ruleSet)]);
  if (c.date !== undefined) {
    const dated = checkRuleSetDate(rs, c.date);
    if (!dated.ok) return invalid([dated.reason]);
  }
  const problems = consistencyProblems(rs, c.input);
  if (problems.length > 0) return invalid(problems);

  const input = c.input;
  // Every proxy listed in a case is one in use for the item (its mandataire is present: CASE-3).
  const represented = input.proxies.length;
  const quorum = computeQuorum(rs, {
    membersInOffice: input.membersInOffice,
    present: input.present,
    recused: input.recused,
    represented,
    secondConvocation: input.secondConvocation,
  });
  const quorumFields = {
    valid: true,
    quorumRequired: quorum.required,
    quorum: quorum.reached,
  } as const;

  if (input.kind === "election") {
    const e = computeElection(rs, {
      round: input.round,
      candidates: input.candidates,
      blank: input.blank,
    });
    const majority = e.majorityRequired !== undefined ? { majorityRequired: e.majorityRequired } : {};
    if (!quorum.reached)
      return {
        ...quorumFields,
        outcome: "no-quorum",
        castingVote: false,
        ...majority,
        reason: quorum.reason,
      };
    return {
      ...quorumFields,
      outcome: e.outcome,
      castingVote: false,
      ...majority,
      ...(e.elected !== undefined ? { elected: e.elected } : {}),
      reason: e.reason,
    };
  }

  const result = computeResult(rs, {
    kind: input.kind,
    ballot: input.ballot,
    votes: input.votes,
    presidentVote: input.presidentVote,
    twoThirds: input.twoThirds,
    // Interested members are not present for their item, so they are not in the huis-clos base either.
    presentOrRepresented: input.present - input.recused + represented,
  });
  const majority = result.majorityRequired !== undefined ? { majorityRequired: result.majorityRequired } : {};
  if (!quorum.reached)
    return {
      ...quorumFields,
      outcome: "no-quorum",
      castingVote: false,
      ...majority,
      reason: quorum.reason,
    };
  return {
    ...quorumFields,
    outcome: result.outcome,
    castingVote: result.castingVote,
    ...majority,
    reason: result.reason,
  };
}

/** Everything in the input that cannot happen under the rule set or cannot happen at all. */
export function consistencyProblems(rs: RuleSet, input: CaseInput): Reason[] {
  const problems: Reason[] = [];
  const { membersInOffice: n, present, recused, proxies } = input;
  const add = (ruleId: string, fr: string, en: string, article = CASE_ARTICLE) => problems.push(reason(ruleId, article, fr, en));

  if (present > n) {
    add(
      "CASE-1",
      `${frCount(present, "membre présent", "membres présents")} pour seulement ${n} en exercice`,
      `${enCount(present, "member")} present but only ${n} in office`,
    );
  }
  if (recused > present) {
    add(
      "CASE-1",
      `${frCount(recused, "conseiller intéressé", "conseillers intéressés")} pour seulement ${frCount(present, "présent")}`,
      `${enCount(recused, "interested member")} but only ${present} present`,
    );
  }

  const proxyCheck = validateProxies(rs, proxies);
  if (!proxyCheck.valid) problems.push(...proxyCheck.problems);

  const mandants = new Set(proxies.map((p) => p.from)).size;
  if (present + mandants > n) {
    add(
      "CASE-2",
      `${present} présents et ${frCount(mandants, "mandant")} absents dépassent les ${n} membres en exercice`,
      `${present} present and ${enCount(mandants, "absent mandant")} exceed the ${n} members in office`,
    );
  }
  const holders = new Set(proxies.map((p) => p.to)).size;
  if (holders > present) {
    add(
      "CASE-3",
      `${frCount(holders, "mandataire")} pour seulement ${frCount(present, "membre présent", "membres présents")} : un mandataire doit être présent pour voter`,
      `${enCount(holders, "mandataire")} but only ${enCount(present, "member")} present: a mandataire must be present to vote`,
    );
  }

  const canVote = present - recused + proxies.length;
  if (input.kind === "election") {
    const ballots = input.candidates.reduce((sum, c) => sum + c.votes, 0) + input.blank;
    if (ballots > canVote) {
      add(
        "CASE-6",
        `${ballots} bulletins pour au plus ${canVote} votants (présents ${present} − intéressés ${recused} + pouvoirs ${proxies.length})`,
        `${ballots} ballots but at most ${canVote} voters (present ${present} − interested ${recused} + proxies ${proxies.length})`,
      );
    }
    const names = input.candidates.map((c) => c.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) {
      add("CASE-8", `Le candidat « ${duplicate} » figure deux fois`, `Candidate "${duplicate}" is listed twice`);
    }
    return problems;
  }

  const { pour, contre, abstention, nppv } = input.votes;
  // Recused members record NPPV, so they bound the NPPV column but never pour, contre or abstention.
  const cast = pour + contre + abstention;
  if (cast > canVote) {
    add(
      "CASE-4",
      `${cast} votes pour, contre ou abstention pour au plus ${canVote} votants (présents ${present} − intéressés ${recused} + pouvoirs ${proxies.length})`,
      `${cast} for, against or abstaining but at most ${canVote} voters (present ${present} − interested ${recused} + proxies ${proxies.length})`,
    );
  }
  const total = cast + nppv;
  const ballotsPossible = present + proxies.length;
  if (total > ballotsPossible) {
    add(
      "CASE-5",
      `${total} votes enregistrés pour au plus ${ballotsPossible} (présents ${present} + pouvoirs ${proxies.length})`,
      `${total} votes recorded but at most ${ballotsPossible} possible (present ${present} + proxies ${proxies.length})`,
    );
  }
  if (input.twoThirds && !rs.supportsTwoThirds) {
    add(
      "CASE-7",
      `La majorité des deux tiers n'existe pas sous « ${rs.label.fr} »`,
      `There is no two-thirds majority under "${rs.label.en}"`,
      rs.articles.vote,
    );
  }
  return problems;
}
