// The clerk's sitting operations: convene a new sitting, optionally with the agenda of another
// (a second convocation carries over the items deferred for lack of quorum).
import { randomUUID } from "node:crypto";
import type { CreateSitting } from "../../core/api/clerk-agenda";
import { done, refuse, type Refusal, type Result } from "../../core/refusal";
import type { Db } from "../db/client";
import { loadSitting } from "../store/sitting-store";

/** A convocation dated after its sitting's day (a new sitting or an edited one): refused in words. */
export function convocationAfterSitting(convocationDate: string, date: string): Refusal | null {
  return convocationDate > date
    ? refuse(400, "bad-request", "La convocation ne peut pas être postérieure à la séance.", "The convocation cannot be dated after the sitting.")
    : null;
}

export async function createSitting(db: Db, councilId: string, input: CreateSitting): Promise<Result<{ sittingId: string; itemIds: string[] }>> {
  const late = convocationAfterSitting(input.convocationDate, input.date);
  if (late) return late;
  const members = await db.member.findMany({ where: { councilId }, select: { id: true } });
  const ids = new Set(members.map((m) => m.id));
  for (const id of [input.presidentMemberId, ...(input.secretaryIds ?? [])])
    if (id && !ids.has(id)) return refuse(400, "bad-request", `Élu inconnu : ${id}`, `unknown member ${id}`);
  const sourceId = input.secondConvocationOf ?? input.copyAgendaFrom;
  const source = sourceId ? await db.sitting.findUnique({ where: { id: sourceId }, include: { items: { orderBy: { order: "asc" } } } }) : null;
  if (sourceId && (!source || source.councilId !== councilId))
    return refuse(400, "bad-request", `Séance inconnue : ${sourceId}`, `unknown sitting ${sourceId}`);
  const sittingId = `s-${input.date}-${randomUUID().slice(0, 8)}`;
  // A second convocation carries over the items deferred for want of quorum, unless told which.
  const deferred =
    input.secondConvocationOf && !input.deferredItemIds
      ? Object.values((await loadSitting(db, input.secondConvocationOf)).state.items)
          // Only the items deferred for want of quorum: the chair's own deferrals are not carried over (QUORUM-12).
          .filter((it) => it.status === "deferred" && !it.setAside?.byChair)
          .map((it) => it.id)
      : input.deferredItemIds;
  const items = (source?.items ?? []).filter((it) => !deferred || deferred.includes(it.id));
  const itemIds: string[] = [];
  await db.$transaction(async (tx) => {
    await tx.sitting.create({
      data: {
        id: sittingId,
        councilId,
        date: input.date,
        time: input.time,
        place: input.place,
        convocationDate: input.convocationDate,
        presidentMemberId: input.presidentMemberId ?? source?.presidentMemberId ?? null,
        secretaryIds: JSON.stringify(input.secretaryIds ?? (source ? (JSON.parse(source.secretaryIds) as string[]) : [])),
        secondConvocation: !!input.secondConvocationOf,
        previousSittingId: input.secondConvocationOf ?? null,
      },
    });
    for (const it of items) {
      const { id: _old, sittingId: _s, createdAt: _c, ...rest } = it;
      const id = `i-${randomUUID().slice(0, 12)}`;
      itemIds.push(id);
      await tx.agendaItem.create({ data: { ...rest, id, sittingId, postedOn: null, publishedOn: null, prefectureReceivedOn: null, teletransmissionId: null } });
    }
  });
  return done({ sittingId, itemIds });
}
