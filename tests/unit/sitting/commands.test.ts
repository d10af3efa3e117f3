// The sitting's rules called directly (applyCommand → events or a refusal, applyEvent → state), one
// table row per rule, with the ids of docs/SPEC.md. The socket tests play the same rules end to end.
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvent } from "../../../core/sitting/apply-event";
import type { RoomCommand } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { clerk, councillor, ctx, liveItem, newSitting, play, president } from "./fixture";

interface Row {
  rule: string;
  given: () => SittingState;
  actor: Actor;
  command: (s: SittingState) => RoomCommand;
  /** The event types appended, or the refusal code. */
  then: { events: string[] } | { refused: string };
}

const openVote =
  (mode: "public" | "secret" | "show-of-hands" = "public") =>
  (s = liveItem()) =>
    play(s, president, { type: "vote:open", itemId: "i1", mode });
const voteId = (s: SittingState) => s.openVoteId ?? "none";
const deposited = () => {
  const s = openVote("secret")();
  return play(s, councillor("m2"), { type: "ballot:cast", voteId: voteId(s), choice: "pour" });
};

const ROWS: Row[] = [
  {
    rule: "SIT-2 the chair marks a member present",
    given: () => newSitting(),
    actor: president,
    command: () => ({ type: "rollcall:mark", memberId: "m2", status: "present" }),
    then: { events: ["rollcall:marked"] },
  },
  {
    rule: "SIT-2 a councillor checks themself in when the council allows it",
    given: () => newSitting(),
    actor: councillor("m3"),
    command: () => ({ type: "rollcall:check-in" }),
    then: { events: ["rollcall:marked"] },
  },
  {
    rule: "SIT-2 self check-in refused when the council forbids it",
    given: () => newSitting({ selfCheckIn: false }),
    actor: councillor("m3"),
    command: () => ({ type: "rollcall:check-in" }),
    then: { refused: "self-check-in-disabled" },
  },
  {
    rule: "SIT-2 a councillor may not mark the roll call",
    given: () => newSitting(),
    actor: councillor("m3"),
    command: () => ({ type: "rollcall:mark", memberId: "m3", status: "present" }),
    then: { refused: "forbidden" },
  },
  {
    rule: "PROXY-1 a proxy from an absent member to a present one",
    given: () => newSitting(),
    actor: clerk,
    command: () => ({ type: "proxy:give", from: "m8", to: "m2" }),
    then: { events: ["proxy:given"] },
  },
  {
    rule: "SIT-3 the opening records the quorum",
    given: () => newSitting(),
    actor: president,
    command: () => ({ type: "sitting:open" }),
    then: { events: ["sitting:opened"] },
  },
  {
    rule: "SIT-6 an item called without quorum is deferred",
    given: () => play(newSitting(), president, { type: "sitting:open" }),
    actor: president,
    command: () => ({ type: "item:call", itemId: "i1" }),
    then: { events: ["item:called", "item:deferred"] },
  },
  {
    rule: "SIT-6 an item called with quorum",
    given: () => liveItem(),
    actor: president,
    command: () => ({ type: "item:call", itemId: "i2" }),
    then: { events: ["item:called"] },
  },
  {
    rule: "SIT-4 a vote opens on the called item",
    given: () => liveItem(),
    actor: president,
    command: () => ({ type: "vote:open", itemId: "i1", mode: "public" }),
    then: { events: ["vote:opened"] },
  },
  {
    rule: "SIT-4 only the president opens a vote",
    given: () => liveItem(),
    actor: clerk,
    command: () => ({ type: "vote:open", itemId: "i1" }),
    then: { refused: "forbidden" },
  },
  {
    rule: "SIT-4 a present member casts a public ballot",
    given: openVote(),
    actor: councillor("m2"),
    command: (s) => ({ type: "ballot:cast", voteId: voteId(s), choice: "pour" }),
    then: { events: ["ballot:cast"] },
  },
  {
    rule: "SIT-4 the president votes last",
    given: openVote(),
    actor: president,
    command: (s) => ({ type: "ballot:cast", voteId: voteId(s), choice: "pour" }),
    then: { refused: "president-votes-last" },
  },
  {
    rule: "SIT-5 a secret ballot is a deposit (who), never a choice in the log",
    given: () => openVote("secret")(),
    actor: councillor("m2"),
    command: (s) => ({ type: "ballot:cast", voteId: voteId(s), choice: "contre" }),
    then: { events: ["ballot:deposited"] },
  },
  {
    rule: "SIT-5 one secret deposit per entitlement",
    given: () => deposited(),
    actor: councillor("m2"),
    command: (s) => ({ type: "ballot:cast", voteId: voteId(s), choice: "pour" }),
    then: { refused: "already-voted" },
  },
  {
    rule: "SIT-9 an absent member is not in the electorate",
    given: openVote(),
    actor: councillor("m8"),
    command: (s) => ({ type: "ballot:cast", voteId: voteId(s), choice: "pour" }),
    then: { refused: "not-entitled" },
  },
  {
    rule: "SIT-9 attendance may not drop during a vote",
    given: openVote(),
    actor: president,
    command: () => ({ type: "rollcall:mark", memberId: "m2", status: "absent" }),
    then: { refused: "vote-open" },
  },
  {
    rule: "SIT-9 an arrival during a vote is recorded",
    given: openVote(),
    actor: president,
    command: () => ({ type: "rollcall:mark", memberId: "m8", status: "present" }),
    then: { events: ["rollcall:marked"] },
  },
  {
    rule: "SIT-7 no suspension during a vote",
    given: openVote(),
    actor: president,
    command: () => ({ type: "sitting:suspend" }),
    then: { refused: "vote-open" },
  },
  {
    rule: "SIT-7 a suspension outside a vote",
    given: () => liveItem(),
    actor: clerk,
    command: () => ({ type: "sitting:suspend" }),
    then: { events: ["sitting:suspended"] },
  },
  {
    rule: "SIT-4 a show of hands is counted by the chair",
    given: () => openVote("show-of-hands")(),
    actor: clerk,
    command: (s) => ({ type: "vote:record-hands", voteId: voteId(s), tally: { pour: 5, contre: 2, abstention: 0, nppv: 0 } }),
    then: { events: ["vote:hands-recorded"] },
  },
  {
    rule: "SIT-9 a show of hands counting more than the electorate is refused",
    given: () => openVote("show-of-hands")(),
    actor: clerk,
    command: (s) => ({ type: "vote:record-hands", voteId: voteId(s), tally: { pour: 8, contre: 0, abstention: 0, nppv: 0 } }),
    then: { refused: "bad-request" },
  },
  {
    rule: "SEC-24 minutes are approved only once the sitting is closed",
    given: () => liveItem(),
    actor: clerk,
    command: () => ({ type: "minutes:approve", version: 1, hash: "a".repeat(64), atSittingId: "s2" }),
    then: { refused: "wrong-state" },
  },
  {
    rule: "SEC-24 a councillor cannot approve the minutes",
    given: () => newSitting(),
    actor: councillor("m2"),
    command: () => ({ type: "minutes:approve", version: 1, hash: "a".repeat(64), atSittingId: "s2" }),
    then: { refused: "forbidden" },
  },
];

