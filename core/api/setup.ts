// What `npm run setup` asks for a real council: the council itself (name, commune, SIREN/SIRET,
// population, département, rule set) and its first two accounts, the clerk and the mayor, with
// passwords the person types. The same schema checks flags, environment and the interactive answers.
import { z } from "zod";
import { isValidSiren, isValidSiret, normaliseDepartement } from "../records/actes";
import { getRuleSet, listRuleSets } from "../rules";
import { CivilitySchema } from "../vocabulary";
import { LoginSchema } from "./clerk-council";

const departement = z.string().refine((d) => {
  try {
    normaliseDepartement(d);
    return true;
  } catch {
    return false;
  }
}, "a département: 01–95, 2A, 2B or 971–978");

export const CouncilSetupSchema = z
  .strictObject({
    councilName: z.string().trim().min(2).max(200),
    commune: z.string().trim().min(1).max(120),
    siren: z.string().trim().refine(isValidSiren, "a SIREN: 9 digits with a valid checksum"),
    siret: z.string().trim().refine(isValidSiret, "a SIRET: 14 digits with a valid checksum"),
    population: z.coerce.number().int().min(1).max(10_000_000),
    departement,
    ruleSet: z
      .string()
      .default("fr-cgct")
      .refine(
        (id) => getRuleSet(id) !== undefined,
        `one of ${listRuleSets()
          .map((r) => r.id)
          .join(", ")}`,
      ),
    clerkLogin: LoginSchema,
    clerkName: z.string().trim().min(1).max(120).default("Service des assemblées"),
    clerkPassword: z.string().min(1).max(200),
    mayorCivility: CivilitySchema,
    mayorFirstName: z.string().trim().min(1).max(80),
    mayorLastName: z.string().trim().min(1).max(80),
    mayorLogin: LoginSchema,
    mayorPassword: z.string().min(1).max(200),
  })
  .refine((v) => v.siret.replace(/ /g, "").startsWith(v.siren.replace(/ /g, "")), { message: "the SIRET must start with the SIREN", path: ["siret"] })
  .refine((v) => v.clerkLogin !== v.mayorLogin, { message: "the clerk and the mayor need two different logins", path: ["mayorLogin"] });
export type CouncilSetupInput = z.input<typeof CouncilSetupSchema>;
export type CouncilSetup = z.infer<typeof CouncilSetupSchema>;
