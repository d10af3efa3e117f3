// What the record builders read about one sitting: its state rebuilt from the log, the state each
// item was called in (for its attendance), the agenda texts, the members' civility and rank, the
// council's clock and publication regime at the sitting's date, the deposited annexes.
import type { Annex, AgendaItem, Council, Sitting } from "@prisma/client";
import { publicationRegime, type RegimeInForce } from "../../core/records/attestation";
import type { MemberDetails } from "../../core/records/attendance";
import type { SittingEvent, SittingState } from "../../core/sitting/state";
import { CouncilSettingsSchema, type CouncilSettings } from "../../core/vocabulary";
import type { Db } from "../db/client";
import { loadSitting, type LoadedSitting } from "../store/sitting-store";

export interface RecordContext {
  loaded: LoadedSitting;
  sitting: Sitting & { items: AgendaItem[] };
  council: Council;
  settings: CouncilSettings;
  details: MemberDetails;
  /** The state each item was last called in (before its item:called event). */
  atCall: Map<string, SittingState>;
  regime: RegimeInForce;
  annexes: Map<string, Omit<Annex, "bytes">[]>;
}

export function jsonStrings(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

/** `visit` also sees each event of the log with the state it was decided on (the procès-verbal's facts). */
export async function loadRecordContext(
  db: Db,
  sittingId: string,
  visit?: (seq: number, event: SittingEvent, before: SittingState) => void,
): Promise<RecordContext> {
  const atCall = new Map<string, SittingState>();
  const loaded = await loadSitting(db, sittingId, undefined, (seq, event, before) => {
    if (event.type === "item:called") atCall.set(event.itemId, before);
    visit?.(seq, event, before);
  });
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: sittingId }, include: { council: true, items: { orderBy: { order: "asc" } } } });
  const council = sitting.council;
  const settings = CouncilSettingsSchema.parse(JSON.parse(council.settings));
  const [members, annexRows] = await Promise.all([
    db.member.findMany({ where: { councilId: council.id }, select: { id: true, civility: true, rank: true } }),
    db.annex.findMany({
      where: { itemId: { in: sitting.items.map((it) => it.id) } },
      orderBy: { createdAt: "asc" },
      select: { id: true, itemId: true, name: true, mediaType: true, size: true, sha256: true, createdAt: true },
    }),
  ]);
  const annexes = new Map<string, Omit<Annex, "bytes">[]>();
  for (const a of annexRows) annexes.set(a.itemId, [...(annexes.get(a.itemId) ?? []), a]);
  return {
    loaded,
    sitting,
    council,
    settings,
    details: Object.fromEntries(members.map((m) => [m.id, { civility: m.civility, rank: m.rank }])),
    atCall,
    regime: publicationRegime(sitting.date, council.population, settings.publicationMode),
    annexes,
  };
}
