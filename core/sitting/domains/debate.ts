// The debate (#15): members ask for the floor on the item under discussion (a point of order goes
// before every other request), the chair keeps the speakers' list (adds, reorders, removes), the
// president gives the floor, adds time and ends a speech. The time a speech is allowed is fixed in
// its event; the room clock notes when it runs out, and ends a speech the sitting has moved past.
import { reject } from "../../refusal";
import type { Speech, SpeechEnd, SpeechRequest } from "../debate-state";
import { allowanceFor, currentSpeech, speechDeadlineMs, speechElapsedMs } from "../speaking-time";
import type { SittingEvent, SittingState } from "../state";
import { CHAIR, ok, PRESIDENT, type Allowed, type CommandOutcome, type DecideTable, type FoldTable } from "./kit";

type Commands = "speech:request" | "speech:withdraw" | "speech:reorder" | "floor:give" | "floor:add-time" | "floor:end";
type Events = "speech:requested" | "speech:withdrawn" | "speech:reordered" | "floor:given" | "floor:time-added" | "floor:time-up" | "floor:ended";

export const roles: Record<Commands, Allowed> = {
  "speech:request": ["president", "clerk", "councillor"],
  "speech:withdraw": ["president", "clerk", "councillor"],
  "speech:reorder": CHAIR,
  // Giving and taking the floor is the president's police of the assembly (L2121-16).
  "floor:give": PRESIDENT,
  "floor:add-time": PRESIDENT,
  "floor:end": PRESIDENT,
};

const INTERESTED = {
  fr: "Un élu intéressé à l'affaire ne prend pas part au débat (CGCT L2131-11).",
  en: "A member with an interest in the item takes no part in the debate (CGCT L2131-11).",
};
const NO_DEBATE = {
  fr: "La parole se demande sur le point en discussion, séance ouverte.",
  en: "The floor is asked for on the item under discussion, while the sitting is open.",
};

/** The item whose debate is open now, or why there is none for this kind of speech. */
function debatedItem(state: SittingState, itemId: string, pointOfOrder: boolean): CommandOutcome | null {
  const item = state.items[itemId];
  if (!item) return reject("unknown-item");
  if (state.status !== "opened" || state.currentItemId !== itemId) return reject("wrong-state", "not the item under discussion", NO_DEBATE);
  // During a vote only a point of order (on how the vote is held) may be raised.
  if (!(item.status === "called" || (pointOfOrder && item.status === "voting"))) return reject("wrong-state", `item is ${item.status}`, NO_DEBATE);
  return null;
}

function pending(state: SittingState, itemId: string): SpeechRequest[] {
  return state.debate.requests.filter((r) => r.itemId === itemId);
}

/** Where a new request goes: a point of order before the first ordinary request, else at the end. */
function insertionIndex(requests: readonly SpeechRequest[], kind: SpeechRequest["kind"], itemId: string): number {
  if (kind !== "point-of-order") return requests.length;
  const i = requests.findIndex((r) => r.itemId === itemId && r.kind === "speech");
  return i === -1 ? requests.length : i;
}

/** The running speech's end at `at` (the next speaker, the chair), with its time-up first if it came before. */
function endEvents(speech: Speech, at: string, reason: SpeechEnd): SittingEvent[] {
  const events: SittingEvent[] = [];
  const deadline = speechDeadlineMs(speech);
  if (deadline !== null && speech.timeUpAt === null && deadline <= Date.parse(at))
    events.push({ type: "floor:time-up", speechId: speech.id, at: new Date(deadline).toISOString() });
  events.push({ type: "floor:ended", speechId: speech.id, at, reason });
  return events;
}

