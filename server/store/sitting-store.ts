// Loading a sitting from the database: its setup (council, roster, agenda) folded with its event log
// into the state, plus the sealed urn of an open secret ballot (opened with the server key).
import type { Db } from "../db/client";
import { applyEvent, foldEvent } from "../../core/sitting/apply-event";
import { initialSittingState } from "../../core/sitting/initial-state";
import type { ChainedEvent } from "../../core/audit/hash-chain";
import type { SittingHeader } from "../../core/sitting/projection";
import type { SittingEvent, SittingState } from "../../core/sitting/state";
import { UnknownSittingError } from "./errors";
import type { LoadedSitting } from "./port";
import { unsealUrnCounts } from "./urn-seal";

export { StaleStateError, UnknownSittingError } from "./errors";

export type { LoadedSitting } from "./port";

function parseJsonArray(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

/** One event of the log as stored. */
export interface StoredEventRow {
  seq: number;
  payload: string;
  hash: string;
}

/**
 * The sitting as its log makes it. `urnKey` opens the urn of an open secret ballot (the live room
 * needs its running totals); records and exports read decided items only and pass none.
 */
export async function loadSitting(
  db: Db,
  sittingId: string,
  urnKey?: Buffer,
  // The procès-verbal and the minutes write each fact from the state its event was decided on.
  visit?: (seq: number, event: SittingEvent, before: SittingState) => void,
  // A faster reader of the log than Prisma (the SQLite store's own connection).
  readEvents?: (sittingId: string) => StoredEventRow[] | Promise<StoredEventRow[]>,
): Promise<LoadedSitting> {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, include: { council: true, items: { orderBy: { order: "asc" } } } });
  if (!sitting) throw new UnknownSittingError(`unknown sitting ${sittingId}`);
  const members = await db.member.findMany({ where: { councilId: sitting.councilId }, orderBy: { seat: "asc" } });
  let state: SittingState = initialSittingState({
    sittingId,
    councilId: sitting.councilId,
    ruleSetId: sitting.council.ruleSet,
    date: sitting.date,
    settings: JSON.parse(sitting.council.settings) as unknown,
    secondConvocation: sitting.secondConvocation,
    presidentMemberId: sitting.presidentMemberId,
    secretaryIds: parseJsonArray(sitting.secretaryIds),
    members,
    items: sitting.items,
  });
  const rows = readEvents ? await readEvents(sittingId) : await db.sittingEvent.findMany({ where: { sittingId }, orderBy: { seq: "asc" } });
  // The initial state is this function's own: without a visitor the events are folded into it in place.
  for (const row of rows) {
    const event = JSON.parse(row.payload) as SittingEvent;
    if (visit) {
      // A visitor may keep the state it is shown: it gets one that is never changed afterwards.
      visit(row.seq, event, state);
      state = applyEvent(state, event);
    } else foldEvent(state, event);
    state.seq = row.seq;
    state.lastHash = row.hash;
  }
  const openSecret = Object.values(state.votes).filter((v) => v.mode === "secret" && v.status === "open");
  if (openSecret.length && urnKey) {
    const urns = await db.secretUrn.findMany({ where: { voteId: { in: openSecret.map((v) => v.id) } } });
    for (const u of urns) {
      const v = state.votes[u.voteId];
      if (!v) continue;
      const counts = unsealUrnCounts(urnKey, u.voteId, u.sealed);
      v.urn = counts.tally;
      if (v.nomination) v.candidateUrn = counts.candidates;
    }
  }
  const header: SittingHeader = {
    councilName: sitting.council.name,
    commune: sitting.council.commune,
    date: sitting.date,
    time: sitting.time,
    place: sitting.place,
    rapporteursByItem: Object.fromEntries(sitting.items.map((it) => [it.id, parseJsonArray(it.rapporteurs)])),
  };
  return { state, header };
}

export async function readChain(db: Db, sittingId: string): Promise<ChainedEvent[]> {
  const rows = await db.sittingEvent.findMany({ where: { sittingId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({
    sittingId: r.sittingId,
    seq: r.seq,
    type: r.type,
    payload: r.payload,
    actor: r.actor,
    at: r.at,
    prevHash: r.prevHash,
    hash: r.hash,
  }));
}
