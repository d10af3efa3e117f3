// The council's SCDL "Délibérations" open-data file: one row per adopted deliberation, each checked
// against the schema's field rules and custom checks; a row that fails is left out and named.
import { recordPaths } from "../../core/api/records";
import { prefectureId } from "../../core/records/actes";
import { neutraliseFormula } from "../../core/records/csv";
import { scdlMatiereNom, toScdlCsv, validateScdlRow, type ScdlRow } from "../../core/records/scdl";
import type { Db } from "../db/client";
import { loadRecordContext, type RecordContext } from "./record-context";

export interface ScdlExport {
  rows: ScdlRow[];
  csv: string;
  /** Adopted items left out because their row breaks the schema (e.g. a budget name without its year). */
  skipped: { identifier: string; itemId: string; problems: string[] }[];
}

/**
 * The rows of one sitting's adopted items. The schema describes adopted acts, so rejected and
 * deferred items are left out. VOTE_EFFECTIF counts the ballots that could be cast at the item's
 * call (present − interested + usable proxies); VOTE_REEL those actually cast for, against or
 * abstaining — NPPV is by definition not taking part, and interested members are counted there.
 */
export function scdlRowsOf(ctx: RecordContext, baseUrl: string | undefined): { itemId: string; identifier: string; row: ScdlRow; problems: string[] }[] {
  const { loaded, sitting, council } = ctx;
  const paths = recordPaths(sitting.id);
  return sitting.items.flatMap((it) => {
    const st = loaded.state.items[it.id];
    if (st?.status !== "decided" || st.result?.outcome !== "adopted") return [];
    const call = st.call;
    const t = st.result.tally;
    const code = it.actesCode?.trim() ?? "";
    const row: ScdlRow = {
      // Text a person typed must not run as a formula when the file is opened in a spreadsheet.
      COLL_NOM: neutraliseFormula(council.name),
      COLL_SIRET: council.siret,
      DELIB_ID: neutraliseFormula(it.identifier),
      DELIB_DATE: sitting.date,
      DELIB_MATIERE_CODE: code,
      DELIB_MATIERE_NOM: scdlMatiereNom(code) ?? "",
      DELIB_OBJET: neutraliseFormula(it.title),
      // The year says which budget the act draws on: without a budget it means nothing. A budget named
      // without its year is written as stored, and the schema refuses it: a year is never guessed.
      BUDGET_ANNEE: it.budgetName ? (it.budgetYear ?? "") : "",
      BUDGET_NOM: neutraliseFormula(it.budgetName ?? ""),
      PREF_ID: prefectureId(council.departement),
      PREF_DATE: it.prefectureReceivedOn ?? "",
      VOTE_EFFECTIF: call ? call.presentIds.length - call.recusedIds.length + call.proxies.length : null,
      VOTE_REEL: t.pour + t.contre + t.abstention,
      VOTE_POUR: t.pour,
      VOTE_CONTRE: t.contre,
      VOTE_ABSTENTION: t.abstention,
      DELIB_URL: baseUrl ? `${baseUrl}${paths.extractPdf(it.id)}` : "",
    };
    return [{ itemId: it.id, identifier: it.identifier, row, problems: validateScdlRow(row) }];
  });
}

/** Every adopted deliberation of a council, oldest sitting first; null for an unknown council. */
export async function buildCouncilScdl(db: Db, councilId: string, opts: { baseUrl?: string } = {}): Promise<ScdlExport | null> {
  const council = await db.council.findUnique({ where: { id: councilId } });
  if (!council) return null;
  const sittings = await db.sitting.findMany({ where: { councilId }, orderBy: [{ date: "asc" }, { time: "asc" }], select: { id: true } });
  const rows: ScdlRow[] = [];
  const skipped: ScdlExport["skipped"] = [];
  for (const { id } of sittings) {
    for (const r of scdlRowsOf(await loadRecordContext(db, id), opts.baseUrl)) {
      if (r.problems.length) skipped.push({ identifier: r.identifier, itemId: r.itemId, problems: r.problems });
      else rows.push(r.row);
    }
  }
  return { rows, csv: toScdlCsv(rows), skipped };
}
