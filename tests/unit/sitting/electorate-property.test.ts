// SIT-9, SIT-10 as properties of the pure core: over random interleavings of roll-call, proxy and
// ballot commands during a vote, no voice is ever counted twice and a vote never holds more ballots
// than the electorate it opened with (fast-check, applyCommand/applyEvent directly).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvent } from "../../../core/sitting/apply-event";
import { ballotsCast, entitlementKey, voiceOf } from "../../../core/sitting/derive";
import type { CommandBody } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { councillor, IDS as ids, newSitting, president } from "./fixture";

function start(): SittingState {
  return newSitting({ presidentVotesLast: false }, { secondConvocation: true }); // no quorum needed: every interleaving reaches a vote
}

let counter = 0;
function run(s: SittingState, actor: Actor, cmd: CommandBody): { state: SittingState; ok: boolean } {
  const out = applyCommand(s, actor, cmd, { now: "2022-10-03T18:00:00.000Z", newId: () => `v${++counter}` });
  if (!out.ok) return { state: s, ok: false };
  let next = s;
  for (const e of out.events) next = applyEvent(next, e);
  return { state: next, ok: true };
}

const member = fc.constantFrom(...ids);
const step = fc.oneof(
  fc.record({ kind: fc.constant("mark" as const), who: member, status: fc.constantFrom("present" as const, "absent" as const, "excused" as const) }),
  fc.record({ kind: fc.constant("depart" as const), who: member }),
  fc.record({ kind: fc.constant("check-in" as const), who: member }),
  fc.record({ kind: fc.constant("proxy" as const), from: member, to: member }),
  fc.record({ kind: fc.constant("revoke" as const), from: member }),
  fc.record({
    kind: fc.constant("ballot" as const),
    who: member,
    forWhom: fc.option(member, { nil: undefined }),
    choice: fc.constantFrom("pour" as const, "contre" as const, "abstention" as const),
  }),
  fc.record({ kind: fc.constant("open" as const) }),
);

function commandOf(st: typeof step extends fc.Arbitrary<infer T> ? T : never, s: SittingState): { actor: Actor; cmd: CommandBody } | null {
  switch (st.kind) {
    case "mark":
      return { actor: president, cmd: { type: "rollcall:mark", memberId: st.who, status: st.status } };
    case "depart":
      return { actor: president, cmd: { type: "rollcall:depart", memberId: st.who } };
    case "check-in":
      return { actor: councillor(st.who), cmd: { type: "rollcall:check-in" } };
    case "proxy":
      return { actor: president, cmd: { type: "proxy:give", from: st.from, to: st.to } };
    case "revoke":
      return { actor: president, cmd: { type: "proxy:revoke", from: st.from } };
    case "ballot":
      if (!s.openVoteId) return null;
      return {
        actor: councillor(st.who),
        cmd: { type: "ballot:cast", voteId: s.openVoteId, choice: st.choice, ...(st.forWhom ? { onBehalfOf: st.forWhom } : {}) },
      };
    case "open":
      return s.openVoteId ? null : { actor: president, cmd: { type: "vote:open", itemId: "i1", mode: "public" } };
  }
}

function checkVotes(s: SittingState): void {
  for (const vote of Object.values(s.votes)) {
    const voices = new Map<string, number>();
    for (const b of Object.values(vote.ballots)) voices.set(voiceOf(b), (voices.get(voiceOf(b)) ?? 0) + 1);
    for (const [voice, n] of voices) expect(n, `voice ${voice} counted ${n} times`).toBe(1);
    expect(ballotsCast(vote)).toBeLessThanOrEqual(vote.electorate.length);
    const electorate = new Set(vote.electorate.map(entitlementKey));
    for (const key of Object.keys(vote.ballots)) expect(electorate.has(key), `${key} outside the electorate`).toBe(true);
    expect(new Set(vote.electorate.map(voiceOf)).size).toBe(vote.electorate.length);
  }
}

describe("SIT-9 SIT-10 properties", () => {
  it("SIT-9 over random interleavings of roll call, proxies and ballots, no voice is counted twice and no vote outgrows its electorate", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let s = start();
        // A roll call and an opened sitting, then anything.
        for (const id of ids.slice(0, 6)) s = run(s, president, { type: "rollcall:mark", memberId: id, status: "present" }).state;
        s = run(s, president, { type: "sitting:open" }).state;
        s = run(s, president, { type: "item:call", itemId: "i1" }).state;
        for (const st of steps) {
          const c = commandOf(st, s);
          if (!c) continue;
          s = run(s, c.actor, c.cmd).state;
          checkVotes(s);
        }
        if (s.openVoteId) {
          const closed = run(s, president, { type: "vote:close", voteId: s.openVoteId });
          expect(closed.ok).toBe(true);
          const vote = closed.state.votes[s.openVoteId]!;
          const t = vote.finalTally!;
          expect(t.pour + t.contre + t.abstention + t.nppv).toBeLessThanOrEqual(vote.electorate.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
