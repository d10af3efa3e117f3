// The minutes after the sitting: approval at a later sitting (L2121-15) freezes a version — the
// document's snapshot is stored and its hash written in the sitting's event log — and makes the
// minutes read-only for everyone; a correction reopens them and the next approval is a new, logged
// version; publication opens the latest approved version to the public and freezes the rendered
// procès-verbal (HTML and PDF, hashes in the log: #14.5). Exports read that version.
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
import { recordPaths } from "../../core/api/records";
import { publishedVersions } from "../../core/records/publication";
import { councilDate } from "../../core/time";
import { freezeRecord } from "../records/frozen-records";
import type { PdfRenderer } from "../records/pdf-renderer";
import { renderProcesVerbal } from "./pv";

export interface MinutesDeps {
  db: Db;
  rooms: RoomRegistry;
  /** Renders the procès-verbal frozen at publication. */
  pdf: PdfRenderer;
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

/**
 * Approval is an item voted at a later sitting that was held (L2121-15): never "at" a sitting only
 * convened. When the clerk names the item, it must be one of that sitting's adopted items.
 */
export async function approveMinutes(
  deps: MinutesDeps,
  actor: Actor,
  sittingId: string,
  at: { atSittingId: string; atItemId?: string | undefined },
): Promise<Result<MinutesVersionInfo>> {
  const { db } = deps;
  const atSittingId = at.atSittingId;
  const [s, later] = await Promise.all([db.sitting.findUnique({ where: { id: sittingId } }), db.sitting.findUnique({ where: { id: atSittingId } })]);
  if (!s || s.councilId !== actor.councilId || !later || later.councilId !== actor.councilId) return { ok: false, code: "unknown-sitting", status: 400 };
  if (s.status !== "closed") return refuse(400, "wrong-state", "La séance n'est pas encore levée.", "the sitting is not closed yet");
  if (later.date <= s.date)
    return refuse(400, "wrong-state", "Le procès-verbal s'approuve lors d'une séance ultérieure.", "minutes are approved at a later sitting");
  if (later.status === "convened")
    return refuse(
      400,
      "wrong-state",
      "Le procès-verbal s'approuve lors d'une séance tenue : la séance choisie n'a pas encore été ouverte.",
      "minutes are approved at a sitting that was held: the chosen sitting has not been opened",
    );
  if (at.atItemId) {
    const item = (await deps.rooms.get(atSittingId)).state.items[at.atItemId];
    if (item?.status !== "decided" || item.result?.outcome !== "adopted")
      return refuse(400, "wrong-state", "Le point désigné n'a pas été adopté lors de cette séance.", "the item named was not adopted at that sitting");
  }
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
  await db.sitting.update({
    where: { id: sittingId },
    data: { minutesApprovedAt: later.date, minutesApprovedBy: later.id, minutesApprovalItemId: at.atItemId ?? null },
  });
  deps.onAccessChanged(minutesDocName(sittingId));
  return done({ version, hash, approvedAt: later.date, atSittingId });
}

export async function reopenMinutes(deps: MinutesDeps, actor: Actor, sittingId: string, reason: string): Promise<Result<null>> {
  const reply = await sendToRoom(deps, actor, sittingId, { type: "minutes:reopen", reason });
  if (!reply.ok) return { ok: false, code: reply.error.code, status: 400, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  await deps.db.sitting.update({ where: { id: sittingId }, data: { minutesApprovedAt: null, minutesApprovedBy: null, minutesApprovalItemId: null } });
  deps.onAccessChanged(minutesDocName(sittingId));
  return done(null);
}

/**
 * Publishes the latest approved version, then freezes its rendered procès-verbal: the public reads
 * that copy from then on, whatever later happens to the roster. Publishing again the same version
 * changes nothing; a new approved version is a new, logged version of the published record.
 */
export async function publishMinutes(deps: MinutesDeps, actor: Actor, sittingId: string, now: Date, origin: string): Promise<Result<null>> {
  const reply = await sendToRoom(deps, actor, sittingId, { type: "minutes:publish" });
  if (!reply.ok) return { ok: false, code: reply.error.code, status: 400, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  await deps.db.sitting.update({ where: { id: sittingId }, data: { minutesPublishedAt: now } });
  deps.onAccessChanged(minutesDocName(sittingId));
  const room = await deps.rooms.get(sittingId);
  const m = room.state.minutes;
  const frozen = publishedVersions(room.state, "minutes", null);
  // This approved version was already published (and frozen then): nothing to do again.
  if (reply.data.unchanged === true && frozen.length) return done(null);
  const latest = m.versions[m.versions.length - 1];
  const doc = latest ? await minutesVersionDoc(deps.db, sittingId, latest.version) : null;
  if (!latest || !doc) return refuse(409, "wrong-state", "Version approuvée introuvable.", "approved version not found");
  const paths = recordPaths(sittingId);
  const publishedOn = councilDate(now.toISOString(), room.state.settings.timeZone) ?? now.toISOString().slice(0, 10);
  const out = await freezeRecord(
    deps,
    actor,
    { sittingId, record: "minutes", itemId: null },
    { publishedOn, reason: frozen.length ? `nouvelle version approuvée (version ${latest.version})` : null, now },
    (v) => `${origin}${paths.minutes()}?version=${v}`,
    async (note) => renderProcesVerbal(deps.db, room, doc, latest, { origin, note }),
  );
  return out.ok ? done(null) : out;
}
