// The clerk's sitting operations: convene a new sitting, optionally with the agenda of another
// (a second convocation carries over the items deferred for lack of quorum).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";

export const CreateSittingSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  place: z.string().min(1).max(200),
  convocationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  presidentMemberId: z.string().min(1).max(64).optional(),
  secretaryIds: z.array(z.string().min(1).max(64)).max(5).optional(),
  copyAgendaFrom: z.string().min(1).max(64).optional(),
  /** Re-convene after a failed quorum: only the deferred items, and no quorum needed (L2121-17). */
  secondConvocationOf: z.string().min(1).max(64).optional(),
  deferredItemIds: z.array(z.string().min(1).max(64)).max(200).optional(),
});
export type CreateSitting = z.infer<typeof CreateSittingSchema>;

export async function createSitting(db: Db, councilId: string, input: CreateSitting): Promise<{ sittingId: string; itemIds: string[] } | { error: string }> {
  const members = await db.member.findMany({ where: { councilId }, select: { id: true } });
  const ids = new Set(members.map((m) => m.id));
  for (const id of [input.presidentMemberId, ...(input.secretaryIds ?? [])]) if (id && !ids.has(id)) return { error: `unknown member ${id}` };
  const sourceId = input.secondConvocationOf ?? input.copyAgendaFrom;
  const source = sourceId ? await db.sitting.findUnique({ where: { id: sourceId }, include: { items: { orderBy: { order: "asc" } } } }) : null;
  if (sourceId && (!source || source.councilId !== councilId)) return { error: `unknown sitting ${sourceId}` };
  const sittingId = `s-${input.date}-${randomUUID().slice(0, 8)}`;
  const items = (source?.items ?? []).filter((it) => !input.deferredItemIds || input.deferredItemIds.includes(it.id));
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
  return { sittingId, itemIds };
}
