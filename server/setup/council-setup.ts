// Sets up a real council in an empty database: the council, the mayor as its first member, and the
// clerk's and the mayor's accounts with the passwords they chose (strength checked). The roster is
// then imported by the clerk from the clerk's screen. Also: setting an account's password from the
// command line (the way out of a database that still holds a demo password).
import { randomUUID } from "node:crypto";
import { done, refuse, type Result } from "../../core/refusal";
import { fullName } from "../../core/vocabulary";
import type { CouncilSetup } from "../../core/api/setup";
import { hashPassword } from "../auth/passwords";
import { passwordProblem } from "../auth/password-strength";
import type { Db } from "../db/client";

function slug(text: string): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return s.slice(0, 40) || "conseil";
}

export async function setUpCouncil(db: Db, input: CouncilSetup): Promise<Result<{ councilId: string; clerkLogin: string; mayorLogin: string }>> {
  if ((await db.council.count()) > 0)
    return refuse(409, "conflict", "Cette base contient déjà un conseil.", "This database already holds a council: set up a new council in a new database.");
  for (const [who, login, password, name] of [
    ["clerk", input.clerkLogin, input.clerkPassword, input.clerkName],
    ["mayor", input.mayorLogin, input.mayorPassword, `${input.mayorFirstName} ${input.mayorLastName}`],
  ] as const) {
    const weak = passwordProblem(password, [login, name, input.commune, input.councilName]);
    if (weak) return refuse(400, "weak-password", `${who === "clerk" ? "Greffe" : "Maire"} : ${weak.fr}`, `${who}: ${weak.en}`);
  }
  const councilId = slug(input.commune);
  const mayorId = `m-${randomUUID().slice(0, 8)}`;
  const today = new Date().toISOString().slice(0, 10);
  const mayorName = { civility: input.mayorCivility, firstName: input.mayorFirstName, lastName: input.mayorLastName.toUpperCase() };
  const [clerkHash, mayorHash] = await Promise.all([hashPassword(input.clerkPassword), hashPassword(input.mayorPassword)]);
  await db.$transaction(async (tx) => {
    await tx.council.create({
      data: {
        id: councilId,
        name: input.councilName,
        commune: input.commune,
        siren: input.siren.replace(/ /g, ""),
        siret: input.siret.replace(/ /g, ""),
        population: input.population,
        departement: input.departement,
        ruleSet: input.ruleSet,
      },
    });
    await tx.member.create({ data: { id: mayorId, councilId, ...mayorName, role: "maire", rank: 0, seat: 1, mandateStart: today } });
    await tx.user.create({
      data: { id: `u-${randomUUID().slice(0, 12)}`, councilId, login: input.clerkLogin, displayName: input.clerkName, role: "clerk", passwordHash: clerkHash },
    });
    await tx.user.create({
      data: {
        id: `u-${randomUUID().slice(0, 12)}`,
        councilId,
        login: input.mayorLogin,
        displayName: fullName(mayorName),
        role: "president",
        memberId: mayorId,
        passwordHash: mayorHash,
      },
    });
  });
  return done({ councilId, clerkLogin: input.clerkLogin, mayorLogin: input.mayorLogin });
}

/** Sets a new password on an account (from the command line, by someone with the server's files). */
export async function setPassword(db: Db, login: string, password: string): Promise<Result<null>> {
  const user = await db.user.findUnique({ where: { login }, include: { council: true } });
  if (!user) return refuse(404, "unknown-account", `Compte inconnu : ${login}`, `No account "${login}"`);
  const weak = passwordProblem(password, [login, user.displayName, user.council.commune]);
  if (weak) return refuse(400, "weak-password", weak.fr, weak.en);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), mustChangePassword: false } });
  // Whoever was signed in with the old password is signed out.
  await db.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  return done(null);
}
