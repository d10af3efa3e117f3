// Whether the council may deliberate on an item, checked when the item is called.

import { enCount, frCount, reason } from "./reason";
import type { QuorumInput, QuorumResult, RuleSet } from "./types";

export function computeQuorum(rs: RuleSet, q: QuorumInput): QuorumResult {
  // Interested members stay in N but are not present for their item (L2131-11 and equivalents).
  const physicallyCounted = Math.max(0, q.present - q.recused);
  const counted = physicallyCounted + (rs.proxiesCountForQuorum ? q.represented : 0);
  const basis = rs.proxiesCountForQuorum
    ? { frOne: "membre présent ou représenté", frMany: "membres présents ou représentés", en: "present or represented" }
    : { frOne: "membre présent", frMany: "membres présents", en: "present" };
  // "0 membre présent", "1 membre présent", "3 membres présents": the participle agrees with the count.
  const membersFr = (n: number) => frCount(n, basis.frOne, basis.frMany);

  if (q.secondConvocation && rs.secondConvocationWaivesQuorum) {
    // Reported as 0 so that `reached === counted >= required` always holds.
    return {
      required: 0,
      counted,
      reached: true,
      reason: reason(
        "QUORUM-4",
        rs.articles.secondConvocation,
        `Seconde convocation : le conseil délibère valablement sans condition de quorum (${membersFr(counted)})`,
        `Second convocation: the council deliberates without any quorum (${enCount(counted, "member")} ${basis.en})`,
      ),
    };
  }

  const required = rs.quorumRequired(q.membersInOffice);
  const reached = counted >= required;
  const ruleId = rs.quorumRuleId;
  const recusedNoteFr =
    q.recused > 0 ? `, ${frCount(q.recused, "conseiller intéressé", "conseillers intéressés")} non ${q.recused > 1 ? "comptés" : "compté"}` : "";
  const recusedNoteEn = q.recused > 0 ? `, ${enCount(q.recused, "interested member")} not counted` : "";
  const needFr = `pour un quorum de ${required} — ${rs.quorumFormula.fr}, N = ${q.membersInOffice}${recusedNoteFr}`;
  const needEn = `against a quorum of ${required} — ${rs.quorumFormula.en}, N = ${q.membersInOffice}${recusedNoteEn}`;
  const fr = reached
    ? `Quorum atteint : ${membersFr(counted)} ${needFr}`
    : `Quorum non atteint, le conseil ne peut pas délibérer : ${membersFr(counted)} ${needFr}`;
  const en = reached
    ? `Quorum reached: ${enCount(counted, "member")} ${basis.en} ${needEn}`
    : `No quorum, the council cannot deliberate: ${enCount(counted, "member")} ${basis.en} ${needEn}`;
  return {
    required,
    counted,
    reached,
    reason: reason(reached ? ruleId : "QUORUM-8", rs.articles.quorum, fr, en),
  };
}
