// Decides whether an item (anything but a nomination) is adopted, from the tally of ballots cast.

import { reason } from "./reason";
import type { Reason, ResultInput, ResultOutput, RuleSet, Tally } from "./types";

function tallyFr(t: Tally): string {
  const parts = [`${t.pour} pour`, `${t.contre} contre`];
  if (t.abstention > 0) parts.push(`${t.abstention} abstention${t.abstention > 1 ? "s" : ""}`);
  if (t.nppv > 0) parts.push(`${t.nppv} ne prenant pas part au vote`);
  return parts.join(", ");
}

function tallyEn(t: Tally): string {
  const parts = [`${t.pour} for`, `${t.contre} against`];
  if (t.abstention > 0) parts.push(`${t.abstention} abstention${t.abstention > 1 ? "s" : ""}`);
  if (t.nppv > 0) parts.push(`${t.nppv} not voting`);
  return parts.join(", ");
}

type Decide = (adopted: boolean, why: Reason, extra?: { castingVote?: boolean; majorityRequired?: number }) => ResultOutput;

export function computeResult(rs: RuleSet, r: ResultInput): ResultOutput {
  const { pour, contre } = r.votes;
  const expressed = pour + contre;
  const unanimous = expressed > 0 && (pour === 0 || contre === 0);
  const tFr = tallyFr(r.votes);
  const tEn = tallyEn(r.votes);
  const done: Decide = (adopted, why, extra = {}) => ({
    outcome: adopted ? "adopted" : "rejected",
    castingVote: extra.castingVote ?? false,
    ...(extra.majorityRequired !== undefined ? { majorityRequired: extra.majorityRequired } : {}),
    unanimous,
    reason: why,
  });

  if (r.twoThirds) {
    if (!rs.supportsTwoThirds) {
      throw new RangeError(`Rule set ${rs.id} has no two-thirds majority`);
    }
    // Two thirds of votes cast: 3·pour ≥ 2·(pour + contre); nothing cast carries nothing.
    const needed = Math.max(1, Math.ceil((2 * expressed) / 3));
    const adopted = expressed > 0 && 3 * pour >= 2 * expressed;
    return done(
      adopted,
      reason(
        "VOTE-9",
        rs.articles.twoThirds,
        `${adopted ? "Adoptée" : "Rejetée"} : majorité des deux tiers des suffrages exprimés requise, soit ${needed} voix sur ${expressed} exprimées — ${tFr}`,
        `${adopted ? "Adopted" : "Lost"}: a two-thirds majority of votes cast was required, ${needed} of ${expressed} — ${tEn}`,
      ),
      { majorityRequired: needed },
    );
  }

  if (r.kind === "huis-clos" && rs.closedSession === "absolute-majority-present-or-represented") {
    const base = r.presentOrRepresented;
    if (base === undefined) {
      throw new RangeError("presentOrRepresented is required to decide a huis clos");
    }
    const needed = Math.floor(base / 2) + 1;
    const adopted = pour >= needed;
    return done(
      adopted,
      reason(
        "VOTE-8",
        rs.articles.closedSession,
        `Huis clos ${adopted ? "décidé" : "refusé"} : il faut la majorité absolue des ${base} membres présents ou représentés, soit ${needed} voix pour — ${tFr}`,
        `Closed session ${adopted ? "agreed" : "refused"}: it needs an absolute majority of the ${base} members present or represented, ${needed} votes for — ${tEn}`,
      ),
      { majorityRequired: needed },
    );
  }

  if (r.kind === "compte-administratif" && rs.accounts === "stands-unless-majority-against") {
    // The accounts stand unless a majority votes against: a tie approves them, no casting vote needed.
    const adopted = contre <= pour;
    const fr = adopted
      ? pour === contre
        ? `Compte administratif arrêté : le partage des voix ne dégage pas de majorité contre — ${tFr}`
        : `Compte administratif arrêté : aucune majorité ne s'est dégagée contre — ${tFr}`
      : `Compte administratif rejeté : une majorité s'est prononcée contre — ${tFr}`;
    const en = adopted
      ? pour === contre
        ? `Compte administratif approved: a tie is not a majority against — ${tEn}`
        : `Compte administratif approved: no majority voted against — ${tEn}`
      : `Compte administratif rejected: a majority voted against — ${tEn}`;
    return done(adopted, reason("VOTE-7", rs.articles.compteAdministratif, fr, en));
  }

  if (pour > contre || pour < contre) {
    const adopted = pour > contre;
    const fr = adopted
      ? `${unanimous ? "Adoptée à l'unanimité des suffrages exprimés" : "Adoptée à la majorité des suffrages exprimés"} — ${tFr}`
      : `${unanimous ? "Rejetée à l'unanimité des suffrages exprimés" : "Rejetée : les voix contre l'emportent"} — ${tFr}`;
    const en = adopted
      ? `${unanimous ? "Adopted unanimously by the votes cast" : "Adopted by a majority of the votes cast"} — ${tEn}`
      : `${unanimous ? "Rejected unanimously by the votes cast" : "Rejected: more votes against than for"} — ${tEn}`;
    return done(adopted, reason("VOTE-2", rs.articles.vote, fr, en));
  }

  if (expressed === 0) {
    return done(
      false,
      reason(
        "VOTE-6",
        rs.articles.vote,
        `Rejetée : aucun suffrage exprimé, aucune majorité favorable — ${tFr}`,
        `Rejected: no votes cast for or against, so no majority in favour — ${tEn}`,
      ),
    );
  }

  return decideTie(rs, r, done, tFr, tEn);
}

/** A tie with votes cast: the casting vote, where the rule set and the ballot allow one. */
function decideTie(rs: RuleSet, r: ResultInput, done: Decide, tFr: string, tEn: string): ResultOutput {
  if (r.ballot === "secret") {
    return done(
      false,
      reason(
        "VOTE-4",
        rs.articles.castingVote,
        `Rejetée : partage égal des voix au scrutin secret, où le président n'a pas de voix prépondérante — ${tFr}`,
        `Rejected: a tie in a secret ballot, where the chair has no casting vote — ${tEn}`,
      ),
    );
  }
  if (!rs.hasCastingVote) {
    return done(
      false,
      reason(
        "VOTE-5",
        rs.articles.castingVote,
        `Rejetée : en cas d'égalité la proposition n'est pas adoptée, la présidence n'ayant pas de voix prépondérante — ${tFr}`,
        `Lost: a tie vote fails, the chair having no casting vote — ${tEn}`,
      ),
    );
  }
  if (r.presidentVote === "pour" || r.presidentVote === "contre") {
    const adopted = r.presidentVote === "pour";
    return done(
      adopted,
      reason(
        "VOTE-3",
        rs.articles.castingVote,
        `${adopted ? "Adoptée" : "Rejetée"} — voix prépondérante du président, qui a voté ${r.presidentVote}, sur un partage égal des voix : ${tFr}`,
        `${adopted ? "Adopted" : "Rejected"} — the chair's casting vote ${adopted ? "for" : "against"} broke a tie: ${tEn}`,
      ),
      { castingVote: true },
    );
  }
  return done(
    false,
    reason(
      "VOTE-5",
      rs.articles.castingVote,
      `Rejetée : partage égal des voix et le président n'a voté ni pour ni contre, il n'y a donc pas de voix prépondérante — ${tFr}`,
      `Rejected: a tie, and the chair voted neither for nor against, so there is no casting vote — ${tEn}`,
    ),
  );
}
