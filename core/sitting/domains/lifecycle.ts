// Opening, suspending, resuming and closing the sitting (SIT-3, SIT-7); closing for want of quorum
// carries the items not examined to a second convocation (QUORUM-11).
import { checkRuleSetDate } from "../../rules";
import { reject } from "../../refusal";
import { liveQuorum, presentIds, ruleSetOf, snapshotQuorum } from "../derive";
import type { SittingEvent } from "../state";
import { CHAIR, ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "sitting:open" | "sitting:suspend" | "sitting:resume" | "sitting:close";
type Events = "sitting:opened" | "sitting:suspended" | "sitting:resumed" | "sitting:closed";

export const roles: Record<Commands, Allowed> = { "sitting:open": CHAIR, "sitting:suspend": CHAIR, "sitting:resume": CHAIR, "sitting:close": CHAIR };

export const decide: DecideTable<Commands> = {
  "sitting:open": (state, _actor, _cmd, ctx) => {
    if (state.status !== "convened") return reject("wrong-state", `sitting is ${state.status}`);
    const dated = checkRuleSetDate(ruleSetOf(state), state.date);
    if (!dated.ok) return reject("wrong-state", dated.reason.en);
    const quorum = snapshotQuorum(state);
    return ok([{ type: "sitting:opened", at: ctx.now, quorum, presentIds: presentIds(state) }], { quorum });
  },
  "sitting:suspend": (state, _actor, _cmd, ctx) => {
    if (state.status !== "opened") return reject("wrong-state", `sitting is ${state.status}`);
    if (state.openVoteId) return reject("vote-open");
    return ok([{ type: "sitting:suspended", at: ctx.now }]);
  },
  "sitting:resume": (state, _actor, _cmd, ctx) => {
    if (state.status !== "suspended") return reject("wrong-state", `sitting is ${state.status}`);
    const quorum = snapshotQuorum(state);
    return ok([{ type: "sitting:resumed", at: ctx.now, quorum }], { quorum });
  },
  "sitting:close": (state, _actor, cmd, ctx) => {
    if (state.status === "closed" || state.status === "convened") return reject("wrong-state", `sitting is ${state.status}`);
    if (state.openVoteId) return reject("vote-open");
    const events: SittingEvent[] = [];
    if (cmd.forWantOfQuorum) {
      const q = liveQuorum(state);
      if (q.reached) return reject("wrong-state", "the quorum is reached: close the sitting normally");
      const article = ruleSetOf(state).articles.secondConvocation;
      for (const id of state.itemOrder) {
        const it = state.items[id];
        if (it && (it.status === "pending" || it.status === "called"))
          events.push({
            type: "item:deferred",
            itemId: id,
            at: ctx.now,
            reasonFr: `Quorum non atteint (${q.counted}/${q.required}) : séance levée, point reporté à une nouvelle convocation (${article})`,
            reasonEn: `No quorum (${q.counted}/${q.required}): sitting closed, item carried to a second convocation (${article})`,
          });
      }
    }
    if (state.huisClos) events.push({ type: "huis-clos:ended", at: ctx.now });
    events.push({ type: "sitting:closed", at: ctx.now });
    return ok(events);
  },
};

export const fold: FoldTable<Events> = {
  "sitting:opened": (s, e) => {
    s.status = "opened";
    s.opening = { at: e.at, quorum: e.quorum };
  },
  "sitting:suspended": (s, e) => {
    s.status = "suspended";
    s.suspensions.push({ at: e.at, resumedAt: null });
  },
  "sitting:resumed": (s, e) => {
    s.status = "opened";
    const last = s.suspensions[s.suspensions.length - 1];
    if (last) last.resumedAt = e.at;
  },
  "sitting:closed": (s, e) => {
    s.status = "closed";
    s.closedAt = e.at;
    s.currentItemId = null;
  },
};
