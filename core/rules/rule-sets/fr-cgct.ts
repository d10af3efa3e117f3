// The French municipal council rules in force since 1 August 2022 (CGCT), the default rule set.
// Not date-checked: its quorum, proxy and vote rules predate the 2022 reform, which changed publication.

import type { RuleSet } from "../types";

export const frCgct: RuleSet = {
  id: "fr-cgct",
  label: { fr: "CGCT (droit en vigueur)", en: "French CGCT (current law)" },
  description: {
    fr: "Conseil municipal, Code général des collectivités territoriales, droit en vigueur depuis le 1er août 2022.",
    en: "French municipal council under the CGCT, the law in force since 1 August 2022.",
  },
  maxProxiesPerHolder: 1,
  maxConsecutiveSittingsPerProxy: 3,
  proxiesCountForQuorum: false,
  quorumRequired: (n) => Math.floor(n / 2) + 1,
  quorumFormula: {
    fr: "majorité des membres en exercice, présents physiquement",
    en: "a majority of the members in office, physically present",
  },
  quorumRuleId: "QUORUM-1",
  secondConvocationWaivesQuorum: true,
  hasCastingVote: true,
  supportsTwoThirds: false,
  closedSession: "absolute-majority-present-or-represented",
  accounts: "stands-unless-majority-against",
  elections: "absolute-then-plurality",
  ballotThresholds: (present) => ({
    public: Math.ceil(present / 4),
    secret: Math.ceil(present / 3),
  }),
  nominationsBySecretBallot: true,
  articles: {
    ruleSet: "CGCT",
    quorum: "CGCT L2121-17",
    secondConvocation: "CGCT L2121-17",
    interested: "CGCT L2131-11",
    proxies: "CGCT L2121-20",
    vote: "CGCT L2121-20",
    castingVote: "CGCT L2121-20",
    compteAdministratif: "CGCT L1612-12",
    closedSession: "CGCT L2121-18",
    twoThirds: "CGCT L2121-20",
    ballotMode: "CGCT L2121-21",
    election: "CGCT L2121-21",
  },
};
