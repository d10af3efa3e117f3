// CROWD-1: the public channel's patches. Over random sittings played through the pure core, the first
// view plus every patch equals the server's view after each step (fast-check); a ballot's patch is a
// few hundred bytes where the whole view is many kilobytes; a patch meant for another seq is refused.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvents } from "../../../core/sitting/apply-event";
import { projectPublic, type PublicView, type SittingHeader } from "../../../core/sitting/projection";
import { applyPublicPatch, diffPublicView, patchApplies, same } from "../../../core/sitting/public-patch";
import { canonicalJson } from "../../../core/audit/hash-chain";
import type { CommandBody } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { councillor, ctx, IDS, liveItem, newSitting, president } from "./fixture";

const header: SittingHeader = { councilName: "Conseil", commune: "Testville", date: "2022-10-03", time: "18:00", place: "Mairie", rapporteursByItem: {} };

function step(state: SittingState, actor: Actor, cmd: CommandBody): SittingState {
  const out = applyCommand(state, actor, cmd, ctx());
  if (!out.ok) return state;
  const next = applyEvents(state, out.events);
  next.seq = state.seq + out.events.length;
  next.lastHash = `h${next.seq}`;
  return next;
}

const member = fc.constantFrom(...IDS);
const choice = fc.constantFrom("pour" as const, "contre" as const, "abstention" as const, "nppv" as const);
// Weighted so that most runs open votes and cast ballots in them (the patches that matter most).
const move = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      by: fc.constant("chair" as const),
      cmd: fc.record({
        type: fc.constant("rollcall:mark" as const),
        memberId: member,
        status: fc.constantFrom("present" as const, "absent" as const, "excused" as const),
      }),
    }),
  },
  fc.record({ by: fc.constant("chair" as const), cmd: fc.record({ type: fc.constant("rollcall:depart" as const), memberId: member }) }),
  fc.record({ by: fc.constant("chair" as const), cmd: fc.record({ type: fc.constant("proxy:give" as const), from: member, to: member }) }),
  fc.record({ by: fc.constant("chair" as const), cmd: fc.record({ type: fc.constant("item:call" as const), itemId: fc.constantFrom("i1", "i2") }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      by: fc.constant("vote" as const),
      mode: fc.constantFrom("public" as const, "secret" as const, "show-of-hands" as const),
      reveal: fc.constantFrom("live" as const, "at-close" as const),
    }),
  },
  { weight: 8, arbitrary: fc.record({ by: member, choice }) },
  fc.constantFrom({ by: "close" as const }, { by: "proclaim" as const }, { by: "suspend" as const }, { by: "resume" as const }, { by: "open" as const }),
);

type Move = typeof move extends fc.Arbitrary<infer T> ? T : never;
function apply(state: SittingState, m: Move): SittingState {
  const voteId = state.openVoteId ?? Object.keys(state.votes).at(-1) ?? "none";
  if ("cmd" in m) return step(state, president, m.cmd);
  if ("mode" in m) return step(state, president, { type: "vote:open", itemId: state.currentItemId ?? "i1", mode: m.mode, reveal: m.reveal });
  if ("choice" in m) return step(state, m.by === "m1" ? president : councillor(m.by), { type: "ballot:cast", voteId, choice: m.choice });
  switch (m.by) {
    case "close":
      return step(state, president, { type: "vote:close", voteId });
    case "proclaim":
      return step(state, president, { type: "vote:proclaim", voteId });
    case "suspend":
      return step(state, president, { type: "sitting:suspend" });
    case "resume":
      return step(state, president, { type: "sitting:resume" });
    case "open":
      return step(state, president, { type: "sitting:open" });
  }
}

describe("CROWD-1 public patches", () => {
  it("CROWD-1 over random sittings, the first view plus every patch is the server's view at each step", () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 80 }), fc.boolean(), (moves, fresh) => {
        // Most runs start with an item called (6 present); some from the convened sitting.
        let state = fresh ? newSitting({ presidentVotesLast: false }) : liveItem(6, { presidentVotesLast: false });
        let server: PublicView = projectPublic(state, header);
        let screen: PublicView = structuredClone(server);
        for (const m of moves) {
          state = apply(state, m);
          const next = projectPublic(state, header);
          const patch = diffPublicView(server, next);
          // The patch crosses the wire as JSON.
          screen = applyPublicPatch(screen, JSON.parse(JSON.stringify(patch)) as typeof patch);
          expect(screen).toEqual(next);
          server = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("CROWD-1 a public ballot travels as its figures and one name, not as the whole view", () => {
    let state = liveItem(7, { presidentVotesLast: false });
    state = step(state, president, { type: "vote:open", itemId: "i1", mode: "public", reveal: "live" });
    const voteId = state.openVoteId ?? "";
    state = step(state, councillor("m2"), { type: "ballot:cast", voteId, choice: "pour" });
    const before = projectPublic(state, header);
    state = step(state, councillor("m3"), { type: "ballot:cast", voteId, choice: "contre" });
    const after = projectPublic(state, header);
    const patch = diffPublicView(before, after);
    expect(patch.roster).toBeUndefined();
    expect(patch.items).toBeUndefined();
    expect(patch.set).toBeUndefined();
    expect(patch.vote).toEqual({
      patch: {
        id: voteId,
        set: { ballotsCast: 2, tally: { pour: 1, contre: 1, abstention: 0, nppv: 0 } },
        names: [{ memberId: "m3", onBehalfOf: "", choice: "contre" }],
      },
    });
    const bytes = JSON.stringify(patch).length;
    expect(bytes).toBeLessThan(400);
    expect(JSON.stringify(after).length).toBeGreaterThan(10 * bytes);
  });

  it("CROWD-1 a roll-call change travels as one member and the counts", () => {
    const state = newSitting();
    const before = projectPublic(state, header);
    const after = projectPublic(step(state, president, { type: "rollcall:mark", memberId: "m4", status: "present" }), header);
    const patch = diffPublicView(before, after);
    expect(patch.roster?.map((r) => r.id)).toEqual(["m4"]);
    expect(Object.keys(patch.set ?? {}).sort()).toEqual(["counts", "quorum"].filter((k) => k in (patch.set ?? {})).sort());
    expect(patch.set?.counts?.present).toBe(1);
  });

  it("CROWD-1 a patch meant for another seq does not apply (the screen asks for a snapshot)", () => {
    const state = newSitting();
    const v0 = projectPublic(state, header);
    const s1 = step(state, president, { type: "rollcall:mark", memberId: "m4", status: "present" });
    const v1 = projectPublic(s1, header);
    const v2 = projectPublic(step(s1, president, { type: "rollcall:mark", memberId: "m5", status: "present" }), header);
    const skipped = diffPublicView(v1, v2);
    expect(patchApplies(v0, skipped)).toBe(false);
    expect(() => applyPublicPatch(v0, skipped)).toThrow();
    expect(applyPublicPatch(v1, skipped)).toEqual(v2);
  });

  it("CROWD-1 two values are the same for the diff exactly when they are sent the same (keys in any order, undefined keys absent)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(same(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
        expect(same(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(same({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(same({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(same({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(same([1, 2], [2, 1])).toBe(false);
    expect(same({ 0: "x" }, ["x"])).toBe(false);
  });
});