function giveFloor(
  state: SittingState,
  cmd: { requestId?: string; memberId?: string; kind?: Speech["kind"] },
  now: string,
  newId: () => string,
): CommandOutcome {
  const itemId = state.currentItemId ?? "";
  const request = cmd.requestId ? state.debate.requests.find((r) => r.id === cmd.requestId) : undefined;
  if (cmd.requestId && !request) return reject("unknown-request");
  if (request && request.itemId !== itemId) return reject("wrong-state", "this request is for another item", NO_DEBATE);
  const memberId = request?.memberId ?? cmd.memberId ?? "";
  const kind = request?.kind ?? cmd.kind ?? "speech";
  const refused = debatedItem(state, itemId, kind === "point-of-order");
  if (refused) return refused;
  const member = state.roster[memberId];
  if (!member) return reject("unknown-member");
  if (state.attendance[memberId]?.status !== "present") return reject("not-present");
  if (kind === "speech" && state.items[itemId]?.interests.includes(memberId)) return reject("wrong-state", "interested member", INTERESTED);
  // Given directly to a member who had asked: their request is used up.
  const used = request ?? state.debate.requests.find((r) => r.itemId === itemId && r.memberId === memberId && r.kind === kind);
  const events: SittingEvent[] = [];
  const running = currentSpeech(state);
  let speeches = state.debate.speeches;
  if (running) {
    events.push(...endEvents(running, now, "next-speaker"));
    speeches = speeches.map((s) => (s.id === running.id ? { ...s, endedAt: now } : s));
  }
  const allowanceMs = allowanceFor({ ...state, debate: { ...state.debate, speeches } }, memberId, kind, itemId);
  const speechId = newId();
  events.push({ type: "floor:given", speechId, itemId, memberId, group: member.group, kind, requestId: used?.id ?? null, at: now, allowanceMs });
  return ok(events, { speechId, allowanceMs });
}

export const decide: DecideTable<Commands> = {
  "speech:request": (state, actor, cmd, ctx) => {
    if (actor.role === "councillor" && cmd.memberId && cmd.memberId !== actor.memberId) return reject("forbidden", "a councillor asks only for themself");
    const kind = cmd.kind ?? "speech";
    const refused = debatedItem(state, cmd.itemId, kind === "point-of-order");
    if (refused) return refused;
    const memberId = actor.role === "councillor" ? actor.memberId : (cmd.memberId ?? actor.memberId);
    if (!memberId || !state.roster[memberId]) return reject("unknown-member");
    if (state.attendance[memberId]?.status !== "present") return reject("not-present");
    if (kind === "speech" && state.items[cmd.itemId]?.interests.includes(memberId)) return reject("wrong-state", "interested member", INTERESTED);
    const list = pending(state, cmd.itemId);
    const already = list.findIndex((r) => r.memberId === memberId && r.kind === kind);
    if (already !== -1) return ok([], { unchanged: true, requestId: list[already]!.id, position: already + 1 });
    const requestId = ctx.newId();
    const at = insertionIndex(state.debate.requests, kind, cmd.itemId);
    const position = state.debate.requests.slice(0, at).filter((r) => r.itemId === cmd.itemId).length + 1;
    return ok([{ type: "speech:requested", requestId, itemId: cmd.itemId, memberId, kind, at: ctx.now, byChair: actor.role !== "councillor" }], {
      requestId,
      position,
    });
  },
  "speech:withdraw": (state, actor, cmd, ctx) => {
    const request = state.debate.requests.find((r) => r.id === cmd.requestId);
    if (!request) return reject("unknown-request");
    if (actor.role === "councillor" && request.memberId !== actor.memberId) return reject("forbidden", "a councillor withdraws only their own request");
    return ok([{ type: "speech:withdrawn", requestId: request.id, at: ctx.now, byChair: actor.role !== "councillor" }]);
  },
  "speech:reorder": (state, _actor, cmd) => {
    if (!state.items[cmd.itemId]) return reject("unknown-item");
    const ids = pending(state, cmd.itemId).map((r) => r.id);
    const same = cmd.requestIds.length === ids.length && new Set(cmd.requestIds).size === ids.length && cmd.requestIds.every((id) => ids.includes(id));
    if (!same)
      return reject("conflict", "the new order must name every pending request of the item once", {
        fr: "La liste a changé entre-temps : l'ordre doit reprendre chaque demande en attente, une fois.",
        en: "The list changed meanwhile: the order must name every pending request once.",
      });
    if (cmd.requestIds.every((id, i) => id === ids[i])) return ok([], { unchanged: true });
    return ok([{ type: "speech:reordered", itemId: cmd.itemId, requestIds: cmd.requestIds }]);
  },
  "floor:give": (state, _actor, cmd, ctx) => giveFloor(state, cmd, ctx.now, ctx.newId),
  "floor:add-time": (state, _actor, cmd, ctx) => {
    const speech = currentSpeech(state);
    if (!speech) return reject("wrong-state", "nobody has the floor");
    const ms = cmd.seconds * 1000;
    // A speech without a limit gets one: the time spoken so far and what the chair adds (as the fold does).
    const deadline = speechDeadlineMs(speech) ?? Date.parse(ctx.now);
    const endsAt = new Date(deadline + ms).toISOString();
    return ok([{ type: "floor:time-added", speechId: speech.id, ms, at: ctx.now }], { endsAt });
  },
  "floor:end": (state, _actor, _cmd, ctx) => {
    const speech = currentSpeech(state);
    if (!speech) return reject("wrong-state", "nobody has the floor");
    return ok(endEvents(speech, ctx.now, "chair"), { elapsedMs: speechElapsedMs(speech, Date.parse(ctx.now)) });
  },
};

