// Loads the demo council, its users and the sitting of 3 October 2022 (the seed deliberation as
// item 9). Idempotent: fixed ids and upserts, so running it twice duplicates nothing.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { parseDeliberation } from "../../core/records/deliberation-parser";
import { fullName } from "../../core/vocabulary";
import { hashPassword } from "../auth/passwords";
import { buildDemoRoster, DEMO_COUNCIL, DEMO_SECRETARY_ID, DEMO_SITTING_ID } from "./roster";

import { DEMO_PASSWORDS } from "../auth/accounts";

export { DEMO_PASSWORDS };

interface DemoItem {
  id: string;
  order: number;
  identifier: string;
  kind: string;
  title: string;
  rapporteurs: string[];
  commission: string | null;
  service: string | null;
  expose: string;
  proposals: string[];
  attachments?: string[];
  observations?: string | null;
  actesCode: string | null;
  actesLabel: string | null;
  budgetArticle?: string | null;
  budgetName?: string | null;
  amounts?: number[];
}

function seedItem(): DemoItem {
  const file = path.join(process.cwd(), "prisma", "seed-data", "deliberation-2022-0245.md");
  const p = parseDeliberation(fs.readFileSync(file, "utf8"));
  return {
    id: "i-2022-0245",
    order: p.order ?? 9,
    identifier: p.identifier ?? "2022-0245",
    kind: "ordinary",
    title: p.title ?? "Adhésion à l'association Démocratie Ouverte",
    rapporteurs: p.rapporteurs,
    commission: p.commission,
    service: p.service,
    expose: p.expose ?? "",
    proposals: p.proposals,
    attachments: p.attachments,
    observations: p.observations ?? null,
    actesCode: p.actesCode,
    actesLabel: p.actesLabel,
    budgetArticle: p.budgetArticle,
    budgetName: p.budgetName,
    amounts: p.amounts,
  };
}

function demoItems(): DemoItem[] {
  const finance = "Commission Finances, administration générale et ressources humaines";
  return [
    {
      id: "i-2022-0243",
      order: 7,
      identifier: "2022-0243",
      kind: "ordinary",
      title: "Budget principal 2022 — décision modificative n° 2",
      rapporteurs: ["M. Bastien ARNAUD"],
      commission: finance,
      service: "Direction des finances",
      expose:
        "La présente décision modificative ajuste les crédits du budget principal pour tenir compte de l'évolution du coût de l'énergie et des recettes de fonctionnement constatées au 30 septembre.\n\nElle s'équilibre en dépenses et en recettes à 1 240 000 €.",
      proposals: ["d'adopter la décision modificative n° 2 du budget principal 2022, équilibrée à 1 240 000 €"],
      actesCode: "7.1",
      actesLabel: "Décisions budgétaires",
      budgetName: "Principal",
      amounts: [1240000],
    },
    {
      id: "i-2022-0244",
      order: 8,
      identifier: "2022-0244",
      kind: "ordinary",
      title: "Subvention au Centre communal d'action sociale pour le plan grand froid",
      rapporteurs: ["Mme Claire BELLANGER"],
      commission: "Commission Solidarités, santé et vie des quartiers",
      service: "Direction de l'action sociale",
      expose: "Le CCAS renforce l'accueil de jour et les maraudes pendant l'hiver 2022-2023. Il est proposé de lui verser une subvention exceptionnelle.",
      proposals: ["d'attribuer au CCAS une subvention exceptionnelle de 45 000 €", "d'imputer la dépense à l'article 657362 du budget Principal"],
      actesCode: "7.5",
      actesLabel: "Subventions",
      budgetArticle: "657362",
      budgetName: "Principal",
      amounts: [45000],
    },
    seedItem(),
    {
      id: "i-2022-0246",
      order: 10,
      identifier: "2022-0246",
      kind: "ordinary",
      title: "Tarifs 2023 des piscines municipales",
      rapporteurs: ["M. Didier CHAUVET"],
      commission: "Commission Sports, jeunesse et vie associative",
      service: "Direction des sports",
      expose: "Les tarifs des piscines sont revalorisés de 2 % au 1er janvier 2023, à l'exception des tarifs réduits qui restent inchangés.",
      proposals: ["d'approuver la grille tarifaire 2023 des piscines municipales annexée"],
      attachments: ["Grille tarifaire 2023"],
      actesCode: "7.10",
      actesLabel: "Divers",
    },
    {
      id: "i-2022-0247",
      order: 11,
      identifier: "2022-0247",
      // A nomination (L2121-21): voted by device, secret unless the council decides otherwise (#13).
      kind: "election",
      title: "Désignation d'un représentant au conseil d'administration du lycée Camille Guérin",
      rapporteurs: ["Mme Léonore MONCOND'HUY"],
      commission: "Commission Démocratie, citoyenneté et fonctionnement institutionnel",
      service: "Direction des assemblées",
      expose: "À la suite d'une démission, il convient de désigner un nouveau représentant de la commune au conseil d'administration du lycée Camille Guérin.",
      proposals: ["de désigner Mme Élodie DESPRÉS pour représenter la commune au conseil d'administration du lycée Camille Guérin"],
      actesCode: "5.3",
      actesLabel: "Désignation de représentants",
    },
  ];
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.council.count()) === 0;
}

