// The clerk's publication of the acts: the dates an act was posted, published and received by the
// préfecture (and its ACTES id), and the publication that freezes an extract or the list (#14.5).
import type { Publication, PublicationDates } from "../../core/api/records";
import { recordPaths } from "../../core/api/records";
import { publicationProblems } from "../../core/records/publication-rules";
import { councilDate } from "../../core/time";
import { renderDeliberationListHtml, renderExtractHtml } from "../../core/records/extract";
import { done, refuse, type Result } from "../../core/refusal";
import type { Actor } from "../../core/sitting/state";
import type { Db } from "../db/client";
import { loadSitting } from "../store/sitting-store";
import type { PublishedVersion, VersionNote } from "../../core/records/publication";
import { freezeRecord, type PublishDeps, type PublishedRecordInfo, type Rendered } from "./frozen-records";
import { loadRecordContext, type RecordContext } from "./record-context";
import { deliberationListFromContext, extractFromContext } from "./records-service";

async function ownItem(db: Db, councilId: string, itemId: string) {
  const row = await db.agendaItem.findUnique({ where: { id: itemId }, include: { sitting: { include: { council: true } } } });
  if (!row) return refuse(404, "unknown-item", "Point inconnu.", `unknown item ${itemId}`);
  if (row.sitting.councilId !== councilId) return refuse(403, "wrong-sitting", "Ce point ne relève pas de votre conseil.", "the item is not in your council");
  return done(row);
}

/** The clerk records when an act was posted, published and received by the préfecture (and its ACTES id). */
export async function updatePublication(db: Db, councilId: string, itemId: string, input: Publication, now: Date): Promise<Result<PublicationDates>> {
  const owned = await ownItem(db, councilId, itemId);
  if (!owned.ok) return owned;
  const row = owned.value;
  const council = row.sitting.council;
  const { state } = await loadSitting(db, row.sittingId);
  if (state.items[itemId]?.status !== "decided")
    return refuse(
      409,
      "wrong-state",
      "Le point n'a pas été décidé : il n'y a pas d'acte à publier.",
      "the item has not been decided: there is no act to publish",
    );
  const today = councilDate(now.toISOString(), state.settings.timeZone) ?? undefined;
  const [problem] = publicationProblems(input, {
    sittingDate: row.sitting.date,
    siren: council.siren,
    departement: council.departement,
    ...(today ? { today } : {}),
  });
  if (problem) return refuse(400, "bad-request", problem.fr, `${problem.field}: ${problem.en}`);
  const updated = await db.agendaItem.update({
    where: { id: itemId },
    data: {
      ...(input.postedOn !== undefined ? { postedOn: input.postedOn } : {}),
      ...(input.publishedOn !== undefined ? { publishedOn: input.publishedOn } : {}),
      ...(input.prefectureReceivedOn !== undefined ? { prefectureReceivedOn: input.prefectureReceivedOn } : {}),
      ...(input.teletransmissionId !== undefined ? { teletransmissionId: input.teletransmissionId } : {}),
    },
  });
  return done({
    id: updated.id,
    postedOn: updated.postedOn,
    publishedOn: updated.publishedOn,
    prefectureReceivedOn: updated.prefectureReceivedOn,
    teletransmissionId: updated.teletransmissionId,
  });
}

/** An extract as published: the act's first publication date and its version note (null: a working copy). */
export function renderExtractRecord(ctx: RecordContext, itemId: string, origin: string, note: VersionNote | null, publishedOn?: string): Rendered | null {
  const row = ctx.sitting.items.find((it) => it.id === itemId);
  if (row && publishedOn) row.publishedOn = publishedOn;
  const model = extractFromContext(ctx, itemId, origin);
  return model ? { html: renderExtractHtml({ ...model, version: note }), footer: model.footer } : null;
}

/** The list of deliberations as published on `onlineOn` (null: a working copy). */
export function renderListRecord(ctx: RecordContext, origin: string, note: VersionNote | null, onlineOn: string | null): Rendered {
  const model = deliberationListFromContext(ctx, onlineOn, origin);
  return { html: renderDeliberationListHtml({ ...model, version: note }), footer: model.footer };
}

/** The note a published version carries, rebuilt as it was frozen (the desk compares the two). */
export function noteOf(versions: readonly PublishedVersion[], upTo: number, hrefOf: (v: number) => string): VersionNote | null {
  const v = versions[upTo - 1];
  if (!v) return null;
  return {
    version: v.version,
    publishedOn: v.publishedOn,
    reason: v.reason,
    previous: versions.slice(0, upTo - 1).map((p) => ({ version: p.version, publishedOn: p.publishedOn, href: hrefOf(p.version) })),
  };
}

export interface PublishInput {
  publishedOn: string;
  reason: string | null;
}

/**
 * Publishes an act's extract: it is put online on `publishedOn` (the act's electronic publication,
 * recorded on the item when it is the first), rendered with the annexes deposited, and frozen.
 */
export async function publishExtract(
  deps: PublishDeps,
  actor: Actor,
  itemId: string,
  input: PublishInput,
  origin: string,
  now: Date,
): Promise<Result<PublishedRecordInfo>> {
  const owned = await ownItem(deps.db, actor.councilId ?? "", itemId);
  if (!owned.ok) return owned;
  const sittingId = owned.value.sittingId;
  const paths = recordPaths(sittingId);
  // The act's publication date is its first one; a rectification keeps it.
  const publishedOn = owned.value.publishedOn ?? input.publishedOn;
  const out = await freezeRecord(
    deps,
    actor,
    { sittingId, record: "extract", itemId },
    { ...input, now },
    (v) => `${origin}${paths.extract(itemId)}?version=${v}`,
    async (note) => {
      const rendered = renderExtractRecord(await loadRecordContext(deps.db, sittingId), itemId, origin, note, publishedOn);
      if (!rendered) throw new Error(`item ${itemId} is not decided`);
      return rendered;
    },
  );
  if (out.ok && !owned.value.publishedOn) await deps.db.agendaItem.update({ where: { id: itemId }, data: { publishedOn } });
  return out;
}

/** Publishes the list of deliberations (L2121-25): it says the day it was put online. */
export async function publishDeliberationList(
  deps: PublishDeps,
  actor: Actor,
  sittingId: string,
  input: PublishInput,
  origin: string,
  now: Date,
): Promise<Result<PublishedRecordInfo>> {
  const paths = recordPaths(sittingId);
  return freezeRecord(
    deps,
    actor,
    { sittingId, record: "deliberations", itemId: null },
    { ...input, now },
    (v) => `${origin}${paths.deliberations()}?version=${v}`,
    async (note) => renderListRecord(await loadRecordContext(deps.db, sittingId), origin, note, input.publishedOn),
  );
}
