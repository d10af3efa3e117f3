// The room clock (#15): the pure core says when it next needs to act (`nextDeadline`), and the room
// sends `clock:tick` at that time, decided and logged like any command. What is due is decided from
// the state and the injected time only: a speech's time running out, a speech the sitting moved past,
// a suspension's planned end ("reprise à 20h15"). A restart computes the same deadline from the log.
import { wallTimeToInstant } from "../../time";
import type { SittingEvent, SittingState } from "../state";
import * as debate from "./debate";
import * as lifecycle from "./lifecycle";
import { CHAIR, ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "suspension:plan";
type Internal = "clock:tick";
type Events = "suspension:planned" | "suspension:due";

export const roles: Record<Commands, Allowed> = { "suspension:plan": CHAIR };
/** The room sends its ticks as the system (a clerk-level actor of its own, `CLOCK_USER_ID`), never a socket. */
export const internalRoles: Record<Internal, Allowed> = { "clock:tick": ["clerk"] };
export const CLOCK_USER_ID = "system:clock";

const DAY_MS = 86_400_000;

/** The suspension's plan that still waits: the current suspension's, not yet due. */
function waitingPlan(state: SittingState): { at: string; suspension: number } | null {
  const plan = state.clock.plannedResumption;
  if (!plan || state.status !== "suspended" || plan.suspension !== state.suspensions.length - 1 || plan.dueAt) return null;
  return plan;
}

/** The next instant (ISO) at which the core has something to decide, or null. May be in the past. */
export function nextDeadline(state: SittingState): string | null {
  const candidates = [debate.deadline(state), waitingPlan(state) ? Date.parse(waitingPlan(state)!.at) : null].filter((d): d is number => d !== null);
  return candidates.length ? new Date(Math.min(...candidates)).toISOString() : null;
}

/** Everything due at `now`: what the debate decides, then a suspension's planned end. */
export function dueEvents(state: SittingState, now: string): SittingEvent[] {
  const nowMs = Date.parse(now);
  const events = debate.dueEvents(state, nowMs);
  const plan = waitingPlan(state);
  if (plan && Date.parse(plan.at) <= nowMs) events.push({ type: "suspension:due", suspension: plan.suspension, at: plan.at });
  return events;
}

/** "20:15" on the council's clock, the first such moment after now (a sitting may run past midnight). */
function nextWallTime(state: SittingState, hhmm: string, nowMs: number): number {
  const today = Date.parse(wallTimeToInstant(state.date, hhmm, state.settings.timeZone));
  let at = today;
  while (at <= nowMs) at += DAY_MS;
  // Days after the sitting's date are read on their own date (a change of time in between).
  if (at !== today) {
    const date = new Date(Date.parse(`${state.date}T12:00:00Z`) + Math.round((at - today) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    at = Date.parse(wallTimeToInstant(date, hhmm, state.settings.timeZone));
  }
  return at;
}

export const decide: DecideTable<Commands | Internal> = {
  "clock:tick": (state, _actor, _cmd, ctx) => {
    const events = dueEvents(state, ctx.now);
    return events.length ? ok(events) : ok([], { unchanged: true });
  },
  "suspension:plan": (state, actor, cmd, ctx) => {
    const nowMs = Date.parse(ctx.now);
    const resumeMs = cmd.minutes !== undefined ? nowMs + cmd.minutes * 60_000 : nextWallTime(state, cmd.resumeAt ?? "", nowMs);
    const resumeAt = new Date(resumeMs).toISOString();
    if (state.status === "suspended") {
      return ok([{ type: "suspension:planned", suspension: state.suspensions.length - 1, at: ctx.now, resumeAt }], { resumeAt });
    }
    const suspended = lifecycle.decide["sitting:suspend"](state, actor, { type: "sitting:suspend" }, ctx);
    if (!suspended.ok) return suspended;
    return ok([...suspended.events, { type: "suspension:planned", suspension: state.suspensions.length, at: ctx.now, resumeAt }], { resumeAt });
  },
};

export const fold: FoldTable<Events> = {
  "suspension:planned": (s, e) => {
    s.clock.plannedResumption = { suspension: e.suspension, at: e.resumeAt, dueAt: null };
  },
  "suspension:due": (s, e) => {
    const plan = s.clock.plannedResumption;
    if (plan && plan.suspension === e.suspension) plan.dueAt = e.at;
  },
};