export async function seedDemo(db: Db): Promise<{ councilId: string; sittingId: string }> {
  const c = DEMO_COUNCIL;
  const councilData = {
    name: c.name,
    commune: c.commune,
    siren: c.siren,
    siret: c.siret,
    departement: c.departement,
    population: c.population,
    ruleSet: c.ruleSet,
    settings: JSON.stringify(c.settings),
  };
  await db.council.upsert({ where: { id: c.id }, create: { id: c.id, ...councilData }, update: {} });

  const roster = buildDemoRoster();
  for (const m of roster) {
    const data = {
      councilId: c.id,
      civility: m.civility,
      firstName: m.firstName,
      lastName: m.lastName,
      role: m.role,
      rank: m.rank,
      group: m.group,
      seat: m.seat,
      birthDate: m.birthDate,
      mandateStart: "2020-07-03",
      mandateEnd: "2026-03-22",
    };
    await db.member.upsert({ where: { id: m.id }, create: { id: m.id, ...data }, update: {} });
    await db.user.upsert({
      where: { login: `elu-${m.id}` },
      create: {
        id: `u-${m.id}`,
        councilId: c.id,
        login: `elu-${m.id}`,
        displayName: fullName(m),
        role: "councillor",
        memberId: m.id,
      },
      update: {},
    });
  }
  const staff = [
    { id: "u-clerk", login: "greffe", displayName: "Service des assemblées", role: "clerk", memberId: null, password: DEMO_PASSWORDS.clerk },
    { id: "u-president", login: "maire", displayName: "Mme Léonore MONCOND'HUY", role: "president", memberId: "m01", password: DEMO_PASSWORDS.president },
  ];
  for (const u of staff) {
    const existing = await db.user.findUnique({ where: { login: u.login } });
    if (!existing) {
      await db.user.create({
        data: {
          id: u.id,
          councilId: c.id,
          login: u.login,
          displayName: u.displayName,
          role: u.role,
          memberId: u.memberId,
          passwordHash: await hashPassword(u.password),
        },
      });
    }
  }

  await db.sitting.upsert({
    where: { id: DEMO_SITTING_ID },
    create: {
      id: DEMO_SITTING_ID,
      councilId: c.id,
      date: "2022-10-03",
      time: "18:00",
      place: "Hôtel de Ville de Poitiers — salle du Conseil municipal",
      convocationDate: "2022-09-26",
      postedOn: "2022-09-26",
      presidentMemberId: "m01",
      secretaryIds: JSON.stringify([DEMO_SECRETARY_ID]),
    },
    update: {},
  });
  for (const it of demoItems()) {
    const data = {
      sittingId: DEMO_SITTING_ID,
      order: it.order,
      identifier: it.identifier,
      kind: it.kind,
      title: it.title,
      rapporteurs: JSON.stringify(it.rapporteurs),
      commission: it.commission,
      service: it.service,
      expose: it.expose,
      proposals: JSON.stringify(it.proposals),
      attachments: JSON.stringify(it.attachments ?? []),
      observations: it.observations ?? null,
      actesCode: it.actesCode,
      actesLabel: it.actesLabel,
      budgetArticle: it.budgetArticle ?? null,
      budgetName: it.budgetName ?? null,
      budgetYear: "2022",
      amounts: JSON.stringify(it.amounts ?? []),
    };
    await db.agendaItem.upsert({ where: { id: it.id }, create: { id: it.id, ...data }, update: {} });
  }
  return { councilId: c.id, sittingId: DEMO_SITTING_ID };
}
