// What every screen sees of the debate (#15): the speaker with their time (instants, so each screen
// counts down on the server's clock), the speakers' list of the item under discussion with the
// rapporteur offered first, the time used per member and per group, a suspension's planned end.
// Part of the public view: in a public sitting who speaks, and for how long, is public.
import type { SpeechKind } from "../vocabulary";
import type { Speech } from "./debate-state";
import type { SittingHeader } from "./projection";
import { budgetLeftMs, currentSpeech, speechDeadline, usedTime, type UsedTime } from "./speaking-time";
import type { SittingState } from "./state";

export interface SpeakerView {
  memberId: string;
  name: string;
  group: string | null;
}

export interface CurrentSpeechView extends SpeakerView {
  speechId: string;
  itemId: string;
  kind: SpeechKind;
  startedAt: string;
  /** Allowed length when the floor was given (ms), null without a limit; `addedMs` the chair's additions. */
  allowanceMs: number | null;
  addedMs: number;
  /** When the time runs out (startedAt + allowance + added), null without a limit. */
  endsAt: string | null;
  /** The room clock noted the time ran out (then the instant it did). */
  timeUpAt: string | null;
}

export interface RequestView extends SpeakerView {
  requestId: string;
  kind: "speech" | "point-of-order";
  at: string;
  byChair: boolean;
  present: boolean;
}

export interface DebateView {
  /** The item under discussion, whose list this is. */
  itemId: string | null;
  current: CurrentSpeechView | null;
  /** The item's pending requests, in the order the floor will be given. */
  queue: RequestView[];
  /** Members named rapporteur of the item who have not presented it yet: offered the floor first. */
  rapporteurs: (SpeakerView & { present: boolean })[];
  /** Time used by finished speeches: on the item under discussion, and in the whole sitting. */
  used: { item: UsedTime; sitting: UsedTime };
  /** Each group's budget in its scope (item or sitting): used and left (finished speeches), null without a budget. */
  groups: { group: string; usedMs: number; remainingMs: number | null }[];
  limits: { speechSeconds: number; rapporteurSeconds: number; pointOfOrderSeconds: number; groupBudgetSeconds: number; groupBudgetScope: "item" | "sitting" };
  /** The council's clock, to print a planned resumption as the room reads it. */
  timeZone: string;
  /** The suspension's planned end ("reprise à 20h15") and whether that time has come. */
  resumption: { at: string; due: boolean } | null;
}

function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * The members an item names as its rapporteurs. The agenda keeps rapporteurs as the names the draft
 * gives ("M. Bastien ARNAUD", "Mme Claire Bellanger, adjointe"): a member is one when their first and
 * last names are both there, in either order.
 */
export function rapporteurIds(state: SittingState, header: SittingHeader, itemId: string): string[] {
  const texts = (header.rapporteursByItem[itemId] ?? []).map((t) => ` ${normalise(t)} `);
  if (!texts.length) return [];
  return Object.values(state.roster)
    .filter((m) => {
      const first = normalise(m.firstName);
      const last = normalise(m.lastName);
      return texts.some((t) => t.includes(` ${first} ${last} `) || t.includes(` ${last} ${first} `));
    })
    .map((m) => m.id);
}

function speaker(state: SittingState, memberId: string): SpeakerView {
  const m = state.roster[memberId];
  return { memberId, name: m?.name ?? memberId, group: m?.group ?? null };
}

/**
 * The debate as an audience sees it; `counted` leaves speeches out of the times used (the public does
 * not learn who spoke in camera, L2121-18: see `projectPublic`).
 */
export function projectDebate(state: SittingState, header: SittingHeader, counted?: (speech: Speech) => boolean): DebateView {
  const itemId = state.currentItemId;
  const speech = currentSpeech(state);
  const present = (id: string) => state.attendance[id]?.status === "present";
  const speeches = state.debate.speeches;
  // The speeches this audience may count (all of them but for the public, see above).
  const timed = counted ? speeches.filter(counted) : speeches;
  const s = state.settings;
  const groupNames = [...new Set(Object.values(state.roster).flatMap((m) => (m.group ? [m.group] : [])))].sort((a, b) => a.localeCompare(b, "fr"));
  const scoped = usedTime(timed, s.groupBudgetScope === "item" ? (itemId ?? "") : undefined);
  const plan = state.clock.plannedResumption;
  return {
    itemId,
    current: speech
      ? {
          ...speaker(state, speech.memberId),
          group: speech.group,
          speechId: speech.id,
          itemId: speech.itemId,
          kind: speech.kind,
          startedAt: speech.startedAt,
          allowanceMs: speech.allowanceMs,
          addedMs: speech.addedMs,
          endsAt: speechDeadline(speech),
          timeUpAt: speech.timeUpAt,
        }
      : null,
    queue: itemId
      ? state.debate.requests
          .filter((r) => r.itemId === itemId)
          .map((r) => ({ ...speaker(state, r.memberId), requestId: r.id, kind: r.kind, at: r.at, byChair: r.byChair, present: present(r.memberId) }))
      : [],
    rapporteurs: itemId
      ? rapporteurIds(state, header, itemId)
          .filter((id) => !speeches.some((x) => x.itemId === itemId && x.memberId === id && x.kind === "rapporteur"))
          .map((id) => ({ ...speaker(state, id), present: present(id) }))
      : [],
    used: { item: usedTime(timed, itemId ?? ""), sitting: usedTime(timed) },
    groups: groupNames.map((group) => ({ group, usedMs: scoped.byGroup[group] ?? 0, remainingMs: budgetLeftMs(s, scoped.byGroup[group] ?? 0) })),
    limits: {
      speechSeconds: s.speechSeconds,
      rapporteurSeconds: s.rapporteurSeconds,
      pointOfOrderSeconds: s.pointOfOrderSeconds,
      groupBudgetSeconds: s.groupBudgetSeconds,
      groupBudgetScope: s.groupBudgetScope,
    },
    timeZone: s.timeZone,
    resumption: plan && state.status === "suspended" && plan.suspension === state.suspensions.length - 1 ? { at: plan.at, due: plan.dueAt !== null } : null,
  };
}
