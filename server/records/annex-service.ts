// Annexes of an act (#14.8): the clerk deposits PDFs, images or office documents with an item; they
// are listed in its extract and published with it, and read by anyone once the act is published.
import { createHash, randomUUID } from "node:crypto";
import type { AnnexInfo, AnnexUpload } from "../../core/api/records-desk";
import { recordPaths } from "../../core/api/records";
import { annexTypeOf, MAX_ANNEX_BYTES, MAX_ANNEXES_PER_ITEM, sanitiseAnnexName } from "../../core/records/annexes";
import { publishedVersions } from "../../core/records/publication";
import { base64ToBytes } from "../../core/records/text-encoding";
import { done, refuse, type Result } from "../../core/refusal";
import type { Db } from "../db/client";
import { loadSitting } from "../store/sitting-store";

function info(a: { id: string; itemId: string; name: string; mediaType: string; size: number; sha256: string }, sittingId: string): AnnexInfo {
  return { id: a.id, name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256, href: recordPaths(sittingId).annex(a.itemId, a.id) };
}

/** Whether an item's extract is published: its annexes are then part of the published act. */
async function isPublished(db: Db, sittingId: string, itemId: string): Promise<boolean> {
  const { state } = await loadSitting(db, sittingId);
  return publishedVersions(state, "extract", itemId).length > 0;
}

export async function addAnnex(db: Db, councilId: string, itemId: string, input: AnnexUpload): Promise<Result<AnnexInfo>> {
  const item = await db.agendaItem.findUnique({ where: { id: itemId }, include: { sitting: true, _count: { select: { annexes: true } } } });
  if (!item) return refuse(404, "unknown-item", "Point inconnu.", `unknown item ${itemId}`);
  if (item.sitting.councilId !== councilId) return refuse(403, "wrong-sitting", "Ce point ne relève pas de votre conseil.", "the item is not in your council");
  const bytes = base64ToBytes(input.dataBase64);
  if (!bytes) return refuse(400, "bad-request", "Le fichier n'a pas pu être lu.", "dataBase64 is not base64");
  if (bytes.length > MAX_ANNEX_BYTES) return refuse(400, "too-large", "Un fichier annexe pèse au plus 10 Mo.", "an annex may weigh at most 10 MB");
  const name = sanitiseAnnexName(input.name);
  const mediaType = annexTypeOf(name, bytes);
  if (!mediaType)
    return refuse(
      400,
      "bad-request",
      "Seuls les PDF, les images PNG ou JPEG et les documents bureautiques (docx, xlsx, pptx, odt, ods, odp, doc, xls) sont acceptés.",
      "only PDF, PNG or JPEG images and office documents (docx, xlsx, pptx, odt, ods, odp, doc, xls) are accepted",
    );
  if (item._count.annexes >= MAX_ANNEXES_PER_ITEM)
    return refuse(409, "conflict", `Un point porte au plus ${MAX_ANNEXES_PER_ITEM} annexes.`, `an item holds at most ${MAX_ANNEXES_PER_ITEM} annexes`);
  // After publication an annex may still come: the published version stays as it was until a
  // rectified version is published with it (the desk shows that the two differ).
  const row = await db.annex.create({
    data: {
      id: `a-${randomUUID()}`,
      itemId,
      name,
      mediaType,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: Buffer.from(bytes),
    },
  });
  return done(info(row, item.sittingId));
}

export async function removeAnnex(db: Db, councilId: string, annexId: string): Promise<Result<null>> {
  const a = await db.annex.findUnique({
    where: { id: annexId },
    select: { id: true, itemId: true, item: { select: { sittingId: true, sitting: { select: { councilId: true } } } } },
  });
  if (!a) return refuse(404, "unknown-item", "Annexe inconnue.", `unknown annex ${annexId}`);
  if (a.item.sitting.councilId !== councilId)
    return refuse(403, "wrong-sitting", "Cette annexe ne relève pas de votre conseil.", "the annex is not in your council");
  if (await isPublished(db, a.item.sittingId, a.itemId))
    return refuse(409, "wrong-state", "L'annexe fait partie de l'acte publié : elle reste.", "the annex is part of the published act: it stays");
  await db.annex.delete({ where: { id: annexId } });
  return done(null);
}

/**
 * An annex's bytes for a reader: anyone once the act is published, the council's own staff and
 * members before (they prepare and examine the act, L2121-13).
 */
export async function readAnnex(
  db: Db,
  reader: { councilId: string | null } | null,
  sittingId: string,
  itemId: string,
  annexId: string,
): Promise<{ name: string; mediaType: string; bytes: Buffer } | null> {
  const a = await db.annex.findUnique({ where: { id: annexId }, include: { item: { include: { sitting: true } } } });
  if (!a || a.itemId !== itemId || a.item.sittingId !== sittingId) return null;
  const own = !!reader && reader.councilId === a.item.sitting.councilId;
  if (!own && !(await isPublished(db, sittingId, itemId))) return null;
  return { name: a.name, mediaType: a.mediaType, bytes: Buffer.from(a.bytes) };
}
