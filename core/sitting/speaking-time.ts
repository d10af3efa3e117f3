// Speaking time, derived from the speeches in the log: the time each member and each group used, a
// group's remaining budget, the time a new speech is allowed, and when a speech's time runs out.
// Pure: the instant "now" is always given by the caller.
import type { SpeechKind } from "../vocabulary";
import type { Speech } from "./debate-state";
import type { SittingState } from "./state";

const ms = (iso: string): number => Date.parse(iso);

/** How long a speech lasted, or has lasted at `nowMs` while it runs. */
export function speechElapsedMs(speech: Speech, nowMs: number): number {
  const end = speech.endedAt ? ms(speech.endedAt) : nowMs;
  return Math.max(0, end - ms(speech.startedAt));
}

/** When the speech's allowed time runs out (epoch ms), or null without a limit. */
export function speechDeadlineMs(speech: Speech): number | null {
  return speech.allowanceMs === null ? null : ms(speech.startedAt) + speech.allowanceMs + speech.addedMs;
}

/** The instant the speech's time runs out, as stored (ISO), or null. */
export function speechDeadline(speech: Speech): string | null {
  const d = speechDeadlineMs(speech);
  return d === null ? null : new Date(d).toISOString();
}

/**
 * Only debate counts against a group: a rapporteur presents the item for the council, and a point
 * of order is about the procedure (both still count in the member's own time).
 */
export function countsForGroup(speech: Pick<Speech, "kind" | "group">): boolean {
  return speech.kind === "speech" && speech.group !== null;
}

export interface UsedTime {
  byMember: Record<string, number>;
  byGroup: Record<string, number>;
}

/** Time used by finished speeches (on one item, or in the whole sitting), per member and per group. */
export function usedTime(speeches: readonly Speech[], itemId?: string): UsedTime {
  const out: UsedTime = { byMember: {}, byGroup: {} };
  for (const s of speeches) {
    if (!s.endedAt || (itemId !== undefined && s.itemId !== itemId)) continue;
    const d = speechElapsedMs(s, 0);
    out.byMember[s.memberId] = (out.byMember[s.memberId] ?? 0) + d;
    if (countsForGroup(s) && s.group) out.byGroup[s.group] = (out.byGroup[s.group] ?? 0) + d;
  }
  return out;
}

/** What a group's budget leaves after `usedMs`; null when the council sets none. */
export function budgetLeftMs(settings: SittingState["settings"], usedMs: number): number | null {
  const budget = settings.groupBudgetSeconds * 1000;
  return budget ? Math.max(0, budget - usedMs) : null;
}

/** What is left of a group's budget (finished speeches only), in ms; null when the council sets none. */
export function groupRemainingMs(state: SittingState, group: string | null, itemId: string): number | null {
  if (!group) return null;
  const used = usedTime(state.debate.speeches, state.settings.groupBudgetScope === "item" ? itemId : undefined).byGroup[group] ?? 0;
  return budgetLeftMs(state.settings, used);
}

/** The limit of one speech of this kind from the settings, in ms; null: none. */
export function kindLimitMs(state: SittingState, kind: SpeechKind): number | null {
  const seconds =
    kind === "rapporteur" ? state.settings.rapporteurSeconds : kind === "point-of-order" ? state.settings.pointOfOrderSeconds : state.settings.speechSeconds;
  return seconds > 0 ? seconds * 1000 : null;
}

/**
 * The time a speech is allowed when the floor is given: the speech's own limit, and for a speech
 * counted against a group, no more than what is left of the group's budget. A point of order is
 * about the procedure, not the debate: only its own limit applies.
 */
export function allowanceFor(state: SittingState, memberId: string, kind: SpeechKind, itemId: string): number | null {
  const own = kindLimitMs(state, kind);
  if (kind !== "speech") return own;
  const left = groupRemainingMs(state, state.roster[memberId]?.group ?? null, itemId);
  if (left === null) return own;
  return own === null ? left : Math.min(own, left);
}

export function currentSpeech(state: SittingState): Speech | null {
  const id = state.debate.currentSpeechId;
  return id ? (state.debate.speeches.find((s) => s.id === id) ?? null) : null;
}
