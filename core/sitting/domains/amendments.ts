// Amendments (AMEND-*): proposed by a member on an item of the agenda, numbered in order, voted
// before the item with an ordinary majority (the vote itself is voting.ts's, its subject the
// amendment), or withdrawn with a reason. The PV and the item's extract record each one.
import { reject } from "../../refusal";
import { CHAIR, ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "amendment:propose" | "amendment:withdraw";
type Events = "amendment:proposed" | "amendment:withdrawn";

export const roles: Record<Commands, Allowed> = { "amendment:propose": CHAIR, "amendment:withdraw": CHAIR };

export const decide: DecideTable<Commands> = {
  "amendment:propose": (state, _actor, cmd, ctx) => {
    const item = state.items[cmd.itemId];
    if (!item) return reject("unknown-item");
    if (!state.roster[cmd.authorId]) return reject("unknown-member");
    if (state.status === "closed") return reject("wrong-state", "sitting is closed");
    if (item.kind === "election" || item.kind === "huis-clos") return reject("wrong-state", "a nomination or a motion is not amended");
    if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}: amendments come before its vote`);
    const number = item.amendments.length + 1;
    const amendmentId = `${item.id}-a${number}`.slice(-64);
    return ok([{ type: "amendment:proposed", itemId: item.id, amendmentId, number, authorId: cmd.authorId, text: cmd.text, at: ctx.now }], {
      amendmentId,
      number,
    });
  },
  "amendment:withdraw": (state, _actor, cmd, ctx) => {
    const item = state.items[cmd.itemId];
    const a = item?.amendments.find((x) => x.id === cmd.amendmentId);
    if (!item || !a) return reject("unknown-item");
    if (a.status === "withdrawn") return ok([], { unchanged: true });
    if (a.status !== "pending") return reject("wrong-state", `amendment is ${a.status}`);
    return ok([{ type: "amendment:withdrawn", itemId: item.id, amendmentId: a.id, at: ctx.now, reason: cmd.reason }]);
  },
};

export const fold: FoldTable<Events> = {
  "amendment:proposed": (s, e) => {
    s.items[e.itemId]?.amendments.push({
      id: e.amendmentId,
      number: e.number,
      authorId: e.authorId,
      text: e.text,
      at: e.at,
      status: "pending",
      withdrawnReason: null,
      voteIds: [],
      result: null,
    });
  },
  "amendment:withdrawn": (s, e) => {
    const a = s.items[e.itemId]?.amendments.find((x) => x.id === e.amendmentId);
    if (a) {
      a.status = "withdrawn";
      a.withdrawnReason = e.reason;
    }
  },
};
