// The 2020–2022 emergency rules, kept only to replay the records of sittings held under them:
// a third of members present or represented, and two proxies per member.

import type { RuleSet } from "../types";
import { frCgct } from "./fr-cgct";

const emergencyText = "ordonnance 2020-391 art. 2; loi 2021-1465 art. 10";

export const frCgctCovid2020: RuleSet = {
  ...frCgct,
  id: "fr-cgct-covid-2020",
  label: {
    fr: "CGCT — régime d'urgence sanitaire 2020-2022",
    en: "French CGCT — 2020–2022 health emergency rules",
  },
  description: {
    fr: "Régime dérogatoire de l'état d'urgence sanitaire, pour rejouer les séances tenues du 24 mars 2020 au 30 septembre 2021 et du 10 novembre 2021 au 31 juillet 2022.",
    en: "Health-emergency derogations, for replaying sittings held 24 March 2020 – 30 September 2021 and 10 November 2021 – 31 July 2022.",
  },
  validFrom: "2020-03-24",
  periods: [
    { from: "2020-03-24", to: "2021-09-30" },
    { from: "2021-11-10", to: "2022-07-31" },
  ],
  maxProxiesPerHolder: 2,
  proxiesCountForQuorum: true,
  quorumRequired: (n) => Math.ceil(n / 3),
  quorumFormula: {
    fr: "tiers des membres en exercice, présents ou représentés",
    en: "one third of the members in office, present or represented",
  },
  quorumRuleId: "QUORUM-5",
  articles: {
    ...frCgct.articles,
    ruleSet: emergencyText,
    quorum: emergencyText,
    proxies: `CGCT L2121-20; ${emergencyText}`,
  },
};
