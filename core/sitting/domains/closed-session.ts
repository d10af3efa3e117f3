// Huis clos (L2121-18, HUISCLOS-*): a motion carried by the absolute majority of the members present
// or represented (voting.ts proclaims it and begins the closed session); the chair ends it, and so does
// the close of the sitting. While it lasts the public sees "Huis clos" and no item detail.
import { reject } from "../../refusal";
import { CHAIR, ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "huis-clos:end";
type Events = "huis-clos:began" | "huis-clos:ended";

export const roles: Record<Commands, Allowed> = { "huis-clos:end": CHAIR };

export const decide: DecideTable<Commands> = {
  "huis-clos:end": (state, _actor, _cmd, ctx) => {
    if (!state.huisClos) return reject("wrong-state", "the council does not sit in closed session");
    // A vote under way stays in camera until it is closed.
    if (state.openVoteId) return reject("vote-open");
    return ok([{ type: "huis-clos:ended", at: ctx.now }]);
  },
};

export const fold: FoldTable<Events> = {
  "huis-clos:began": (s, e) => {
    s.huisClos = { since: e.at, voteId: e.voteId };
    const motion = s.closedSessions.find((c) => c.voteId === e.voteId);
    if (motion) motion.began = e.at;
    // The item the motion was voted on is discussed in camera.
    const item = s.items[e.itemId];
    if (item) item.inCamera = true;
  },
  "huis-clos:ended": (s, e) => {
    const motion = s.huisClos ? s.closedSessions.find((c) => c.voteId === s.huisClos?.voteId) : undefined;
    if (motion) motion.ended = e.at;
    s.huisClos = null;
  },
};
