// The sitting's rules of procedure: given the state, who asks and what, either the events to append
// or a refusal. Pure: no clock, no ids, no I/O — those are passed in.
import { checkRuleSetDate, computeResult, decideBallotMode, validateNewProxy } from "../rules";
import { reject, type Choice, type CommandBody, type InternalCommand, type Rejection, type RoomCommand, type Tally } from "./protocol";
import {
  ballotsCast,
  computeElectorate,
  currentTally,
  entitlementKey,
  hasVoted,
  listEntitlements,
  presentIds,
  ruleSetOf,
  snapshotQuorum,
  usableProxies,
} from "./derive";
import type { Actor, ItemCall, ResultSnapshot, SittingEvent, SittingState } from "./state";
import { wallTimeToInstant } from "../time"; // records (#14)
import { decideRecordPublication } from "../records/publication"; // records (#14)

export interface CommandContext {
  now: string; // ISO time of acceptance
  newId: () => string; // fresh opaque id (votes)
}

export type CommandOutcome = { ok: true; events: SittingEvent[]; reply: Record<string, unknown>; urnChoice?: Choice } | { ok: false; error: Rejection };

type Allowed = readonly Actor["role"][];
const CHAIR: Allowed = ["president", "clerk"];
const PRESIDENT: Allowed = ["president"];

/** How many times one entitlement may change its ballot in a vote (a flood stops at the log's door). */
export const MAX_BALLOT_CHANGES = 10;

/** The server's own commands, sent for a signed-in clerk (never from a socket). */
const INTERNAL_ROLES: Record<InternalCommand["type"], Allowed> = {
  "minutes:approve": ["clerk"],
  "minutes:reopen": ["clerk"],
  "minutes:publish": ["clerk"],
  "record:publish": ["clerk"], // records (#14)
};

/** Which roles may send each command (councillor rights are further narrowed to themselves). */
export const COMMAND_ROLES: Record<CommandBody["type"], Allowed> = {
  "sitting:open": CHAIR,
  "sitting:suspend": CHAIR,
  "sitting:resume": CHAIR,
  "sitting:close": CHAIR,
  "rollcall:mark": CHAIR,
  "rollcall:check-in": ["councillor"],
  "rollcall:depart": CHAIR,
  "proxy:give": CHAIR,
  "proxy:revoke": CHAIR,
  "interest:declare": ["president", "clerk", "councillor"],
  "item:call": PRESIDENT,
  "ballot-mode:request": ["president", "clerk", "councillor"],
  "vote:open": PRESIDENT,
  "ballot:cast": ["councillor", "president"],
  "vote:record-hands": CHAIR,
  "vote:close": PRESIDENT,
  "vote:proclaim": PRESIDENT,
};

function ok(events: SittingEvent[], reply: Record<string, unknown> = {}): CommandOutcome {
  return { ok: true, events, reply };
}

/** "HH:MM" given by the chair (a late arrival noted afterwards) on the sitting's date, else now. */
function timeOf(state: SittingState, ctx: CommandContext, hhmm?: string): string {
  // records (#14): the chair reads the council's clock; the log keeps a UTC instant like ctx.now.
  return hhmm ? wallTimeToInstant(state.date, hhmm, state.settings.timeZone) : ctx.now;
}

function rolesFor(type: RoomCommand["type"]): Allowed {
  return type in INTERNAL_ROLES ? INTERNAL_ROLES[type as InternalCommand["type"]] : COMMAND_ROLES[type as CommandBody["type"]];
}

/** The most ballots a vote can hold: its electorate, plus the interested members recorded NPPV. */
function maxBallots(state: SittingState, vote: SittingState["votes"][string]): number {
  return vote.electorate.length + (state.items[vote.itemId]?.call?.recusedIds.length ?? 0);
}

