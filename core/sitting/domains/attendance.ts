// The roll call and the proxies (SIT-2): who is here, who left, who holds whose proxy. During a vote
// an arrival is recorded but counts from the next vote (SIT-9); a member who leaves loses the ballots
// not cast yet (SIT-10); marking a member absent and revoking a proxy wait for the vote's close.
import { validateNewProxy } from "../../rules";
import { reject } from "../../refusal";
import { entitlementKey, hasVoted, ruleSetOf } from "../derive";
import type { SittingEvent, SittingState } from "../state";
import { CHAIR, ok, timeOf, type Allowed, type Decide, type DecideTable, type FoldTable } from "./kit";

type Commands = "rollcall:mark" | "rollcall:check-in" | "rollcall:depart" | "proxy:give" | "proxy:revoke";
type Events = "rollcall:marked" | "rollcall:departed" | "proxy:given" | "proxy:revoked";

export const roles: Record<Commands, Allowed> = {
  "rollcall:mark": CHAIR,
  "rollcall:check-in": ["councillor"],
  "rollcall:depart": CHAIR,
  "proxy:give": CHAIR,
  "proxy:revoke": CHAIR,
};

const mark: Decide<
  { type: "rollcall:mark"; memberId: string; status: "present" | "absent" | "excused"; time?: string | undefined } | { type: "rollcall:check-in" }
> = (state, actor, cmd, ctx) => {
  const memberId = cmd.type === "rollcall:mark" ? cmd.memberId : actor.memberId;
  const status = cmd.type === "rollcall:mark" ? cmd.status : "present";
  if (!memberId || !state.roster[memberId]) return reject("unknown-member");
  if (state.status === "closed") return reject("wrong-state", "sitting is closed");
  if (cmd.type === "rollcall:check-in" && !state.settings.selfCheckIn) return reject("self-check-in-disabled");
  // An arrival during a vote is recorded (it counts from the next vote: SIT-9); correcting the
  // roll call to absent or excused waits until the vote is closed.
  if (state.openVoteId && status !== "present") return reject("vote-open", "attendance may not drop during a vote");
  if (state.attendance[memberId]?.status === status) return ok([], { unchanged: true });
  const at = timeOf(state, ctx, cmd.type === "rollcall:mark" ? cmd.time : undefined);
  return ok([{ type: "rollcall:marked", memberId, status, at }]);
};

export const decide: DecideTable<Commands> = {
  "rollcall:mark": mark,
  "rollcall:check-in": mark,
  "rollcall:depart": (state, _actor, cmd, ctx) => {
    if (!state.roster[cmd.memberId]) return reject("unknown-member");
    if (state.attendance[cmd.memberId]?.status !== "present") return reject("not-present");
    if (state.status === "convened" || state.status === "closed") return reject("wrong-state", `sitting is ${state.status}`);
    const events: SittingEvent[] = [{ type: "rollcall:departed", memberId: cmd.memberId, at: timeOf(state, ctx, cmd.time) }];
    // A mandataire who leaves can no longer carry the proxy: it lapses.
    for (const [from, p] of Object.entries(state.proxies)) {
      if (p.to === cmd.memberId) events.push({ type: "proxy:revoked", from, at: ctx.now });
    }
    return ok(events);
  },
  "proxy:give": (state, _actor, cmd, ctx) => {
    if (!state.roster[cmd.from] || !state.roster[cmd.to]) return reject("unknown-member");
    if (state.status === "closed") return reject("wrong-state", "sitting is closed");
    if (state.status !== "convened" && !state.settings.midSittingProxies) return reject("proxy-not-allowed-now");
    if (state.attendance[cmd.from]?.status === "present") return reject("proxy-invalid", "the mandant is present");
    const existing = Object.entries(state.proxies).map(([from, p]) => ({ from, to: p.to, sittingsUsed: p.sittingsUsed }));
    const check = validateNewProxy(ruleSetOf(state), existing, { from: cmd.from, to: cmd.to, sittingsUsed: cmd.sittingsUsed ?? 1 }, {});
    if (!check.valid) return reject("proxy-invalid", check.problems.map((p) => p.en).join("; "));
    return ok([{ type: "proxy:given", from: cmd.from, to: cmd.to, at: ctx.now, sittingsUsed: cmd.sittingsUsed ?? 1 }]);
  },
  "proxy:revoke": (state, _actor, cmd, ctx) => {
    if (!state.proxies[cmd.from]) return reject("proxy-invalid", "no proxy from this member");
    if (state.openVoteId) return reject("vote-open");
    return ok([{ type: "proxy:revoked", from: cmd.from, at: ctx.now }]);
  },
};

/** A member who stops being present during a vote loses the ballots they have not cast yet (SIT-10). */
function lapseUnusedBallots(s: SittingState, memberId: string): void {
  const vote = s.openVoteId ? s.votes[s.openVoteId] : undefined;
  if (!vote) return;
  for (const e of vote.electorate) {
    const key = entitlementKey(e);
    if (e.memberId === memberId && !hasVoted(vote, e) && !vote.lapsed.includes(key)) vote.lapsed.push(key);
  }
}

export const fold: FoldTable<Events> = {
  "rollcall:marked": (s, e) => {
    const prev = s.attendance[e.memberId];
    s.attendance[e.memberId] = {
      status: e.status,
      arrivedAt: e.status === "present" ? (prev?.arrivedAt ?? e.at) : (prev?.arrivedAt ?? null),
      leftAt: null,
    };
    // A member who is here no longer needs a proxy.
    if (e.status === "present") delete s.proxies[e.memberId];
    else lapseUnusedBallots(s, e.memberId);
  },
  "rollcall:departed": (s, e) => {
    const prev = s.attendance[e.memberId];
    s.attendance[e.memberId] = { status: "left", arrivedAt: prev?.arrivedAt ?? null, leftAt: e.at };
    lapseUnusedBallots(s, e.memberId);
  },
  "proxy:given": (s, e) => {
    s.proxies[e.from] = { to: e.to, at: e.at, sittingsUsed: e.sittingsUsed };
  },
  "proxy:revoked": (s, e) => {
    delete s.proxies[e.from];
  },
};
