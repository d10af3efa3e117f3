// Principal councils in England and Wales under the Local Government Act 1972, Schedule 12:
// quarter quorum, majority of those present and voting, the chair's casting vote, no proxies.

import type { RuleSet } from "../types";

const schedule12 = "Local Government Act 1972 Sch. 12";

export const ukLga1972: RuleSet = {
  id: "uk-lga-1972",
  label: {
    fr: "Royaume-Uni — Local Government Act 1972",
    en: "UK — Local Government Act 1972",
  },
  description: {
    fr: "Conseils principaux d'Angleterre et du pays de Galles, Local Government Act 1972, annexe 12 ; le règlement intérieur (standing orders) complète.",
    en: "Principal councils in England and Wales, Local Government Act 1972 Schedule 12; standing orders fill in the rest.",
  },
  maxProxiesPerHolder: 0,
  maxConsecutiveSittingsPerProxy: null,
  proxiesCountForQuorum: false,
  quorumRequired: (n) => Math.ceil(n / 4),
  quorumFormula: {
    fr: "quart des membres du conseil, arrondi à l'entier supérieur",
    en: "one quarter of the whole number of members, rounded up",
  },
  quorumRuleId: "QUORUM-7",
  // Schedule 12 has no inquorate re-convened meeting: business simply cannot be transacted.
  secondConvocationWaivesQuorum: false,
  hasCastingVote: true,
  supportsTwoThirds: false,
  // Excluding the public (s. 100A) is a resolution like any other.
  closedSession: "ordinary-majority",
  accounts: "ordinary-majority",
  elections: "majority-every-round",
  // Not fixed by the Act (standing orders decide); the French fractions are the shipped default.
  ballotThresholds: (present) => ({
    public: Math.ceil(present / 4),
    secret: Math.ceil(present / 3),
  }),
  nominationsBySecretBallot: false,
  articles: {
    ruleSet: schedule12,
    quorum: `${schedule12} para 6`,
    secondConvocation: `${schedule12} para 6`,
    interested: "Localism Act 2011 s. 31",
    proxies: `${schedule12} para 39`,
    vote: `${schedule12} para 39(1)`,
    castingVote: `${schedule12} para 39(2)`,
    compteAdministratif: `${schedule12} para 39(1)`,
    closedSession: "Local Government Act 1972 s. 100A",
    twoThirds: `${schedule12} para 39(1)`,
    ballotMode: `${schedule12} para 42 (standing orders)`,
    election: `${schedule12} para 39`,
  },
};
