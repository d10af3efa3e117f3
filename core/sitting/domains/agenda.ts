// The agenda during the sitting: interests declared (L2131-11), each item called with the quorum
// checked then (SIT-6), the members' requests for a public or secret ballot (L2121-21), and items
// withdrawn or deferred by the chair with a reason (AGENDA-1).
import { decideBallotMode } from "../../rules";
import { reject } from "../../refusal";
import { presentIds, ruleSetOf, snapshotQuorum, usableProxies } from "../derive";
import type { ItemCall, SittingEvent } from "../state";
import { CHAIR, ok, PRESIDENT, type Allowed, type Decide, type DecideTable, type FoldTable } from "./kit";

type Commands = "interest:declare" | "item:call" | "ballot-mode:request" | "item:withdraw" | "item:defer";
type Events = "interest:declared" | "item:called" | "item:deferred" | "item:withdrawn" | "ballot-mode:requested" | "ballot-mode:decided";

export const roles: Record<Commands, Allowed> = {
  "interest:declare": ["president", "clerk", "councillor"],
  "item:call": PRESIDENT,
  "ballot-mode:request": ["president", "clerk", "councillor"],
  "item:withdraw": CHAIR,
  "item:defer": CHAIR,
};

/** Withdrawing (retrait) or deferring (report) an item not voted yet, with the chair's reason. */
const setAside: Decide<{ type: "item:withdraw" | "item:defer"; itemId: string; reason: string }> = (state, _actor, cmd, ctx) => {
  const item = state.items[cmd.itemId];
  if (!item) return reject("unknown-item");
  if (state.status === "closed") return reject("wrong-state", "sitting is closed");
  if (state.openVoteId && state.votes[state.openVoteId]?.itemId === item.id) return reject("vote-open");
  if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}`);
  if (item.nomination?.elected.length) return reject("wrong-state", "a member is already elected on this item");
  if (cmd.type === "item:withdraw") return ok([{ type: "item:withdrawn", itemId: item.id, at: ctx.now, reason: cmd.reason }]);
  return ok([{ type: "item:deferred", itemId: item.id, at: ctx.now, reasonFr: cmd.reason, reasonEn: cmd.reason, byChair: true }]);
};

export const decide: DecideTable<Commands> = {
  "interest:declare": (state, actor, cmd) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    if (!state.roster[cmd.memberId]) return reject("unknown-member");
    if (actor.role === "councillor" && actor.memberId !== cmd.memberId) return reject("forbidden", "a councillor declares only their own interest");
    if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}`);
    if (item.interests.includes(cmd.memberId)) return ok([], { unchanged: true });
    return ok([{ type: "interest:declared", itemId: item.id, memberId: cmd.memberId }]);
  },
  "item:call": (state, _actor, cmd, ctx) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    if (state.status !== "opened") return reject("wrong-state", `sitting is ${state.status}`);
    if (state.openVoteId) return reject("vote-open");
    if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}`);
    const quorum = snapshotQuorum(state, item);
    const present = presentIds(state);
    const call: ItemCall = {
      at: ctx.now,
      presentIds: present,
      recusedIds: present.filter((id) => item.interests.includes(id)),
      proxies: usableProxies(state, item),
      absentIds: Object.keys(state.roster)
        .filter((id) => !present.includes(id))
        .sort(),
      quorum,
    };
    const events: SittingEvent[] = [{ type: "item:called", itemId: item.id, call }];
    if (!quorum.reached) {
      const article = ruleSetOf(state).articles.secondConvocation;
      events.push({
        type: "item:deferred",
        itemId: item.id,
        at: ctx.now,
        reasonFr: `Quorum non atteint (${quorum.counted}/${quorum.required}) : point reporté à une nouvelle convocation (${article})`,
        reasonEn: `No quorum (${quorum.counted}/${quorum.required}): item carried to a second convocation (${article})`,
      });
    }
    return ok(events, { quorum });
  },
  "ballot-mode:request": (state, actor, cmd) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    const memberId = actor.role === "councillor" ? actor.memberId : (cmd.memberId ?? null);
    if (!memberId || !state.roster[memberId]) return reject("unknown-member");
    if (actor.role === "councillor" && cmd.memberId && cmd.memberId !== actor.memberId) return reject("forbidden", "a councillor asks only for themself");
    if (state.attendance[memberId]?.status !== "present") return reject("not-present");
    if (!(item.status === "called" && item.id === state.currentItemId))
      return reject("wrong-state", "requests are made on the item under discussion, before the vote");
    if (item.ballotRequests[cmd.mode].includes(memberId)) return ok([], { unchanged: true });
    const events: SittingEvent[] = [{ type: "ballot-mode:requested", itemId: item.id, memberId, mode: cmd.mode }];
    const decision = decideBallotMode(ruleSetOf(state), {
      present: presentIds(state).length,
      publicRequests: item.ballotRequests.public.length + (cmd.mode === "public" ? 1 : 0),
      secretRequests: item.ballotRequests.secret.length + (cmd.mode === "secret" ? 1 : 0),
      isNomination: item.kind === "election",
    });
    if (decision.mode !== "show-of-hands" && decision.mode !== item.decidedMode) {
      events.push({ type: "ballot-mode:decided", itemId: item.id, mode: decision.mode, reasonFr: decision.reason.fr, reasonEn: decision.reason.en });
    }
    return ok(events, { publicThreshold: decision.publicThreshold, secretThreshold: decision.secretThreshold, mode: decision.mode });
  },
  "item:withdraw": setAside,
  "item:defer": setAside,
};

export const fold: FoldTable<Events> = {
  "interest:declared": (s, e) => {
    const item = s.items[e.itemId];
    if (item && !item.interests.includes(e.memberId)) item.interests.push(e.memberId);
  },
  "item:called": (s, e) => {
    const item = s.items[e.itemId];
    if (item) {
      item.status = "called";
      item.call = e.call;
      // Called in closed session: the public sees nothing of it while the huis clos lasts (L2121-18).
      if (s.huisClos) item.inCamera = true;
    }
    s.currentItemId = e.itemId;
  },
  "item:deferred": (s, e) => {
    const item = s.items[e.itemId];
    if (!item) return;
    item.status = "deferred";
    item.setAside = { kind: "deferred", at: e.at, reasonFr: e.reasonFr, reasonEn: e.reasonEn, byChair: e.byChair === true };
  },
  "item:withdrawn": (s, e) => {
    const item = s.items[e.itemId];
    if (!item) return;
    item.status = "withdrawn";
    item.setAside = { kind: "withdrawn", at: e.at, reasonFr: e.reason, reasonEn: e.reason, byChair: true };
  },
  "ballot-mode:requested": (s, e) => {
    const item = s.items[e.itemId];
    if (item && !item.ballotRequests[e.mode].includes(e.memberId)) item.ballotRequests[e.mode].push(e.memberId);
  },
  "ballot-mode:decided": (s, e) => {
    const item = s.items[e.itemId];
    if (item) item.decidedMode = e.mode;
  },
};