/** Why the running speech cannot go on, and since when: the sitting moved past it. */
function interruption(state: SittingState, speech: Speech): { at: string; reason: SpeechEnd } | null {
  if (state.status === "closed") return { at: state.closedAt ?? speech.startedAt, reason: "closed" };
  if (state.status === "suspended") return { at: state.suspensions[state.suspensions.length - 1]?.at ?? speech.startedAt, reason: "suspended" };
  if (state.currentItemId !== speech.itemId) return { at: state.items[state.currentItemId ?? ""]?.call?.at ?? speech.startedAt, reason: "item-changed" };
  return null;
}

/** When the room clock must next look at the debate (epoch ms), or null. */
export function deadline(state: SittingState): number | null {
  const speech = currentSpeech(state);
  if (!speech) return null;
  const stop = interruption(state, speech);
  if (stop) return Date.parse(stop.at);
  return speech.timeUpAt === null ? speechDeadlineMs(speech) : null;
}

/** What the debate's clock decides at `nowMs`: a speech's time ran out; a speech the sitting moved past ends. */
export function dueEvents(state: SittingState, nowMs: number): SittingEvent[] {
  const speech = currentSpeech(state);
  if (!speech) return [];
  const stop = interruption(state, speech);
  const until = stop ? Math.min(nowMs, Date.parse(stop.at)) : nowMs;
  const events: SittingEvent[] = [];
  const end = speechDeadlineMs(speech);
  if (end !== null && speech.timeUpAt === null && end <= until) events.push({ type: "floor:time-up", speechId: speech.id, at: new Date(end).toISOString() });
  if (stop && Date.parse(stop.at) <= nowMs) events.push({ type: "floor:ended", speechId: speech.id, at: stop.at, reason: stop.reason });
  return events;
}

function speechOf(s: SittingState, id: string): Speech | undefined {
  return s.debate.speeches.find((x) => x.id === id);
}

export const fold: FoldTable<Events> = {
  "speech:requested": (s, e) => {
    const request: SpeechRequest = { id: e.requestId, itemId: e.itemId, memberId: e.memberId, kind: e.kind, at: e.at, byChair: e.byChair };
    s.debate.requests.splice(insertionIndex(s.debate.requests, e.kind, e.itemId), 0, request);
  },
  "speech:withdrawn": (s, e) => {
    s.debate.requests = s.debate.requests.filter((r) => r.id !== e.requestId);
  },
  "speech:reordered": (s, e) => {
    const byId = new Map(s.debate.requests.map((r) => [r.id, r]));
    const others = s.debate.requests.filter((r) => r.itemId !== e.itemId);
    s.debate.requests = [...others, ...e.requestIds.flatMap((id) => byId.get(id) ?? [])];
  },
  "floor:given": (s, e) => {
    if (e.requestId) s.debate.requests = s.debate.requests.filter((r) => r.id !== e.requestId);
    s.debate.speeches.push({
      id: e.speechId,
      itemId: e.itemId,
      memberId: e.memberId,
      group: e.group,
      kind: e.kind,
      requestId: e.requestId,
      startedAt: e.at,
      allowanceMs: e.allowanceMs,
      addedMs: 0,
      timeUpAt: null,
      endedAt: null,
      endReason: null,
    });
    s.debate.currentSpeechId = e.speechId;
  },
  "floor:time-added": (s, e) => {
    const speech = speechOf(s, e.speechId);
    if (!speech) return;
    // Time added to a speech without a limit makes one: what was spoken so far, plus the addition.
    if (speech.allowanceMs === null) speech.allowanceMs = Math.max(0, Date.parse(e.at) - Date.parse(speech.startedAt));
    speech.addedMs += e.ms;
    // The clock notes the time-up again if the new deadline passes.
    speech.timeUpAt = null;
  },
  "floor:time-up": (s, e) => {
    const speech = speechOf(s, e.speechId);
    if (speech) speech.timeUpAt = e.at;
  },
  "floor:ended": (s, e) => {
    const speech = speechOf(s, e.speechId);
    if (speech) {
      speech.endedAt = e.at;
      speech.endReason = e.reason;
    }
    if (s.debate.currentSpeechId === e.speechId) s.debate.currentSpeechId = null;
  },
};
