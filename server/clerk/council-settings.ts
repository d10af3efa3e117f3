// The council's rule set and sitting settings, as the clerk sets them. A live sitting reads them
// at each reload, so the rule set cannot change under a sitting in progress, and a dated rule set
// (the 2020 health-emergency rules) must cover every sitting still to be held.
import { checkRuleSetDate, getRuleSet, listRuleSets } from "../../core/rules";
import type { Db } from "../db/client";
import { CouncilSettingsSchema } from "../../core/vocabulary";
import type { CouncilSetup, UpdateSettings } from "../../core/api/clerk-council";
import { done, refuse, type ClerkResult } from "./clerk-result";
import { inTransaction } from "./agenda";

export async function getCouncilSetup(db: Db, councilId: string): Promise<CouncilSetup> {
  const c = await db.council.findUniqueOrThrow({ where: { id: councilId } });
  return {
    council: { id: c.id, name: c.name, commune: c.commune, siren: c.siren, departement: c.departement, population: c.population },
    ruleSet: c.ruleSet,
    settings: CouncilSettingsSchema.parse(JSON.parse(c.settings)),
    ruleSets: listRuleSets().map((rs) => ({ id: rs.id, label: rs.label, description: rs.description })),
  };
}

/** Saves the settings; answers the ids of the sittings whose live state must reload them. */
export async function updateCouncilSettings(db: Db, councilId: string, input: UpdateSettings): Promise<ClerkResult<{ sittingIds: string[] }>> {
  return inTransaction(db, async (tx) => {
    const c = await tx.council.findUniqueOrThrow({ where: { id: councilId } });
    const sittings = await tx.sitting.findMany({ where: { councilId, status: { not: "closed" } }, select: { id: true, date: true, status: true } });
    if (input.ruleSet !== undefined && input.ruleSet !== c.ruleSet) {
      const live = sittings.find((s) => s.status !== "convened");
      if (live)
        return refuse(
          409,
          "wrong-state",
          `La séance du ${live.date.split("-").reverse().join("/")} est en cours : le jeu de règles ne peut pas changer avant qu'elle soit levée.`,
          `The sitting of ${live.date} is in progress: the rule set cannot change until it is closed.`,
        );
      const rs = getRuleSet(input.ruleSet)!;
      for (const s of sittings) {
        const check = checkRuleSetDate(rs, s.date);
        if (!check.ok) return refuse(409, "wrong-state", check.reason.fr, check.reason.en);
      }
    }
    const { ruleSet, population, ...switches } = input;
    // Merged into the stored JSON as it is, so keys this screen does not know survive.
    const settings = { ...(JSON.parse(c.settings) as Record<string, unknown>), ...switches };
    await tx.council.update({
      where: { id: councilId },
      data: { settings: JSON.stringify(settings), ...(ruleSet !== undefined ? { ruleSet } : {}), ...(population !== undefined ? { population } : {}) },
    });
    return done({ sittingIds: sittings.map((s) => s.id) });
  });
}