export function applyCommand(state: SittingState, actor: Actor, cmd: RoomCommand, ctx: CommandContext): CommandOutcome {
  if (!rolesFor(cmd.type).includes(actor.role)) return reject("forbidden", `${actor.role} may not send ${cmd.type}`);
  if (actor.councilId !== state.councilId) return reject("wrong-sitting");
  const live = state.status === "opened";

  switch (cmd.type) {
    case "sitting:open": {
      if (state.status !== "convened") return reject("wrong-state", `sitting is ${state.status}`);
      const dated = checkRuleSetDate(ruleSetOf(state), state.date);
      if (!dated.ok) return reject("wrong-state", dated.reason.en);
      const quorum = snapshotQuorum(state);
      return ok([{ type: "sitting:opened", at: ctx.now, quorum, presentIds: presentIds(state) }], { quorum });
    }
    case "sitting:suspend":
      if (!live) return reject("wrong-state", `sitting is ${state.status}`);
      if (state.openVoteId) return reject("vote-open");
      return ok([{ type: "sitting:suspended", at: ctx.now }]);
    case "sitting:resume": {
      if (state.status !== "suspended") return reject("wrong-state", `sitting is ${state.status}`);
      const quorum = snapshotQuorum(state);
      return ok([{ type: "sitting:resumed", at: ctx.now, quorum }], { quorum });
    }
    case "sitting:close":
      if (state.status === "closed" || state.status === "convened") return reject("wrong-state", `sitting is ${state.status}`);
      if (state.openVoteId) return reject("vote-open");
      return ok([{ type: "sitting:closed", at: ctx.now }]);

    case "rollcall:mark":
    case "rollcall:check-in": {
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
    }
    case "rollcall:depart": {
      if (!state.roster[cmd.memberId]) return reject("unknown-member");
      if (state.attendance[cmd.memberId]?.status !== "present") return reject("not-present");
      if (state.status === "convened" || state.status === "closed") return reject("wrong-state", `sitting is ${state.status}`);
      const events: SittingEvent[] = [{ type: "rollcall:departed", memberId: cmd.memberId, at: timeOf(state, ctx, cmd.time) }];
      // A mandataire who leaves can no longer carry the proxy: it lapses.
      for (const [from, p] of Object.entries(state.proxies)) {
        if (p.to === cmd.memberId) events.push({ type: "proxy:revoked", from, at: ctx.now });
      }
      return ok(events);
    }
    case "proxy:give": {
      if (!state.roster[cmd.from] || !state.roster[cmd.to]) return reject("unknown-member");
      if (state.status === "closed") return reject("wrong-state", "sitting is closed");
      if (state.status !== "convened" && !state.settings.midSittingProxies) return reject("proxy-not-allowed-now");
      if (state.attendance[cmd.from]?.status === "present") return reject("proxy-invalid", "the mandant is present");
      const existing = Object.entries(state.proxies).map(([from, p]) => ({ from, to: p.to, sittingsUsed: p.sittingsUsed }));
      const check = validateNewProxy(ruleSetOf(state), existing, { from: cmd.from, to: cmd.to, sittingsUsed: cmd.sittingsUsed ?? 1 }, {});
      if (!check.valid) return reject("proxy-invalid", check.problems.map((p) => p.en).join("; "));
      return ok([{ type: "proxy:given", from: cmd.from, to: cmd.to, at: ctx.now, sittingsUsed: cmd.sittingsUsed ?? 1 }]);
    }
    case "proxy:revoke":
      if (!state.proxies[cmd.from]) return reject("proxy-invalid", "no proxy from this member");
      if (state.openVoteId) return reject("vote-open");
      return ok([{ type: "proxy:revoked", from: cmd.from, at: ctx.now }]);

    case "interest:declare": {
      const item = state.items[cmd.itemId];
      if (!item) return reject("unknown-item");
      if (!state.roster[cmd.memberId]) return reject("unknown-member");
      if (actor.role === "councillor" && actor.memberId !== cmd.memberId) return reject("forbidden", "a councillor declares only their own interest");
      if (item.status !== "pending" && item.status !== "called") return reject("wrong-state", `item is ${item.status}`);
      if (item.interests.includes(cmd.memberId)) return ok([], { unchanged: true });
      return ok([{ type: "interest:declared", itemId: item.id, memberId: cmd.memberId }]);
    }
    case "item:call": {
      const item = state.items[cmd.itemId];
      if (!item) return reject("unknown-item");
      if (!live) return reject("wrong-state", `sitting is ${state.status}`);
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
        events.push({
          type: "item:deferred",
          itemId: item.id,
          at: ctx.now,
          reasonFr: `Quorum non atteint (${quorum.counted}/${quorum.required}) : point reporté à une nouvelle convocation (CGCT L2121-17)`,
          reasonEn: `No quorum (${quorum.counted}/${quorum.required}): item carried to a second convocation (CGCT L2121-17)`,
        });
      }
      return ok(events, { quorum });
    }
    case "ballot-mode:request": {
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
      const publicRequests = item.ballotRequests.public.length + (cmd.mode === "public" ? 1 : 0);
      const secretRequests = item.ballotRequests.secret.length + (cmd.mode === "secret" ? 1 : 0);
      const decision = decideBallotMode(ruleSetOf(state), {
        present: presentIds(state).length,
        publicRequests,
        secretRequests,
        isNomination: item.kind === "election",
      });
      if (decision.mode !== "show-of-hands" && decision.mode !== item.decidedMode) {
        events.push({ type: "ballot-mode:decided", itemId: item.id, mode: decision.mode, reasonFr: decision.reason.fr, reasonEn: decision.reason.en });
      }
      return ok(events, { publicThreshold: decision.publicThreshold, secretThreshold: decision.secretThreshold, mode: decision.mode });
    }
    case "vote:open": {
      const item = state.items[cmd.itemId];
      if (!item) return reject("unknown-item");
      if (!live) return reject("wrong-state", `sitting is ${state.status}`);
      if (state.openVoteId) return reject("vote-open");
      if (item.status !== "called" || state.currentItemId !== item.id) return reject("wrong-state", "call the item first");
      if (!item.call?.quorum.reached) return reject("no-quorum");
      if (item.kind === "election") return reject("wrong-state", "nominations are counted with the rules engine, not by device vote yet");
      // A mode the members asked for (L2121-21) overrides the chair's choice; secret wins.
      const mode = item.decidedMode === "secret" ? "secret" : item.decidedMode === "public" && cmd.mode !== "secret" ? "public" : (cmd.mode ?? "public");
      // A live tally in a secret ballot would let a watcher link a tap to a name: it is revealed at close.
      const reveal = mode === "secret" ? "at-close" : (cmd.reveal ?? state.settings.revealMode);
      const allowChange = mode === "secret" ? false : (cmd.allowChange ?? true);
      const voteId = ctx.newId();
      const electorate = computeElectorate(state, item);
      return ok([{ type: "vote:opened", voteId, itemId: item.id, mode, reveal, allowChange, at: ctx.now, electorate }], { voteId, mode });
    }
    case "ballot:cast": {
      const vote = state.votes[cmd.voteId];
      if (!vote) return reject("unknown-vote");
      if (vote.status !== "open" || state.openVoteId !== vote.id) return reject("wrong-state", "the vote is not open");
      if (vote.mode === "show-of-hands") return reject("wrong-state", "show of hands: the chair counts");
      if (!actor.memberId) return reject("not-entitled");
      const wanted = { memberId: actor.memberId, onBehalfOf: cmd.onBehalfOf ?? "" };
      const entitlements = listEntitlements(state, vote);
      if (!entitlements.some((e) => entitlementKey(e) === entitlementKey(wanted))) {
        return reject("not-entitled", cmd.onBehalfOf ? "no usable proxy from this member" : "not present, or interested in this item");
      }
      if (
        state.settings.presidentVotesLast &&
        actor.memberId === state.presidentMemberId &&
        entitlements.some((e) => e.memberId !== actor.memberId && !hasVoted(vote, e))
      ) {
        return reject("president-votes-last");
      }
      if (vote.mode === "secret") {
        if (hasVoted(vote, wanted)) return reject("already-voted");
        return {
          ok: true,
          events: [{ type: "ballot:deposited", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf }],
          reply: { receipt: { at: ctx.now, secret: true } },
          urnChoice: cmd.choice,
        };
      }
      const prev = vote.ballots[entitlementKey(wanted)];
      if (prev && prev.choice === cmd.choice) return ok([], { receipt: { at: prev.at, choice: prev.choice } });
      if (prev && !vote.allowChange) return reject("already-voted");
      if (prev && (vote.changes[entitlementKey(wanted)] ?? 0) >= MAX_BALLOT_CHANGES)
        return reject("too-many-changes", `a ballot may change at most ${MAX_BALLOT_CHANGES} times in a vote`);
      return ok([{ type: "ballot:cast", voteId: vote.id, memberId: wanted.memberId, onBehalfOf: wanted.onBehalfOf, choice: cmd.choice, at: ctx.now }], {
        receipt: { at: ctx.now, choice: cmd.choice },
      });
    }
    case "vote:record-hands": {
      const vote = state.votes[cmd.voteId];
      if (!vote) return reject("unknown-vote");
      if (vote.status !== "open") return reject("wrong-state", "the vote is not open");
      if (vote.mode !== "show-of-hands") return reject("wrong-state", "totals are recorded for a show of hands only");
      const max = maxBallots(state, vote);
      const total = cmd.tally.pour + cmd.tally.contre + cmd.tally.abstention + cmd.tally.nppv;
      if (total > max) return reject("bad-request", `${total} votes recorded but only ${max} members present or represented`);
      return ok([{ type: "vote:hands-recorded", voteId: vote.id, tally: cmd.tally, presidentVote: cmd.presidentVote ?? "none" }]);
    }
    case "vote:close": {
      const vote = state.votes[cmd.voteId];
      if (!vote) return reject("unknown-vote");
      if (vote.status !== "open") return reject("wrong-state", "the vote is not open");
      if (vote.mode === "show-of-hands" && !vote.hands) return reject("wrong-state", "record the show-of-hands totals first");
      const tally: Tally = { ...currentTally(vote) };
      const item = state.items[vote.itemId];
      // Interested members present are recorded as not taking part (L2131-11), unless the chair counted them.
      if (vote.mode !== "show-of-hands") tally.nppv += item?.call?.recusedIds.length ?? 0;
      const total = tally.pour + tally.contre + tally.abstention + tally.nppv;
      // Never more ballots than the electorate the vote opened with (SIT-9).
      if (total > maxBallots(state, vote)) return reject("wrong-state", `${total} ballots for an electorate of ${maxBallots(state, vote)}`);
      return ok([{ type: "vote:closed", voteId: vote.id, at: ctx.now, tally }], { tally, ballots: ballotsCast(vote) });
    }
    case "vote:proclaim": {
      const vote = state.votes[cmd.voteId];
      if (!vote) return reject("unknown-vote");
      if (vote.status !== "closed" || !vote.finalTally) return reject("wrong-state", "close the vote first");
      const item = state.items[vote.itemId];
      if (!item || item.kind === "election") return reject("unknown-item");
      const presidentVote: Choice | "none" =
        vote.mode === "secret"
          ? "none"
          : vote.mode === "show-of-hands"
            ? (vote.hands?.presidentVote ?? "none")
            : (vote.ballots[`${state.presidentMemberId}|`]?.choice ?? "none");
      const presentOrRepresented = (item.call?.presentIds.length ?? 0) + (item.call?.proxies.length ?? 0);
      const r = computeResult(ruleSetOf(state), {
        kind: item.kind,
        ballot: vote.mode,
        votes: vote.finalTally,
        presidentVote,
        presentOrRepresented,
      });
      const result: ResultSnapshot = {
        outcome: r.outcome,
        castingVote: r.castingVote,
        unanimous: r.unanimous,
        ...(r.majorityRequired !== undefined ? { majorityRequired: r.majorityRequired } : {}),
        tally: vote.finalTally,
        reasonFr: r.reason.fr,
        reasonEn: r.reason.en,
        ruleId: r.reason.ruleId,
        article: r.reason.article,
      };
      return ok([{ type: "vote:proclaimed", voteId: vote.id, itemId: item.id, result }], { result });
    }
    case "minutes:approve":
      if (state.status !== "closed") return reject("wrong-state", "the sitting is not closed yet");
      if (state.minutes.state !== "draft") return reject("wrong-state", "the minutes are already approved");
      if (cmd.version !== state.minutes.versions.length + 1) return reject("wrong-state", `the next version is ${state.minutes.versions.length + 1}`);
      return ok([{ type: "minutes:approved", version: cmd.version, hash: cmd.hash, atSittingId: cmd.atSittingId, at: ctx.now }], { version: cmd.version });
    case "minutes:reopen": {
      const last = state.minutes.versions[state.minutes.versions.length - 1];
      if (state.minutes.state !== "approved" || !last) return reject("wrong-state", "the minutes are not approved");
      return ok([{ type: "minutes:reopened", ofVersion: last.version, reason: cmd.reason, at: ctx.now }]);
    }
    case "minutes:publish": {
      const last = state.minutes.versions[state.minutes.versions.length - 1];
      if (state.minutes.state !== "approved" || !last) return reject("wrong-state", "approve the minutes first");
      if (state.minutes.publishedVersion === last.version) return ok([], { unchanged: true });
      return ok([{ type: "minutes:published", version: last.version, at: ctx.now }], { version: last.version });
    }
    case "record:publish": // records (#14)
      return decideRecordPublication(state, cmd, ctx.now);
    default: {
      const never: never = cmd;
      return reject("bad-request", `unknown command ${(never as { type: string }).type}`);
    }
  }
}