describe("applyCommand, one rule per row", () => {
  for (const row of ROWS) {
    it(row.rule, () => {
      const state = row.given();
      const out = applyCommand(state, row.actor, row.command(state), ctx());
      if ("events" in row.then) {
        expect(out.ok ? out.events.map((e) => e.type) : out.error.code).toEqual(row.then.events);
      } else {
        expect(out.ok ? "accepted" : out.error.code).toBe(row.then.refused);
      }
    });
  }
});

describe("applyEvent folds", () => {
  it("SIT-4 applyEvent leaves its input untouched and records the ballot in the copy", () => {
    const s = openVote()();
    const id = voteId(s);
    const next = applyEvent(s, { type: "ballot:cast", voteId: id, memberId: "m2", onBehalfOf: "", choice: "contre", at: "t" });
    expect(s.votes[id]!.ballots).toEqual({});
    expect(next.votes[id]!.ballots["m2|"]).toMatchObject({ choice: "contre" });
  });

  it("SIT-10 a departure during a vote lapses the ballots not cast yet; the cast ones stay", () => {
    let s = openVote()();
    const id = voteId(s);
    s = play(s, councillor("m2"), { type: "ballot:cast", voteId: id, choice: "pour" });
    s = play(s, president, { type: "rollcall:depart", memberId: "m2" });
    s = play(s, president, { type: "rollcall:depart", memberId: "m3" });
    expect(s.votes[id]!.lapsed).toEqual(["m3|"]);
    expect(Object.keys(s.votes[id]!.ballots)).toEqual(["m2|"]);
  });
});

describe("quorum at the call", () => {
  it("QUORUM-9 quorum is checked when an item is called, not again when its vote opens", () => {
    // Nine in office: 5 present is the quorum. It is reached at the call of i1, lost afterwards.
    let s = liveItem(5);
    expect(s.items.i1?.call?.quorum.reached).toBe(true);
    s = play(s, president, { type: "rollcall:depart", memberId: "m5" });
    const opened = applyCommand(s, president, { type: "vote:open", itemId: "i1", mode: "show-of-hands" }, ctx());
    expect(opened.ok ? opened.events.map((e) => e.type) : opened.error.code).toContain("vote:opened");
    // The next call counts again, from that moment's roll call: 4 present, the item is deferred.
    s = play(s, president, { type: "item:call", itemId: "i2" });
    expect(s.items.i2?.call?.quorum).toMatchObject({ counted: 4, required: 5, reached: false });
  });
});
