// The clerk's preparation of a sitting: its convocation details and its agenda (create, edit,
// remove, reorder items). Everything here is allowed only while the sitting is convened, i.e. before
// the president opens it, and never touches an item the log already mentions as called.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ACTES_NATURES } from "../../core/records/actes";
import { itemKindOf } from "../../core/vocabulary";
import {
  type ClerkItem,
  type ClerkSitting,
  type CreateItemSchema,
  type ItemFields,
  type UpdateItemSchema,
  type UpdateSitting,
} from "../../core/api/clerk-agenda";
import type { Db } from "../db/client";
import { done, refuse, type ClerkResult } from "./clerk-result";
import { convocationAfterSitting } from "./sittings";

/** Prisma's transaction client, whatever Db is. */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type DbOrTx = Db | Tx;

function strings(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
}
function numbers(json: string): number[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(Number).filter(Number.isFinite) : [];
}

type ItemRow = Awaited<ReturnType<Db["agendaItem"]["findUniqueOrThrow"]>>;

function toClerkItem(it: ItemRow, called: boolean): ClerkItem {
  return {
    id: it.id,
    order: it.order,
    called,
    identifier: it.identifier,
    title: it.title,
    kind: itemKindOf(it.kind),
    rapporteurs: strings(it.rapporteurs),
    commission: it.commission,
    service: it.service,
    expose: it.expose,
    synthesis: it.synthesis,
    proposals: strings(it.proposals),
    attachments: strings(it.attachments),
    observations: it.observations,
    actesCode: it.actesCode,
    actesLabel: it.actesLabel,
    actesNature: Object.keys(ACTES_NATURES).includes(it.actesNature) ? (it.actesNature as ItemFields["actesNature"]) : "DE",
    budgetArticle: it.budgetArticle,
    budgetName: it.budgetName,
    budgetYear: it.budgetYear,
    amounts: numbers(it.amounts),
  };
}

/** JSON columns as stored. */
function toColumns(fields: Partial<ItemFields>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return out;
}

/** Ids of the sitting's items that the log shows as called (the payload is canonical JSON). */
async function calledItemIds(db: DbOrTx, sittingId: string): Promise<Set<string>> {
  const rows = await db.sittingEvent.findMany({ where: { sittingId, type: "item:called" }, select: { payload: true } });
  const ids = new Set<string>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { itemId?: unknown };
    if (typeof p.itemId === "string") ids.add(p.itemId);
  }
  return ids;
}

export async function getClerkSitting(db: Db, councilId: string, sittingId: string): Promise<ClerkResult<ClerkSitting>> {
  const s = await db.sitting.findUnique({ where: { id: sittingId }, include: { items: { orderBy: { order: "asc" } } } });
  if (!s || s.councilId !== councilId) return refuse(404, "unknown-sitting", "Séance inconnue dans votre conseil", "No such sitting in your council");
  const called = await calledItemIds(db, sittingId);
  return done({
    id: s.id,
    date: s.date,
    time: s.time,
    place: s.place,
    convocationDate: s.convocationDate,
    presidentMemberId: s.presidentMemberId,
    secretaryIds: strings(s.secretaryIds),
    status: s.status,
    secondConvocation: s.secondConvocation,
    editable: s.status === "convened",
    items: s.items.map((it) => toClerkItem(it, called.has(it.id))),
  });
}

/**
 * The sitting, read inside the transaction that changes it: the status is checked there, so a
 * sitting opened a moment earlier (same database, serialised writes) is never edited.
 */
export async function editableSitting(tx: DbOrTx, councilId: string, sittingId: string): Promise<ClerkResult<{ id: string; date: string; lastSeq: number }>> {
  const s = await tx.sitting.findUnique({ where: { id: sittingId }, select: { id: true, councilId: true, status: true, date: true, lastSeq: true } });
  if (!s || s.councilId !== councilId) return refuse(404, "unknown-sitting", "Séance inconnue dans votre conseil", "No such sitting in your council");
  if (s.status !== "convened")
    return refuse(
      409,
      "wrong-state",
      "La séance est ouverte ou terminée : son ordre du jour ne peut plus être modifié.",
      "The sitting has been opened: its agenda can no longer change.",
    );
  return done(s);
}

