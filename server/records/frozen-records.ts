// Published records are served as they were published (#14.5): the stored HTML and PDF of the
// version asked for (the latest by default), checked against the hashes the sitting's log holds.
import { createHash, randomUUID } from "node:crypto";
import type { PublishedRecord } from "@prisma/client";
import { decideRecordPublication, publishedVersions, type PublishedVersion, type RecordKind, type VersionNote } from "../../core/records/publication";
import { done, refuse, type Result } from "../../core/refusal";
import type { Actor, SittingState } from "../../core/sitting/state";
import { councilDate } from "../../core/time";
import type { Db } from "../db/client";
import type { RoomRegistry } from "../realtime/sitting-room";
import type { PdfRenderer } from "./pdf-renderer";

export interface PublishDeps {
  db: Db;
  rooms: RoomRegistry;
  pdf: PdfRenderer;
}

export interface RecordTarget {
  sittingId: string;
  record: RecordKind;
  itemId: string | null;
}

export interface PublishedRecordInfo {
  record: RecordKind;
  itemId: string | null;
  version: number;
  publishedOn: string;
  htmlSha256: string;
  pdfSha256: string;
}

export interface Rendered {
  html: string;
  /** The PDF's page footer (the act's identifier; the page number is added). */
  footer: string;
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A stored record that no longer matches its hash in the log is not served. */
export class AlteredRecordError extends Error {
  override name = "AlteredRecordError";
}

/**
 * The published version a reader gets: the one asked for, or the latest; null before the record is
 * published (or when that version does not exist).
 */
export async function readPublished(
  db: Db,
  state: SittingState,
  target: RecordTarget,
  version?: number,
): Promise<{ row: PublishedRecord; version: PublishedVersion; latest: number } | null> {
  const versions = publishedVersions(state, target.record, target.itemId);
  const v = version ? versions.find((x) => x.version === version) : versions[versions.length - 1];
  if (!v) return null;
  const row = await db.publishedRecord.findUnique({
    where: { sittingId_record_itemId_version: { sittingId: target.sittingId, record: target.record, itemId: target.itemId ?? "", version: v.version } },
  });
  if (!row || sha256(row.html) !== v.htmlSha256 || sha256(row.pdf) !== v.pdfSha256)
    throw new AlteredRecordError(`${target.record} ${target.itemId ?? ""} version ${v.version} of ${target.sittingId} does not match its hash in the log`);
  return { row, version: v, latest: versions.length };
}

/**
 * Publishes a record: renders it (HTML, then the PDF through Chromium), stores both, then writes
 * their hashes in the sitting's log; the stored copy counts only once its event is in the log. The
 * rules (sitting closed, item decided, next version, a reason for a rectification) are checked
 * before anything is rendered.
 */
export async function freezeRecord(
  deps: PublishDeps,
  actor: Actor,
  target: RecordTarget,
  input: { publishedOn: string; reason: string | null; now: Date },
  hrefOf: (version: number) => string,
  render: (note: VersionNote) => Promise<Rendered>,
): Promise<Result<PublishedRecordInfo>> {
  const room = await deps.rooms.get(target.sittingId);
  const today = councilDate(input.now.toISOString(), room.state.settings.timeZone) ?? "";
  if (input.publishedOn > today)
    return refuse(
      400,
      "bad-request",
      `Une publication ne peut pas être datée d'un jour à venir (${input.publishedOn}).`,
      `a publication cannot be dated in the future (${input.publishedOn})`,
    );
  const versions = publishedVersions(room.state, target.record, target.itemId);
  const version = versions.length + 1;
  const base = { type: "record:publish" as const, record: target.record, itemId: target.itemId, version, publishedOn: input.publishedOn, reason: input.reason };
  const dry = decideRecordPublication(room.state, { ...base, htmlSha256: "0".repeat(64), pdfSha256: "0".repeat(64) }, input.now.toISOString());
  if (!dry.ok) return { ok: false, code: dry.error.code, ...(dry.error.detail ? { detail: dry.error.detail } : {}) };
  const note: VersionNote = {
    version,
    publishedOn: input.publishedOn,
    reason: version > 1 ? input.reason : null,
    previous: versions.map((v) => ({ version: v.version, publishedOn: v.publishedOn, href: hrefOf(v.version) })),
  };
  const { html, footer } = await render(note);
  const pdf = await deps.pdf.renderPdf(html, undefined, { footer });
  const hashes = { htmlSha256: sha256(html), pdfSha256: sha256(pdf) };
  const key = { sittingId: target.sittingId, record: target.record, itemId: target.itemId ?? "", version };
  await deps.db.publishedRecord.upsert({
    where: { sittingId_record_itemId_version: key },
    create: { ...key, html, pdf: Buffer.from(pdf), ...hashes, publishedOn: input.publishedOn },
    update: { html, pdf: Buffer.from(pdf), ...hashes, publishedOn: input.publishedOn },
  });
  const reply = await room.handle(actor, { sittingId: target.sittingId, commandId: `srv-${randomUUID()}`, command: { ...base, ...hashes } });
  if (!reply.ok) return { ok: false, code: reply.error.code, ...(reply.error.detail ? { detail: reply.error.detail } : {}) };
  return done({ record: target.record, itemId: target.itemId, version, publishedOn: input.publishedOn, ...hashes });
}
