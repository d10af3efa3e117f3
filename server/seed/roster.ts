// The demo council: 53 members modelled on Poitiers (quorum 27). The mayor and the rapporteur are
// the ones named in the seed deliberation; every other name is fictional.

export interface DemoMember {
  id: string;
  civility: "M." | "Mme";
  firstName: string;
  lastName: string;
  role: "maire" | "adjoint" | "conseiller-delegue" | "conseiller";
  rank: number;
  group: string;
  seat: number;
  birthDate: string;
}

const MAJORITY = "Poitiers Collectif (majorité)";
const GROUPS = [MAJORITY, "Poitiers Demain", "Agir pour Poitiers", "Non-inscrits"] as const;

// Fictional names (first name, last name, civility), deterministic so the seed is idempotent.
const FICTIONAL: [string, string, "M." | "Mme"][] = [
  ["Bastien", "ARNAUD", "M."],
  ["Claire", "BELLANGER", "Mme"],
  ["Didier", "CHAUVET", "M."],
  ["Élodie", "DESPRÉS", "Mme"],
  ["François", "ÉTIENNE", "M."],
  ["Gaëlle", "FOUCHER", "Mme"],
  ["Hugo", "GIRARDEAU", "M."],
  ["Inès", "HAMON", "Mme"],
  ["Julien", "JOUBERT", "M."],
  ["Karima", "LAHLOU", "Mme"],
  ["Laurent", "MARCHAND", "M."],
  ["Manon", "NAUDIN", "Mme"],
  ["Nicolas", "OLIVIER", "M."],
  ["Océane", "PAPIN", "Mme"],
  ["Pascal", "QUINTARD", "M."],
  ["Rose", "RIGAUD", "Mme"],
  ["Samuel", "SABOURIN", "M."],
  ["Téa", "TEXIER", "Mme"],
  ["Ugo", "VALLÉE", "M."],
  ["Valérie", "VERGNAUD", "Mme"],
  ["William", "WEBER", "M."],
  ["Yasmine", "YAHIAOUI", "Mme"],
  ["Zacharie", "ZIMMER", "M."],
  ["Agathe", "AUDEBERT", "Mme"],
  ["Benoît", "BOUTET", "M."],
  ["Camille", "CHARRON", "Mme"],
  ["Damien", "DUPUIS", "M."],
  ["Estelle", "ÉCHARD", "Mme"],
  ["Fabrice", "FAVREAU", "M."],
  ["Géraldine", "GUILLON", "Mme"],
  ["Henri", "HÉRAULT", "M."],
  ["Isabelle", "IMBERT", "Mme"],
  ["Jérôme", "JAMIN", "M."],
  ["Lucie", "LAVAUD", "Mme"],
  ["Mathieu", "MOREAU", "M."],
  ["Nadia", "NEDJAR", "Mme"],
  ["Olivier", "OUVRARD", "M."],
  ["Pauline", "POUPARD", "Mme"],
  ["Quentin", "QUÉRÉ", "M."],
  ["Romane", "ROUSSEAU", "Mme"],
  ["Sylvain", "SOULARD", "M."],
  ["Thaïs", "TALBOT", "Mme"],
  ["Victor", "VIAUD", "M."],
  ["Wendy", "WALLET", "Mme"],
  ["Xavier", "XAINTRAY", "M."],
  ["Yvonne", "YVARS", "Mme"],
  ["Adrien", "ALLARD", "M."],
  ["Brigitte", "BRUNET", "Mme"],
  ["Cédric", "COUTANT", "M."],
  ["Delphine", "DURAND", "Mme"],
  ["Emmanuel", "EPAUD", "M."],
];

function birthDate(i: number): string {
  const year = 1950 + ((i * 7) % 45);
  const month = 1 + ((i * 5) % 12);
  const day = 1 + ((i * 11) % 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function buildDemoRoster(): DemoMember[] {
  const members: DemoMember[] = [
    { id: "m01", civility: "Mme", firstName: "Léonore", lastName: "MONCOND'HUY", role: "maire", rank: 0, group: MAJORITY, seat: 1, birthDate: "1990-02-07" },
    { id: "m02", civility: "Mme", firstName: "Ombelyne", lastName: "DAGICOUR", role: "adjoint", rank: 1, group: MAJORITY, seat: 2, birthDate: "1985-06-14" },
  ];
  for (let i = 0; i < 51; i++) {
    const seat = i + 3;
    const [firstName, lastName, civility] = FICTIONAL[i] ?? ["Prénom", `NOM${seat}`, "M."];
    // Seats 3-17 adjoints, 18-27 conseillers délégués, 28-40 majority conseillers, 41-53 opposition.
    const role = seat <= 17 ? "adjoint" : seat <= 27 ? "conseiller-delegue" : "conseiller";
    const group = seat <= 40 ? MAJORITY : seat <= 48 ? GROUPS[1] : seat <= 52 ? GROUPS[2] : GROUPS[3];
    members.push({
      id: `m${String(seat).padStart(2, "0")}`,
      civility,
      firstName,
      lastName,
      role,
      rank: role === "adjoint" ? seat - 1 : 0,
      group,
      seat,
      birthDate: birthDate(seat),
    });
  }
  return members;
}

export const DEMO_COUNCIL = {
  id: "poitiers",
  name: "Ville de Poitiers",
  commune: "Poitiers",
  siren: "218601946",
  siret: "21860194600013",
  departement: "86",
  /** About 89,000 inhabitants: over 3,500, so since 1 July 2022 only electronic publication counts (L2131-1). */
  population: 89_000,
  ruleSet: "fr-cgct",
  settings: {
    selfCheckIn: true,
    midSittingProxies: true,
    revealMode: "live",
    presidentVotesLast: true,
    timeZone: "Europe/Paris",
    publicationMode: "electronic",
    administrativeCourt: "Tribunal administratif de Poitiers",
  },
} as const;

export const DEMO_SITTING_ID = "s-2022-10-03";
export const DEMO_SECRETARY_ID = "m28";
