// The second convocation (L2121-17, QUORUM-12): after a sitting could not deliberate for want of
// quorum, the council is convened again at least three days later and deliberates without quorum on
// the items deferred for that reason (not those the chair deferred or withdrew).
import type { SecondConvocation } from "../../core/api/chair";
import { refuse, type Result } from "../../core/refusal";
import type { Identity } from "../auth/sessions";
import { createSitting } from "../clerk/sittings";
import type { Db } from "../db/client";
import { loadSitting } from "../store/sitting-store";

const DAY = 86_400_000;

export async function conveneSecondConvocation(
  db: Db,
  actor: Identity,
  sittingId: string,
  input: SecondConvocation,
): Promise<Result<{ sittingId: string; itemIds: string[] }>> {
  if (actor.role !== "president" && actor.role !== "clerk")
    return refuse(403, "forbidden", "Réservé à la présidence et au service des assemblées", "The president and the clerk only");
  const row = await db.sitting.findUnique({ where: { id: sittingId } });
  if (!row) return { ok: false, code: "unknown-sitting" };
  if (row.councilId !== actor.councilId) return { ok: false, code: "wrong-sitting" };
  const { state } = await loadSitting(db, sittingId);
  const deferred = Object.values(state.items).filter((it) => it.status === "deferred" && !it.setAside?.byChair);
  if (state.status !== "closed")
    return refuse(409, "wrong-state", "Levez d'abord la séance : la seconde convocation suit la séance close faute de quorum", "Close the sitting first");
  if (!deferred.length) return refuse(409, "wrong-state", "Aucun point n'a été reporté faute de quorum", "No item was deferred for want of quorum");
  if (Date.parse(input.date) - Date.parse(row.date) < 3 * DAY)
    return refuse(
      400,
      "bad-request",
      "La seconde convocation a lieu trois jours au moins après la première séance (CGCT L2121-17)",
      "At least three days after the first sitting (CGCT L2121-17)",
    );
  if (input.convocationDate > input.date || input.convocationDate < row.date)
    return refuse(400, "bad-request", "La convocation est adressée entre la première séance et la seconde", "The convocation is sent between the two sittings");
  return createSitting(db, row.councilId, {
    date: input.date,
    time: input.time,
    place: input.place ?? row.place,
    convocationDate: input.convocationDate,
    secondConvocationOf: sittingId,
    deferredItemIds: deferred.map((it) => it.id),
  });
}
