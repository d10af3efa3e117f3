// The minutes' life after the sitting, in its log (SEC-24): a version approved (frozen, its hash
// recorded), reopened for a correction, published. Sent by the server for the clerk only.
import { reject } from "../../refusal";
import { ok, type Allowed, type DecideTable, type FoldTable } from "./kit";

type Commands = "minutes:approve" | "minutes:reopen" | "minutes:publish";
type Events = "minutes:approved" | "minutes:reopened" | "minutes:published";

export const roles: Record<Commands, Allowed> = { "minutes:approve": ["clerk"], "minutes:reopen": ["clerk"], "minutes:publish": ["clerk"] };

export const decide: DecideTable<Commands> = {
  "minutes:approve": (state, _actor, cmd, ctx) => {
    if (state.status !== "closed") return reject("wrong-state", "the sitting is not closed yet");
    if (state.minutes.state !== "draft") return reject("wrong-state", "the minutes are already approved");
    if (cmd.version !== state.minutes.versions.length + 1) return reject("wrong-state", `the next version is ${state.minutes.versions.length + 1}`);
    return ok([{ type: "minutes:approved", version: cmd.version, hash: cmd.hash, atSittingId: cmd.atSittingId, at: ctx.now }], { version: cmd.version });
  },
  "minutes:reopen": (state, _actor, cmd, ctx) => {
    const last = state.minutes.versions[state.minutes.versions.length - 1];
    if (state.minutes.state !== "approved" || !last) return reject("wrong-state", "the minutes are not approved");
    return ok([{ type: "minutes:reopened", ofVersion: last.version, reason: cmd.reason, at: ctx.now }]);
  },
  "minutes:publish": (state, _actor, _cmd, ctx) => {
    const last = state.minutes.versions[state.minutes.versions.length - 1];
    if (state.minutes.state !== "approved" || !last) return reject("wrong-state", "approve the minutes first");
    if (state.minutes.publishedVersion === last.version) return ok([], { unchanged: true });
    return ok([{ type: "minutes:published", version: last.version, at: ctx.now }], { version: last.version });
  },
};

export const fold: FoldTable<Events> = {
  "minutes:approved": (s, e) => {
    s.minutes.versions.push({ version: e.version, hash: e.hash, atSittingId: e.atSittingId, at: e.at });
    s.minutes.state = "approved";
  },
  "minutes:reopened": (s, e) => {
    s.minutes.state = "draft";
    s.minutes.corrections.push({ at: e.at, reason: e.reason, ofVersion: e.ofVersion });
  },
  "minutes:published": (s, e) => {
    s.minutes.publishedVersion = e.version;
    s.minutes.publishedAt = e.at;
  },
};
