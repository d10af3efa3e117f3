// The weeks before the sitting (#19): the convocation's dispatches, the publication of the ordre du
// jour and the members' declarations in advance. The rules live in core/convocation/sitting-part.ts;
// this module plugs them into the sitting's tables. Sent by the server only, never from a socket.
import { decideDeclare, decidePublish, decideSend, foldConvocation, type ConvocationEvent } from "../../convocation/sitting-part";
import { reject } from "../../refusal";
import { ruleSetOf } from "../derive";
import type { Allowed, DecideTable, FoldTable } from "./kit";

type Commands = "convocation:send" | "agenda:publish" | "attendance:declare";
type Events = ConvocationEvent["type"];

export const roles: Record<Commands, Allowed> = {
  "convocation:send": ["clerk"],
  "agenda:publish": ["clerk"],
  // A member for themself (from the device or the convocation's link); the clerk for anyone, on paper.
  "attendance:declare": ["clerk", "councillor"],
};

export const decide: DecideTable<Commands> = {
  "convocation:send": (state, _actor, cmd, ctx) => decideSend(state, cmd, ctx.now),
  "agenda:publish": (state, _actor, cmd, ctx) => decidePublish(state, cmd, ctx.now),
  "attendance:declare": (state, actor, cmd, ctx) => {
    if (actor.role === "councillor" && (actor.memberId !== cmd.memberId || cmd.source === "paper"))
      return reject("forbidden", "a member declares for themself");
    if (actor.role === "clerk" && cmd.source !== "paper") return reject("bad-request", "the clerk records declarations received on paper");
    return decideDeclare(state, ruleSetOf(state), cmd, ctx.now);
  },
};

export const fold: FoldTable<Events> = {
  "convocation:sent": foldConvocation,
  "agenda:published": foldConvocation,
  "attendance:declared": foldConvocation,
};
