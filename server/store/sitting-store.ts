// Storage of a sitting: rebuilds its state from the database (roster, agenda, the event log, the
// secret urns) and commits a command's events and effects in one transaction.
import { z } from "zod";
import type { Db } from "../db/client";
import { applyEvent } from "../../core/sitting/apply-event";
import { canonicalJson, computeEventHash, GENESIS_HASH, type ChainedEvent } from "../../core/audit/hash-chain";
import { reject, type Choice } from "../../core/sitting/protocol";
import type { SittingHeader } from "../../core/sitting/projection";
import type { ItemState, SittingEvent, SittingSettings, SittingState } from "../../core/sitting/state";
import { crashPoint } from "../fault";

export const CouncilSettingsSchema = z.object({
  selfCheckIn: z.boolean().default(true),
  midSittingProxies: z.boolean().default(true),
  revealMode: z.enum(["live", "at-close"]).default("live"),
  presidentVotesLast: z.boolean().default(true),
});

export class StaleStateError extends Error {
  constructor() {
    super("the sitting changed in another process");
  }
}
export class UnknownSittingError extends Error {}

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

export interface CommitInput {
  state: SittingState;
  commandId: string;
  userId: string;
  events: SittingEvent[];
  urnChoice?: Choice;
  reply: unknown;
  now: string;
}

/** The stored reply of a command already applied (a retry), or null. */
export async function findReceipt(db: Db, sittingId: string, commandId: string, userId: string): Promise<unknown | null> {
  const r = await db.commandReceipt.findUnique({ where: { sittingId_commandId: { sittingId, commandId } } });
  if (!r) return null;
  // A command id is its sender's: anyone else presenting it is refused, never given the sender's reply
  // (nor an "ok" for a command they may not send).
  if (r.userId !== userId) return reject("bad-request", "this command id was used by another sender");
  return JSON.parse(r.reply) as unknown;
}

/**
 * Appends the events and applies their effects in ONE transaction; returns the chained rows.
 * Resolves only after the commit (synchronous=FULL: on disk), so an acknowledgement sent after it is durable.
 */
export async function commitCommand(db: Db, c: CommitInput): Promise<ChainedEvent[]> {
  const sittingId = c.state.sittingId;
  return db.$transaction(async (tx) => {
    const row = await tx.sitting.findUnique({ where: { id: sittingId }, select: { lastSeq: true } });
    if (!row) throw new UnknownSittingError(sittingId);
    if (row.lastSeq !== c.state.seq) throw new StaleStateError();
    const chained: ChainedEvent[] = [];
    let prevHash = c.state.lastHash;
    let seq = c.state.seq;
    let status: string | null = null;
    for (const event of c.events) {
      seq += 1;
      // Secret deposits carry no time of their own: the order of signatures must not date the urn.
      const actor = event.type === "ballot:deposited" ? "secret" : c.userId;
      const base = { sittingId, seq, type: event.type, payload: canonicalJson(event), actor, at: c.now, prevHash };
      const hash = computeEventHash(base);
      chained.push({ ...base, hash });
      await tx.sittingEvent.create({ data: { ...base, hash } });
      prevHash = hash;
      switch (event.type) {
        case "sitting:opened":
        case "sitting:resumed":
          status = "opened";
          break;
        case "sitting:suspended":
          status = "suspended";
          break;
        case "sitting:closed":
          status = "closed";
          break;
        case "vote:opened":
          if (event.mode === "secret") await tx.secretUrn.create({ data: { voteId: event.voteId } });
          break;
        case "ballot:cast":
          await tx.ballot.upsert({
            where: { voteId_memberId_onBehalfOf: { voteId: event.voteId, memberId: event.memberId, onBehalfOf: event.onBehalfOf } },
            create: { voteId: event.voteId, memberId: event.memberId, onBehalfOf: event.onBehalfOf, choice: event.choice, castAt: event.at },
            update: { choice: event.choice, castAt: event.at },
          });
          break;
        case "ballot:deposited":
          if (!c.urnChoice) throw new Error("secret deposit without a choice");
          await tx.secretSignature.create({ data: { voteId: event.voteId, memberId: event.memberId, onBehalfOf: event.onBehalfOf } });
          await tx.secretUrn.update({ where: { voteId: event.voteId }, data: { [c.urnChoice]: { increment: 1 } } });
          break;
        default:
          break;
      }
    }
    await tx.sitting.update({ where: { id: sittingId }, data: { lastSeq: seq, ...(status ? { status } : {}) } });
    await tx.commandReceipt.create({ data: { sittingId, commandId: c.commandId, userId: c.userId, reply: JSON.stringify(c.reply) } });
    crashPoint("commit:in-tx");
    return chained;
  });
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
