// Gathers what the official-record builders need (the sitting rebuilt from its log, agenda texts,
// members, council) and records the clerk's publication dates. The layouts are in core/records.
import type { Publication } from "../../core/api/records";
import type { Db } from "../db/client";
import { loadSitting, type LoadedSitting } from "../store/sitting-store";
import type { SittingEvent } from "../../core/sitting/state";
import { ActesFormatError, buildActesId, normaliseDepartement, parseActesId, prefectureId, type ActesNature } from "../../core/records/actes";
import { attendanceAtCall, buildDeliberationList, buildExtract, type DeliberationListModel, type ExtractModel } from "../../core/records/extract";
import { neutraliseFormula } from "../../core/records/csv";
import { scdlMatiereNom, toScdlCsv, validateScdlRow, type ScdlRow } from "../../core/records/scdl";

function jsonStrings(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

interface CouncilIds {
  departement: string;
  siren: string;
}

/**
 * The ACTES identifier of an item: the stored acknowledgement when there is one, else the one the act
 * will get, computed once the item is decided (before that there is no act to transmit).
 */
export function actesIdFor(
  council: CouncilIds,
  sittingDate: string,
  item: { identifier: string; actesNature: string; teletransmissionId: string | null },
  decided: boolean,
): { id: string | null; problem: string | null } {
  if (item.teletransmissionId) return { id: item.teletransmissionId, problem: null };
  if (!decided) return { id: null, problem: null };
  try {
    const id = buildActesId({
      departement: council.departement,
      siren: council.siren,
      decisionDate: sittingDate,
      actNumber: item.identifier,
      nature: item.actesNature as ActesNature,
    });
    return { id, problem: null };
  } catch (err) {
    if (err instanceof ActesFormatError) return { id: null, problem: err.message };
    throw err;
  }
}

async function loadRecordContext(db: Db, sittingId: string) {
  const loaded: LoadedSitting = await loadSitting(db, sittingId);
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId }, include: { council: true, items: { orderBy: { order: "asc" } } } });
  return { loaded, sitting, council: sitting.council };
}

/** The extract of one decided item; null when the item is not in the sitting or not decided yet (not an act yet). */
export async function buildItemExtract(db: Db, sittingId: string, itemId: string): Promise<ExtractModel | null> {
  const { loaded, sitting, council } = await loadRecordContext(db, sittingId);
  const row = sitting.items.find((it) => it.id === itemId);
  const itemState = loaded.state.items[itemId];
  if (!row || itemState?.status !== "decided") return null;
  const members = await db.member.findMany({ where: { councilId: council.id }, select: { id: true, civility: true, rank: true } });
  const events = await db.sittingEvent.findMany({ where: { sittingId }, orderBy: { seq: "asc" }, select: { payload: true } });
  return buildExtract({
    state: loaded.state,
    itemId,
    council: { name: council.name, commune: council.commune },
    sitting: { date: sitting.date, time: sitting.time, place: sitting.place, convocationDate: sitting.convocationDate, postedOn: sitting.postedOn },
    memberDetails: Object.fromEntries(members.map((m) => [m.id, { civility: m.civility, rank: m.rank }])),
    item: {
      identifier: row.identifier,
      title: row.title,
      rapporteurs: jsonStrings(row.rapporteurs),
      commission: row.commission,
      service: row.service,
      expose: row.expose,
      proposals: jsonStrings(row.proposals),
      observations: row.observations,
      actesCode: row.actesCode,
      actesLabel: row.actesLabel,
      actesNature: row.actesNature,
      postedOn: row.postedOn,
      publishedOn: row.publishedOn,
      prefectureReceivedOn: row.prefectureReceivedOn,
    },
    actesId: actesIdFor(council, sitting.date, row, true).id,
    attendanceAtCall: attendanceAtCall(
      events.map((e) => JSON.parse(e.payload) as SittingEvent),
      itemId,
    ),
  });
}

export async function buildSittingDeliberationList(db: Db, sittingId: string): Promise<DeliberationListModel> {
  const { loaded, sitting, council } = await loadRecordContext(db, sittingId);
  return buildDeliberationList({
    state: loaded.state,
    council: { name: council.name, commune: council.commune },
    sitting: { date: sitting.date, time: sitting.time, place: sitting.place },
    texts: Object.fromEntries(sitting.items.map((it) => [it.id, { identifier: it.identifier, title: it.title }])),
    hrefFor: (itemId) => `/records/sittings/${encodeURIComponent(sittingId)}/items/${encodeURIComponent(itemId)}/extract`,
  });
}

export interface ScdlExport {
  rows: ScdlRow[];
  csv: string;
  /** Adopted items left out because their row breaks the schema (e.g. no ACTES level-2 code). */
  skipped: { identifier: string; problems: string[] }[];
}

/**
 * SCDL rows of every adopted deliberation of a council, oldest sitting first. The schema describes
 * adopted acts, so rejected and deferred items are left out. VOTE_EFFECTIF counts the ballots that
 * could be cast at the item's call (present − interested + usable proxies); VOTE_REEL those actually
 * cast for, against or abstaining — NPPV is by definition not taking part, and interested members
 * are counted there.
 */
