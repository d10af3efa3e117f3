// Another council (Ligugé) with its own clerk and president, for the "across councils" refusals.
import { hashPassword } from "../../server/auth/passwords";
import type { TestServer } from "./test-server";

export const OTHER_COUNCIL = {
  clerk: { login: "greffe-ligugé", password: "autre-greffe" },
  president: { login: "maire-ligugé", password: "autre-maire" },
} as const;

export async function seedOtherCouncil(srv: TestServer): Promise<void> {
  await srv.db.council.create({
    data: { id: "ligugé", name: "Commune de Ligugé", commune: "Ligugé", siren: "218601334", siret: "21860133400014", departement: "86" },
  });
  await srv.db.member.create({
    data: { id: "x01", councilId: "ligugé", civility: "M.", firstName: "Autre", lastName: "MAIRE", role: "maire", seat: 1, mandateStart: "2020-01-01" },
  });
  await srv.db.user.create({
    data: {
      id: "u-x-clerk",
      councilId: "ligugé",
      login: OTHER_COUNCIL.clerk.login,
      displayName: "Greffe Ligugé",
      role: "clerk",
      passwordHash: await hashPassword(OTHER_COUNCIL.clerk.password),
    },
  });
  await srv.db.user.create({
    data: {
      id: "u-x-pres",
      councilId: "ligugé",
      login: OTHER_COUNCIL.president.login,
      displayName: "Maire Ligugé",
      role: "president",
      memberId: "x01",
      passwordHash: await hashPassword(OTHER_COUNCIL.president.password),
    },
  });
}