async function checkMembers(tx: DbOrTx, councilId: string, ids: readonly string[]): Promise<ClerkResult<null>> {
  if (ids.length === 0) return done(null);
  const found = await tx.member.findMany({ where: { councilId, id: { in: [...ids] } }, select: { id: true } });
  const known = new Set(found.map((m) => m.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    return refuse(400, "unknown-member", `Élu inconnu dans ce conseil : ${unknown.join(", ")}`, `Unknown member in this council: ${unknown.join(", ")}`);
  return done(null);
}

/** Runs `fn` in a transaction, rolling it back when it answers a refusal. */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<ClerkResult<T>>): Promise<ClerkResult<T>> {
  class Abort extends Error {
    constructor(readonly refusal: Extract<ClerkResult<T>, { ok: false }>) {
      super("abort");
    }
  }
  try {
    return await db.$transaction(async (tx) => {
      const r = await fn(tx);
      if (!r.ok) throw new Abort(r);
      return r;
    });
  } catch (err) {
    if (err instanceof Abort) return err.refusal;
    throw err;
  }
}

export async function updateSitting(db: Db, councilId: string, sittingId: string, input: UpdateSitting): Promise<ClerkResult<null>> {
  return inTransaction(db, async (tx) => {
    const s = await editableSitting(tx, councilId, sittingId);
    if (!s.ok) return s;
    const current = await tx.sitting.findUniqueOrThrow({ where: { id: sittingId } });
    const members = await checkMembers(tx, councilId, [...(input.presidentMemberId ? [input.presidentMemberId] : []), ...(input.secretaryIds ?? [])]);
    if (!members.ok) return members;
    const date = input.date ?? current.date;
    const convocationDate = input.convocationDate ?? current.convocationDate;
    const late = convocationAfterSitting(convocationDate, date);
    if (late) return late;
    // The roll call may have begun before the opening: who is in office depends on the date, so it
    // cannot move under recorded attendance.
    if (input.date !== undefined && input.date !== current.date && s.value.lastSeq > 0)
      return refuse(
        409,
        "wrong-state",
        "L'appel a déjà commencé : la date de la séance ne peut plus changer.",
        "The roll call has begun: the sitting's date can no longer change.",
      );
    await tx.sitting.update({
      where: { id: sittingId },
      data: {
        ...(input.date !== undefined ? { date: input.date } : {}),
        ...(input.time !== undefined ? { time: input.time } : {}),
        ...(input.place !== undefined ? { place: input.place } : {}),
        ...(input.convocationDate !== undefined ? { convocationDate: input.convocationDate } : {}),
        ...(input.presidentMemberId !== undefined ? { presidentMemberId: input.presidentMemberId } : {}),
        ...(input.secretaryIds !== undefined ? { secretaryIds: JSON.stringify([...new Set(input.secretaryIds)]) } : {}),
      },
    });
    return done(null);
  });
}

async function identifierTaken(tx: DbOrTx, sittingId: string, identifier: string, exceptItemId: string | null): Promise<number | null> {
  const other = await tx.agendaItem.findFirst({ where: { sittingId, identifier, ...(exceptItemId ? { id: { not: exceptItemId } } : {}) } });
  return other ? other.order : null;
}

function identifierRefusal(identifier: string, order: number) {
  return refuse(
    409,
    "bad-request",
    `L'identifiant ${identifier} est déjà celui du point n° ${order} de cette séance.`,
    `Identifier ${identifier} is already item ${order} of this sitting.`,
  );
}

export async function nextOrder(tx: DbOrTx, sittingId: string): Promise<number> {
  const last = await tx.agendaItem.findFirst({ where: { sittingId }, orderBy: { order: "desc" }, select: { order: true } });
  return (last?.order ?? 0) + 1;
}

export function newItemId(): string {
  return `i-${randomUUID().slice(0, 12)}`;
}

export async function createItem(
  db: Db,
  councilId: string,
  sittingId: string,
  input: z.infer<typeof CreateItemSchema>,
): Promise<ClerkResult<{ itemId: string; order: number }>> {
  return inTransaction(db, async (tx) => {
    const s = await editableSitting(tx, councilId, sittingId);
    if (!s.ok) return s;
    const taken = await identifierTaken(tx, sittingId, input.identifier, null);
    if (taken !== null) return identifierRefusal(input.identifier, taken);
    const id = newItemId();
    const order = await nextOrder(tx, sittingId);
    await tx.agendaItem.create({ data: { ...toColumns(input), identifier: input.identifier, title: input.title, id, sittingId, order } });
    return done({ itemId: id, order });
  });
}

/** The item, if it belongs to an editable sitting of this council and has not been called. */
async function editableItem(tx: DbOrTx, councilId: string, itemId: string): Promise<ClerkResult<ItemRow>> {
  const item = await tx.agendaItem.findUnique({ where: { id: itemId } });
  if (!item) return refuse(404, "unknown-item", "Point inconnu", "Unknown item");
  const s = await editableSitting(tx, councilId, item.sittingId);
  if (!s.ok) return s.status === 404 ? refuse(404, "unknown-item", "Point inconnu", "Unknown item") : s;
  if ((await calledItemIds(tx, item.sittingId)).has(itemId))
    return refuse(409, "wrong-state", "Ce point a déjà été appelé : il ne peut plus être modifié.", "This item has been called: it can no longer change.");
  return done(item);
}

export async function updateItem(
  db: Db,
  councilId: string,
  itemId: string,
  input: z.infer<typeof UpdateItemSchema>,
): Promise<ClerkResult<{ sittingId: string }>> {
  return inTransaction(db, async (tx) => {
    const item = await editableItem(tx, councilId, itemId);
    if (!item.ok) return item;
    if (input.identifier !== undefined) {
      const taken = await identifierTaken(tx, item.value.sittingId, input.identifier, itemId);
      if (taken !== null) return identifierRefusal(input.identifier, taken);
    }
    await tx.agendaItem.update({ where: { id: itemId }, data: toColumns(input) });
    return done({ sittingId: item.value.sittingId });
  });
}

/**
 * Removes an item from a convened sitting's agenda. Refused once anything in the log names it
 * (an interest declared, a ballot-mode request before the opening): the log must stay readable.
 */
export async function deleteItem(db: Db, councilId: string, itemId: string): Promise<ClerkResult<{ sittingId: string }>> {
  return inTransaction(db, async (tx) => {
    const item = await editableItem(tx, councilId, itemId);
    if (!item.ok) return item;
    const mentioned = await tx.sittingEvent.count({ where: { sittingId: item.value.sittingId, payload: { contains: `"${itemId}"` } } });
    if (mentioned > 0)
      return refuse(
        409,
        "wrong-state",
        "Le registre de la séance mentionne déjà ce point : il ne peut plus être retiré.",
        "The sitting's log already mentions this item: it can no longer be removed.",
      );
    // A draft's annexes leave with it (nothing was published: the item was never called).
    await tx.annex.deleteMany({ where: { itemId } });
    await tx.agendaItem.delete({ where: { id: itemId } });
    return done({ sittingId: item.value.sittingId });
  });
}

/**
 * Puts the items in the given sequence. The agenda keeps its numbers (7, 8, 9… stay 7, 8, 9…) and
 * they are handed out again in the new sequence, so a partial agenda keeps the council's numbering.
 * (sittingId, order) is unique, so the items first move to free negative numbers, then to their own.
 */
export async function reorderItems(
  db: Db,
  councilId: string,
  sittingId: string,
  itemIds: readonly string[],
): Promise<ClerkResult<{ orders: Record<string, number> }>> {
  return inTransaction(db, async (tx) => {
    const s = await editableSitting(tx, councilId, sittingId);
    if (!s.ok) return s;
    const items = await tx.agendaItem.findMany({ where: { sittingId }, orderBy: { order: "asc" }, select: { id: true, order: true } });
    const given = new Set(itemIds);
    if (given.size !== itemIds.length || items.length !== itemIds.length || items.some((it) => !given.has(it.id)))
      return refuse(
        400,
        "bad-request",
        "La liste doit contenir chaque point de la séance une fois et une seule.",
        "itemIds must list every item of the sitting exactly once.",
      );
    const called = await calledItemIds(tx, sittingId);
    const numbers = items.map((it) => it.order);
    const orders: Record<string, number> = {};
    itemIds.forEach((id, i) => (orders[id] = numbers[i]!));
    const moved = items.filter((it) => orders[it.id] !== it.order);
    if (moved.some((it) => called.has(it.id)))
      return refuse(409, "wrong-state", "Un point déjà appelé ne peut plus changer de place.", "An item that has been called cannot move.");
    for (const [i, it] of moved.entries()) await tx.agendaItem.update({ where: { id: it.id }, data: { order: -1 - i } });
    for (const it of moved) await tx.agendaItem.update({ where: { id: it.id }, data: { order: orders[it.id]! } });
    return done({ orders });
  });
}
