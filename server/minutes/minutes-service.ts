// The minutes after the sitting: approval at a later sitting (L2121-15) freezes a version — the
// document's snapshot is stored and its hash written in the sitting's event log — and makes the
// minutes read-only for everyone; a correction reopens them and the next approval is a new, logged
// version; publication opens the latest approved version to the public. Exports read that version.
import { createHash, randomUUID } from "node:crypto";
import * as Y from "yjs";
import { docs } from "@y/websocket-server/utils";
import { minutesDocName } from "../../core/minutes/document";
import { done, refuse, type Result } from "../../core/refusal";
import type { MinutesVersionInfo } from "../../core/api/records";
import type { Actor } from "../../core/sitting/state";
import type { Db } from "../db/client";
import type { RoomRegistry } from "../realtime/sitting-room";
import { readStoredDoc } from "../yjs/persistence";

export interface MinutesDeps {
  db: Db;
  rooms: RoomRegistry;
  /** Told when a document's access changes (its open connections reconnect as readers or writers). */
  onAccessChanged: (docName: string) => void;
}

/** The live document when someone has it open, else the stored one. */
export async function currentMinutesDoc(db: Db, sittingId: string): Promise<Y.Doc> {
  return docs.get(minutesDocName(sittingId)) ?? (await readStoredDoc(db, minutesDocName(sittingId)));
}

/** A stored version as a document. */
export async function minutesVersionDoc(db: Db, sittingId: string, version: number): Promise<Y.Doc | null> {
  const row = await db.minutesVersion.findUnique({ where: { sittingId_version: { sittingId, version } } });
  if (!row) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(row.snapshot));
  return doc;
}

async function sendToRoom(
  deps: MinutesDeps,
  actor: Actor,
  sittingId: string,
  command: Parameters<Awaited<ReturnType<RoomRegistry["get"]>>["handle"]>[1]["command"],
) {
  const room = await deps.rooms.get(sittingId);
  return room.handle(actor, { sittingId, commandId: `srv-${randomUUID()}`, command });
}

export async function approveMinutes(deps: MinutesDeps, actor: Actor, sittingId: string, atSittingId: string): Promise<Result<MinutesVersionInfo>> {
  const { db } = deps;
  const [s, at] = await Promise.all([db.sitting.findUnique({ where: { id: sittingId } }), db.sitting.findUnique({ where: { id: atSittingId } })]);
  if (!s || s.councilId !== actor.councilId || !at || at.councilId !== actor.councilId) return { ok: false, code: "unknown-sitting", status: 400 };
  if (s.status !== "closed") return refuse(400, "wrong-state", "La séance n'est pas encore levée.", "the sitting is not closed yet");
  if (at.date <= s.date)
    return refuse(400, "wrong-state", "Le procès-verbal s'approuve lors d'une séance ultérieure.", "minutes are approved at a later sitting");
  const room = await deps.rooms.get(sittingId);
  const version = room.state.minutes.versions.length + 1;
  const snapshot = Y.encodeStateAsUpdate(await currentMinutesDoc(db, sittingId));
  const hash = createHash("sha256").update(snapshot).digest("hex");
  // The snapshot is stored first; it counts as approved only once its event is in the log.
  await db.minutesVersion.upsert({
    where: { sittingId_version: { sittingId, version } },
    create: { sittingId, version, snapshot: Buffer.from(snapshot), hash },
    update: { snapshot: Buffer.from(snapshot), hash },
  });
  const reply = await sendToRoom(deps, actor, sittingId, { type: "minutes:approve", version, hash, atSittingId });
  if (!reply.ok) return { ok: false, code: reply.error.code, status: 400, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  await db.sitting.update({ where: { id: sittingId }, data: { minutesApprovedAt: at.date, minutesApprovedBy: at.id } });
  deps.onAccessChanged(minutesDocName(sittingId));
  return done({ version, hash, approvedAt: at.date, atSittingId });
}

export async function reopenMinutes(deps: MinutesDeps, actor: Actor, sittingId: string, reason: string): Promise<Result<null>> {
  const reply = await sendToRoom(deps, actor, sittingId, { type: "minutes:reopen", reason });
  if (!reply.ok) return { ok: false, code: reply.error.code, status: 400, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  await deps.db.sitting.update({ where: { id: sittingId }, data: { minutesApprovedAt: null, minutesApprovedBy: null } });
  deps.onAccessChanged(minutesDocName(sittingId));
  return done(null);
}

export async function publishMinutes(deps: MinutesDeps, actor: Actor, sittingId: string, now: Date): Promise<Result<null>> {
  const reply = await sendToRoom(deps, actor, sittingId, { type: "minutes:publish" });
  if (!reply.ok) return { ok: false, code: reply.error.code, status: 400, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  await deps.db.sitting.update({ where: { id: sittingId }, data: { minutesPublishedAt: now } });
  deps.onAccessChanged(minutesDocName(sittingId));
  return done(null);
}
