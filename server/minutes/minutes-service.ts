// Minutes operations outside the live editor: read the current document, approve the minutes at a
// later sitting (L2121-15), publish them (then the public may read them).
import type * as Y from "yjs";
import { docs } from "@y/websocket-server/utils";
import type { Db } from "../db/client";
import { readStoredDoc } from "../yjs/persistence";
import { minutesDocName } from "../yjs/minutes-facts";

/** The live document when someone has it open, else the stored one. */
export async function currentMinutesDoc(db: Db, sittingId: string): Promise<Y.Doc> {
  return docs.get(minutesDocName(sittingId)) ?? (await readStoredDoc(db, minutesDocName(sittingId)));
}

export async function approveMinutes(db: Db, councilId: string, sittingId: string, atSittingId: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [s, at] = await Promise.all([db.sitting.findUnique({ where: { id: sittingId } }), db.sitting.findUnique({ where: { id: atSittingId } })]);
  if (!s || s.councilId !== councilId || !at || at.councilId !== councilId) return { ok: false, reason: "unknown sitting" };
  if (s.status !== "closed") return { ok: false, reason: "the sitting is not closed yet" };
  if (at.date <= s.date) return { ok: false, reason: "minutes are approved at a later sitting" };
  await db.sitting.update({ where: { id: sittingId }, data: { minutesApprovedAt: at.date, minutesApprovedBy: at.id } });
  return { ok: true };
}

export async function publishMinutes(db: Db, councilId: string, sittingId: string, now: Date): Promise<{ ok: true } | { ok: false; reason: string }> {
  const s = await db.sitting.findUnique({ where: { id: sittingId } });
  if (!s || s.councilId !== councilId) return { ok: false, reason: "unknown sitting" };
  if (!s.minutesApprovedAt) return { ok: false, reason: "approve the minutes first" };
  await db.sitting.update({ where: { id: sittingId }, data: { minutesPublishedAt: now } });
  return { ok: true };
}
