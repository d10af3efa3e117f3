// Storage of a sitting: rebuilds its state from the database (roster, agenda, the event log, the
// secret urns) and commits a command's events and effects in one transaction.
import { z } from "zod";
import type { Db } from "../db/client";
import { applyEvent } from "../../core/sitting/apply-event";
import { GENESIS_HASH, type ChainedEvent } from "../../core/audit/hash-chain";
import type { SittingHeader } from "../../core/sitting/projection";
import type { ItemState, SittingEvent, SittingSettings, SittingState } from "../../core/sitting/state";

export const CouncilSettingsSchema = z.object({
  selfCheckIn: z.boolean().default(true),
  midSittingProxies: z.boolean().default(true),
  revealMode: z.enum(["live", "at-close"]).default("live"),
  presidentVotesLast: z.boolean().default(true),
});

export { StaleStateError, UnknownSittingError } from "./command-log";
import { UnknownSittingError } from "./command-log";

export interface LoadedSitting {
  state: SittingState;
  header: SittingHeader;
}

const ITEM_KINDS = ["ordinary", "compte-administratif", "huis-clos", "election"] as const;
function itemKind(k: string): ItemState["kind"] {
  return (ITEM_KINDS as readonly string[]).includes(k) ? (k as ItemState["kind"]) : "ordinary";
}

function parseJsonArray(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.map(String) : [];
}

export async function loadSitting(db: Db, sittingId: string): Promise<LoadedSitting> {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, include: { council: true, items: { orderBy: { order: "asc" } } } });
  if (!sitting) throw new UnknownSittingError(`unknown sitting ${sittingId}`);
  const members = await db.member.findMany({ where: { councilId: sitting.councilId }, orderBy: { seat: "asc" } });
  const inOffice = members.filter((m) => m.mandateStart <= sitting.date && (!m.mandateEnd || m.mandateEnd >= sitting.date));
  const settings: SittingSettings = CouncilSettingsSchema.parse(JSON.parse(sitting.council.settings));

  let state: SittingState = {
    sittingId,
    councilId: sitting.councilId,
    ruleSetId: sitting.council.ruleSet,
    date: sitting.date,
    settings,
    status: "convened",
    secondConvocation: sitting.secondConvocation,
    presidentMemberId: sitting.presidentMemberId,
    secretaryIds: parseJsonArray(sitting.secretaryIds),
    roster: Object.fromEntries(
      inOffice.map((m) => [
        m.id,
        { id: m.id, name: `${m.civility} ${m.firstName} ${m.lastName}`, role: m.role, group: m.group, seat: m.seat, birthDate: m.birthDate },
      ]),
    ),
    membersInOffice: inOffice.length,
    attendance: {},
    proxies: {},
    items: Object.fromEntries(
      sitting.items.map((it) => [
        it.id,
        {
          id: it.id,
          order: it.order,
          title: it.title,
          kind: itemKind(it.kind),
          status: "pending",
          interests: [],
          ballotRequests: { public: [], secret: [] },
          decidedMode: null,
          call: null,
          result: null,
          voteIds: [],
        } satisfies ItemState,
      ]),
    ),
    itemOrder: sitting.items.map((it) => it.id),
    currentItemId: null,
    votes: {},
    openVoteId: null,
    opening: null,
    suspensions: [],
    closedAt: null,
    seq: 0,
    lastHash: GENESIS_HASH,
  };

  const rows = await db.sittingEvent.findMany({ where: { sittingId }, orderBy: { seq: "asc" } });
  for (const row of rows) {
    state = applyEvent(state, JSON.parse(row.payload) as SittingEvent);
    state.seq = row.seq;
    state.lastHash = row.hash;
  }
  const secretVotes = Object.values(state.votes).filter((v) => v.mode === "secret" && v.status === "open");
  if (secretVotes.length) {
    const urns = await db.secretUrn.findMany({ where: { voteId: { in: secretVotes.map((v) => v.id) } } });
    for (const u of urns) {
      const v = state.votes[u.voteId];
      if (v) v.urn = { pour: u.pour, contre: u.contre, abstention: u.abstention, nppv: u.nppv };
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