export async function buildCouncilScdl(db: Db, councilId: string, opts: { baseUrl?: string } = {}): Promise<ScdlExport | null> {
  const council = await db.council.findUnique({ where: { id: councilId } });
  if (!council) return null;
  const sittings = await db.sitting.findMany({ where: { councilId }, orderBy: [{ date: "asc" }, { time: "asc" }], select: { id: true } });
  const rows: ScdlRow[] = [];
  const skipped: ScdlExport["skipped"] = [];
  for (const { id } of sittings) {
    const { loaded, sitting } = await loadRecordContext(db, id);
    for (const it of sitting.items) {
      const st = loaded.state.items[it.id];
      if (st?.status !== "decided" || st.result?.outcome !== "adopted") continue;
      const call = st.call;
      const t = st.result.tally;
      const code = it.actesCode?.trim() ?? "";
      const hasBudget = !!it.budgetName;
      const row: ScdlRow = {
        // Text a person typed must not run as a formula when the file is opened in a spreadsheet.
        COLL_NOM: neutraliseFormula(council.name),
        COLL_SIRET: council.siret,
        DELIB_ID: neutraliseFormula(it.identifier),
        DELIB_DATE: sitting.date,
        DELIB_MATIERE_CODE: code,
        DELIB_MATIERE_NOM: scdlMatiereNom(code) ?? "",
        DELIB_OBJET: neutraliseFormula(it.title),
        BUDGET_ANNEE: hasBudget ? (it.budgetYear ?? "") : "",
        BUDGET_NOM: neutraliseFormula(it.budgetName ?? ""),
        PREF_ID: prefectureId(council.departement),
        PREF_DATE: it.prefectureReceivedOn ?? "",
        VOTE_EFFECTIF: call ? call.presentIds.length - call.recusedIds.length + call.proxies.length : null,
        VOTE_REEL: t.pour + t.contre + t.abstention,
        VOTE_POUR: t.pour,
        VOTE_CONTRE: t.contre,
        VOTE_ABSTENTION: t.abstention,
        DELIB_URL: opts.baseUrl ? `${opts.baseUrl}/records/sittings/${encodeURIComponent(id)}/items/${encodeURIComponent(it.id)}/extract.pdf` : "",
      };
      const problems = validateScdlRow(row);
      if (problems.length) skipped.push({ identifier: it.identifier, problems });
      else rows.push(row);
    }
  }
  return { rows, csv: toScdlCsv(rows), skipped };
}

export type PublicationOutcome =
  | {
      ok: true;
      item: { id: string; postedOn: string | null; publishedOn: string | null; prefectureReceivedOn: string | null; teletransmissionId: string | null };
    }
  | { ok: false; status: 400 | 403 | 404 | 409; code: "bad-request" | "wrong-sitting" | "unknown-item" | "wrong-state"; detail: string };

/** The clerk records when an act was posted, published and received by the préfecture (and its ACTES id). */
export async function updatePublication(db: Db, councilId: string, itemId: string, input: Publication): Promise<PublicationOutcome> {
  const row = await db.agendaItem.findUnique({ where: { id: itemId }, include: { sitting: { include: { council: true } } } });
  if (!row) return { ok: false, status: 404, code: "unknown-item", detail: itemId };
  const council = row.sitting.council;
  if (council.id !== councilId) return { ok: false, status: 403, code: "wrong-sitting", detail: "the item is not in your council" };
  const { state } = await loadSitting(db, row.sittingId);
  if (state.items[itemId]?.status !== "decided")
    return { ok: false, status: 409, code: "wrong-state", detail: "the item has not been decided: there is no act to publish" };
  for (const key of ["postedOn", "publishedOn", "prefectureReceivedOn"] as const) {
    const d = input[key];
    if (d && d < row.sitting.date) return { ok: false, status: 400, code: "bad-request", detail: `${key} ${d} is before the sitting (${row.sitting.date})` };
  }
  const parts = input.teletransmissionId ? parseActesId(input.teletransmissionId) : null;
  if (parts && (parts.siren !== council.siren || parts.departement !== normaliseDepartement(council.departement) || parts.decisionDate !== row.sitting.date)) {
    return {
      ok: false,
      status: 400,
      code: "bad-request",
      detail: "the ACTES identifier is not this council's act of this sitting (département, SIREN or date differ)",
    };
  }
  const updated = await db.agendaItem.update({
    where: { id: itemId },
    data: {
      ...(input.postedOn !== undefined ? { postedOn: input.postedOn } : {}),
      ...(input.publishedOn !== undefined ? { publishedOn: input.publishedOn } : {}),
      ...(input.prefectureReceivedOn !== undefined ? { prefectureReceivedOn: input.prefectureReceivedOn } : {}),
      ...(input.teletransmissionId !== undefined ? { teletransmissionId: input.teletransmissionId } : {}),
    },
  });
  return {
    ok: true,
    item: {
      id: updated.id,
      postedOn: updated.postedOn,
      publishedOn: updated.publishedOn,
      prefectureReceivedOn: updated.prefectureReceivedOn,
      teletransmissionId: updated.teletransmissionId,
    },
  };
}
