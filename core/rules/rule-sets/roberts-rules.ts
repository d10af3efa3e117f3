// Robert's Rules of Order Newly Revised (12th ed.), for bodies whose bylaws adopt it:
// majority-of-membership quorum, no proxies, a tie fails, some motions need two thirds.

import type { RuleSet } from "../types";

export const robertsRules: RuleSet = {
  id: "roberts-rules",
  label: { fr: "Robert's Rules of Order", en: "Robert's Rules of Order" },
  description: {
    fr: "Robert's Rules of Order Newly Revised (12e éd.) ; les statuts de l'assemblée priment.",
    en: "Robert's Rules of Order Newly Revised (12th ed.); the body's bylaws take precedence.",
  },
  maxProxiesPerHolder: 0,
  maxConsecutiveSittingsPerProxy: null,
  proxiesCountForQuorum: false,
  quorumRequired: (n) => Math.floor(n / 2) + 1,
  quorumFormula: {
    fr: "majorité des membres",
    en: "a majority of the membership",
  },
  quorumRuleId: "QUORUM-6",
  // RONR has no re-convened sitting without quorum: without a quorum the only business is to adjourn.
  secondConvocationWaivesQuorum: false,
  hasCastingVote: false,
  supportsTwoThirds: true,
  // An executive session is ordered like any other motion.
  closedSession: "ordinary-majority",
  accounts: "ordinary-majority",
  elections: "majority-every-round",
  // Ordering a ballot or a roll call is itself a majority decision of those present.
  ballotThresholds: (present) => {
    const majority = Math.floor(present / 2) + 1;
    return { public: majority, secret: majority };
  },
  nominationsBySecretBallot: true,
  articles: {
    ruleSet: "RONR (12th ed.)",
    quorum: "RONR (12th ed.) §40",
    secondConvocation: "RONR (12th ed.) §40",
    interested: "RONR (12th ed.) §45",
    proxies: "RONR (12th ed.) §45",
    vote: "RONR (12th ed.) §44",
    castingVote: "RONR (12th ed.) §44",
    compteAdministratif: "RONR (12th ed.) §44",
    closedSession: "RONR (12th ed.) §9",
    twoThirds: "RONR (12th ed.) 44:3",
    ballotMode: "RONR (12th ed.) §45",
    election: "RONR (12th ed.) §46",
  },
};
