// The bench council, written straight into a migrated database before the server starts: 69 members
// (the demo council has 53), a user for each, a president, a clerk, three secretaries, and a
// convened sitting with enough items for every vote the bench opens.
import { openDatabase } from "../server/db/client";

export const BENCH = {
  councilId: "c-bench",
  sittingId: "s-bench",
  members: 69,
  items: 8,
  president: "u-bpres",
  clerk: "u-bclerk",
  secretaries: ["u-bsec1", "u-bsec2", "u-bsec3"],
} as const;

export const memberId = (i: number) => `b${String(i + 1).padStart(2, "0")}`;
export const councillorUser = (i: number) => `u-${memberId(i)}`;
export const itemId = (k: number) => `i-bench-${k + 1}`;

const FIRST = ["Alice", "Bruno", "Chloé", "Denis", "Émilie", "Fabien", "Gisèle", "Hervé", "Irène", "Jacques", "Karine", "Loïc"];
const LAST = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT"];
const GROUPS = ["Majorité municipale", "Union pour la ville", "Écologie et solidarités", "Non-inscrits"];

export async function createBenchCouncil(url: string): Promise<void> {
  const db = await openDatabase(url);
  try {
    await db.council.create({
      data: {
        id: BENCH.councilId,
        name: "Ville de Bancdessai",
        commune: "Bancdessai",
        siren: "000000000",
        siret: "00000000000000",
        departement: "86",
        ruleSet: "fr-cgct",
        // The president votes like everyone else here: the burst has no order to respect.
        settings: JSON.stringify({ selfCheckIn: true, midSittingProxies: true, revealMode: "live", presidentVotesLast: false }),
      },
    });
    for (let i = 0; i < BENCH.members; i++) {
      const first = FIRST[i % FIRST.length] ?? "Alex";
      const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length] ?? "DUPONT"}-${i + 1}`;
      const civility = i % 2 === 0 ? "Mme" : "M.";
      await db.member.create({
        data: {
          id: memberId(i),
          councilId: BENCH.councilId,
          civility,
          firstName: first,
          lastName: last,
          role: i === 0 ? "maire" : i < 12 ? "adjoint" : "conseiller",
          rank: i,
          group: GROUPS[i % GROUPS.length] ?? null,
          seat: i + 1,
          birthDate: `${1950 + (i % 45)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
          mandateStart: "2020-07-03",
          mandateEnd: "2026-03-22",
        },
      });
      await db.user.create({
        data: {
          id: councillorUser(i),
          councilId: BENCH.councilId,
          login: `bench-${memberId(i)}`,
          displayName: `${civility} ${first} ${last}`,
          role: "councillor",
          memberId: memberId(i),
        },
      });
    }
    const staff = [
      { id: BENCH.president, role: "president", memberId: memberId(0) },
      { id: BENCH.clerk, role: "clerk", memberId: null },
      ...BENCH.secretaries.map((id) => ({ id, role: "secretary", memberId: null })),
    ];
    for (const u of staff) {
      await db.user.create({ data: { id: u.id, councilId: BENCH.councilId, login: `bench-${u.id}`, displayName: u.id, role: u.role, memberId: u.memberId } });
    }
    await db.sitting.create({
      data: {
        id: BENCH.sittingId,
        councilId: BENCH.councilId,
        date: "2025-06-12",
        time: "18:00",
        place: "Salle du Conseil",
        convocationDate: "2025-06-05",
        postedOn: "2025-06-05",
        presidentMemberId: memberId(0),
        secretaryIds: "[]",
      },
    });
    for (let k = 0; k < BENCH.items; k++) {
      await db.agendaItem.create({
        data: {
          id: itemId(k),
          sittingId: BENCH.sittingId,
          order: k + 1,
          identifier: `2025-${String(k + 1).padStart(4, "0")}`,
          title: `Délibération de banc d'essai n° ${k + 1} — subvention aux associations sportives du quartier`,
          rapporteurs: JSON.stringify(["Mme Alice MARTIN-1"]),
          expose: "Exposé des motifs.",
          proposals: JSON.stringify(["d'approuver la délibération"]),
        },
      });
    }
  } finally {
    await db.$disconnect();
  }
}
