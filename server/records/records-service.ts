// Builds the official records of a sitting from what record-context.ts gathers: each decided item's
// extract and the list of deliberations (the layouts are in core/records), and an item's ACTES id.
import { ActesFormatError, buildActesId, type ActesNature } from "../../core/records/actes";
import { buildDeliberationList, buildExtract, type DeliberationListModel, type ExtractModel } from "../../core/records/extract";
import type { Db } from "../db/client";
import { jsonStrings, loadRecordContext, type RecordContext } from "./record-context";
import { recordPaths } from "../../core/api/records";

interface CouncilIds {
  departement: string;
  siren: string;
}

/**
 * The ACTES identifier of an item: the stored acknowledgement when there is one, else the one the act
 * will get once transmitted (provisional), computed once the item is decided (before that there is
 * no act to transmit).
 */
export function actesIdFor(
  council: CouncilIds,
  sittingDate: string,
  item: { identifier: string; actesNature: string; teletransmissionId: string | null },
  decided: boolean,
): { id: string | null; provisional: boolean; problem: string | null } {
  if (item.teletransmissionId) return { id: item.teletransmissionId, provisional: false, problem: null };
  if (!decided) return { id: null, provisional: true, problem: null };
  try {
    const id = buildActesId({
      departement: council.departement,
      siren: council.siren,
      decisionDate: sittingDate,
      actNumber: item.identifier,
      nature: item.actesNature as ActesNature,
    });
    return { id, provisional: true, problem: null };
  } catch (err) {
    if (err instanceof ActesFormatError) return { id: null, provisional: true, problem: err.message };
    throw err;
  }
}

/** The extract of one decided item from a loaded context; null when the item is not decided (not an act yet). */
export function extractFromContext(ctx: RecordContext, itemId: string, origin: string): ExtractModel | null {
  const { loaded, sitting, council } = ctx;
  const row = sitting.items.find((it) => it.id === itemId);
  if (!row || loaded.state.items[itemId]?.status !== "decided") return null;
  const actes = actesIdFor(council, sitting.date, row, true);
  const paths = recordPaths(sitting.id);
  return buildExtract({
    state: loaded.state,
    atCall: ctx.atCall.get(itemId) ?? null,
    itemId,
    council: { name: council.name, commune: council.commune, administrativeCourt: ctx.settings.administrativeCourt },
    sitting: { date: sitting.date, time: sitting.time, place: sitting.place, convocationDate: sitting.convocationDate, postedOn: sitting.postedOn },
    memberDetails: ctx.details,
    item: {
      identifier: row.identifier,
      title: row.title,
      rapporteurs: jsonStrings(row.rapporteurs),
      commission: row.commission,
      service: row.service,
      expose: row.expose,
      proposals: jsonStrings(row.proposals),
      observations: row.observations,
      attachments: jsonStrings(row.attachments),
      actesCode: row.actesCode,
      actesLabel: row.actesLabel,
      actesNature: row.actesNature,
      postedOn: row.postedOn,
      publishedOn: row.publishedOn,
      prefectureReceivedOn: row.prefectureReceivedOn,
    },
    annexes: (ctx.annexes.get(itemId) ?? []).map((a) => ({
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      href: `${origin}${paths.annex(itemId, a.id)}`,
    })),
    actesId: actes.id ? { id: actes.id, provisional: actes.provisional } : null,
    regime: ctx.regime.regime,
  });
}

/** The extract of one decided item; null when the item is not in the sitting or not decided yet. */
export async function buildItemExtract(db: Db, sittingId: string, itemId: string, origin: string): Promise<ExtractModel | null> {
  return extractFromContext(await loadRecordContext(db, sittingId), itemId, origin);
}

export function deliberationListFromContext(ctx: RecordContext, onlineOn: string | null, origin: string): DeliberationListModel {
  const { loaded, sitting, council } = ctx;
  const paths = recordPaths(sitting.id);
  return buildDeliberationList({
    state: loaded.state,
    council: { name: council.name, commune: council.commune },
    sitting: { date: sitting.date, time: sitting.time, place: sitting.place },
    texts: Object.fromEntries(sitting.items.map((it) => [it.id, { identifier: it.identifier, title: it.title }])),
    hrefFor: (itemId) => `${origin}${paths.extract(itemId)}`,
    onlineOn,
  });
}
