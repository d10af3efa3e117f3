// The state of a sitting before its first event: the convened sitting, its roster (the members in
// office on its date) and its agenda. Folding the event log into it gives the state now.
import { GENESIS_HASH } from "../audit/hash-chain";
import { CouncilSettingsSchema, fullName, itemKindOf } from "../vocabulary";
import type { ItemState, RosterMember, SittingState } from "./state";
import { emptyRecords } from "../records/publication";
import { emptyConvocation } from "../convocation/sitting-part";
import { emptyClock, emptyDebate } from "./debate-state";

export interface SittingSetup {
  sittingId: string;
  councilId: string;
  ruleSetId: string;
  date: string;
  /** The council's settings as stored (JSON parsed); unknown keys are ignored, missing ones defaulted. */
  settings: unknown;
  secondConvocation: boolean;
  presidentMemberId: string | null;
  secretaryIds: string[];
  members: {
    id: string;
    civility: string;
    firstName: string;
    lastName: string;
    role: string;
    group: string | null;
    seat: number | null;
    birthDate: string | null;
    mandateStart: string;
    mandateEnd: string | null;
  }[];
  items: { id: string; order: number; title: string; kind: string }[];
}

export function newItemState(it: { id: string; order: number; title: string; kind: string }): ItemState {
  return {
    id: it.id,
    order: it.order,
    title: it.title,
    kind: itemKindOf(it.kind),
    status: "pending",
    interests: [],
    ballotRequests: { public: [], secret: [] },
    decidedMode: null,
    call: null,
    result: null,
    voteIds: [],
    setAside: null,
    amendments: [],
    nomination: null,
    inCamera: false,
  };
}

export function initialSittingState(setup: SittingSetup): SittingState {
  const inOffice = setup.members.filter((m) => m.mandateStart <= setup.date && (!m.mandateEnd || m.mandateEnd >= setup.date));
  const roster: Record<string, RosterMember> = Object.fromEntries(
    inOffice.map((m) => [
      m.id,
      {
        id: m.id,
        name: fullName(m),
        civility: m.civility,
        firstName: m.firstName,
        lastName: m.lastName,
        role: m.role,
        group: m.group,
        seat: m.seat,
        birthDate: m.birthDate,
      },
    ]),
  );
  const items = [...setup.items].sort((a, b) => a.order - b.order);
  return {
    sittingId: setup.sittingId,
    councilId: setup.councilId,
    ruleSetId: setup.ruleSetId,
    date: setup.date,
    settings: CouncilSettingsSchema.parse(setup.settings ?? {}),
    status: "convened",
    secondConvocation: setup.secondConvocation,
    presidentMemberId: setup.presidentMemberId,
    secretaryIds: setup.secretaryIds,
    roster,
    membersInOffice: inOffice.length,
    attendance: {},
    proxies: {},
    items: Object.fromEntries(items.map((it) => [it.id, newItemState(it)])),
    itemOrder: items.map((it) => it.id),
    currentItemId: null,
    votes: {},
    openVoteId: null,
    opening: null,
    suspensions: [],
    closedSessions: [],
    huisClos: null,
    closedAt: null,
    minutes: { versions: [], state: "draft", publishedVersion: null, publishedAt: null, corrections: [] },
    records: emptyRecords(),
    convocation: emptyConvocation(),
    debate: emptyDebate(),
    clock: emptyClock(),
    seq: 0,
    lastHash: GENESIS_HASH,
  };
}
