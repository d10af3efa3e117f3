// Who may open a sitting's minutes, and as what. Writers: the clerk, the president and the
// sitting's secretaries, while the minutes are a draft. Readers: the council's other members, and
// everyone once a version is approved (it is frozen). The public: only once published, read only.
import type { MinutesAccess } from "../../core/api/public";
import type { Actor } from "../../core/sitting/state";
import type { Db } from "../db/client";

export async function minutesAccess(db: Db, actor: Actor | null, sittingId: string): Promise<MinutesAccess> {
  const sitting = await db.sitting.findUnique({
    where: { id: sittingId },
    select: { councilId: true, secretaryIds: true, minutesPublishedAt: true, minutesApprovedAt: true },
  });
  if (!sitting) return "none";
  const published = sitting.minutesPublishedAt !== null;
  if (!actor || actor.councilId !== sitting.councilId) return published ? "read" : "none";
  // An approved version is frozen for everyone; a correction reopens it (a new, logged version).
  if (sitting.minutesApprovedAt !== null) return "read";
  const secretaries = JSON.parse(sitting.secretaryIds) as string[];
  if (actor.role === "clerk" || actor.role === "president" || actor.role === "secretary") return "write";
  if (actor.memberId && secretaries.includes(actor.memberId)) return "write";
  return "read";
}
