// The debate's rules called through the pure core (applyCommand → events or a refusal, applyEvents →
// state), with the ids of docs/SPEC.md: the speakers' list, the floor, speaking time and the room clock.
import { describe, expect, it } from "vitest";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvents } from "../../../core/sitting/apply-event";
import { rapporteurIds, projectDebate } from "../../../core/sitting/debate-view";
import { dueEvents, nextDeadline } from "../../../core/sitting/domains/clock";
import { projectPublic, type SittingHeader } from "../../../core/sitting/projection";
import type { RoomCommand } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { carryHuisClos, clerk, councillor, liveItem, newSitting, play, president } from "./fixture";

const T0 = Date.parse("2022-10-03T16:05:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
let n = 0;

/** Applies a command at `seconds` after 18:05 Paris; throws when refused. */
function step(state: SittingState, actor: Actor, cmd: RoomCommand, seconds = 0): SittingState {
  const out = applyCommand(state, actor, cmd, { now: at(seconds), newId: () => `id${++n}` });
  if (!out.ok) throw new Error(`${cmd.type} refused: ${out.error.code} ${out.error.detail ?? ""}`);
  const next = applyEvents(state, out.events);
  next.seq += out.events.length;
  return next;
}
function refusal(state: SittingState, actor: Actor, cmd: RoomCommand, seconds = 0): string {
  const out = applyCommand(state, actor, cmd, { now: at(seconds), newId: () => `id${++n}` });
  return out.ok ? `accepted: ${out.events.map((e) => e.type).join(",")}` : out.error.code;
}
const HEADER: SittingHeader = {
  councilName: "Ville",
  commune: "Ville",
  date: "2022-10-03",
  time: "18:00",
  place: "Salle",
  rapporteursByItem: { i1: ["Mme Prénom4 NOM4, adjointe"] },
};
const ask = (s: SittingState, m: string, kind: "speech" | "point-of-order" = "speech", seconds = 0) =>
  step(s, councillor(m), { type: "speech:request", itemId: "i1", kind }, seconds);
const queue = (s: SittingState) => s.debate.requests.filter((r) => r.itemId === "i1").map((r) => `${r.memberId}:${r.kind}`);

describe("the speakers' list", () => {
  it("DEBATE-1 requests keep their order; a councillor withdraws their own; a second request is unchanged", () => {
    let s = ask(ask(ask(liveItem(), "m2"), "m6"), "m3");
    expect(queue(s)).toEqual(["m2:speech", "m6:speech", "m3:speech"]);
    const again = applyCommand(s, councillor("m6"), { type: "speech:request", itemId: "i1" }, { now: at(1), newId: () => "x" });
    expect(again.ok && again.events).toEqual([]);
    expect(again.ok && again.reply).toMatchObject({ unchanged: true, position: 2 });
    const m6 = s.debate.requests.find((r) => r.memberId === "m6")!.id;
    expect(refusal(s, councillor("m2"), { type: "speech:withdraw", requestId: m6 })).toBe("forbidden");
    s = step(s, councillor("m6"), { type: "speech:withdraw", requestId: m6 });
    expect(queue(s)).toEqual(["m2:speech", "m3:speech"]);
    expect(refusal(s, councillor("m6"), { type: "speech:withdraw", requestId: m6 })).toBe("unknown-request");
  });

  it("DEBATE-1 the floor is asked for on the item under discussion, by a member present and not interested", () => {
    const s = liveItem(5);
    expect(refusal(s, councillor("m2"), { type: "speech:request", itemId: "i2" })).toBe("wrong-state");
    expect(refusal(s, councillor("m7"), { type: "speech:request", itemId: "i1" })).toBe("not-present");
    const interested = step(s, councillor("m3"), { type: "interest:declare", itemId: "i1", memberId: "m3" });
    expect(refusal(interested, councillor("m3"), { type: "speech:request", itemId: "i1" })).toBe("wrong-state");
    expect(refusal(newSitting(), councillor("m2"), { type: "speech:request", itemId: "i1" })).toBe("wrong-state");
    const voting = step(s, president, { type: "vote:open", itemId: "i1", mode: "public" });
    expect(refusal(voting, councillor("m2"), { type: "speech:request", itemId: "i1" })).toBe("wrong-state");
  });

  it("DEBATE-2 a point of order goes before every ordinary request, after earlier points of order, even during a vote", () => {
    let s = ask(ask(liveItem(), "m2"), "m6");
    s = ask(s, "m7", "point-of-order");
    s = ask(s, "m3", "point-of-order");
    s = ask(s, "m4");
    expect(queue(s)).toEqual(["m7:point-of-order", "m3:point-of-order", "m2:speech", "m6:speech", "m4:speech"]);
    const voting = step(liveItem(), president, { type: "vote:open", itemId: "i1", mode: "public" });
    expect(queue(ask(voting, "m5", "point-of-order"))).toEqual(["m5:point-of-order"]);
  });

  it("DEBATE-3 the chair adds a member without a device, reorders exactly the pending list, removes a request; a councillor cannot", () => {
    let s = ask(liveItem(), "m2");
    s = step(s, clerk, { type: "speech:request", itemId: "i1", memberId: "m5" });
    s = step(s, president, { type: "speech:request", itemId: "i1", memberId: "m6" });
    expect(s.debate.requests.map((r) => r.byChair)).toEqual([false, true, true]);
    expect(refusal(s, councillor("m2"), { type: "speech:request", itemId: "i1", memberId: "m5" })).toBe("forbidden");
    const ids = s.debate.requests.map((r) => r.id);
    expect(refusal(s, councillor("m2"), { type: "speech:reorder", itemId: "i1", requestIds: [...ids].reverse() })).toBe("forbidden");
    expect(refusal(s, clerk, { type: "speech:reorder", itemId: "i1", requestIds: ids.slice(1) })).toBe("conflict");
    expect(refusal(s, clerk, { type: "speech:reorder", itemId: "i1", requestIds: [ids[0]!, ids[0]!, ids[1]!] })).toBe("conflict");
    s = step(s, clerk, { type: "speech:reorder", itemId: "i1", requestIds: [ids[2]!, ids[0]!, ids[1]!] });
    expect(queue(s)).toEqual(["m6:speech", "m2:speech", "m5:speech"]);
    s = step(s, clerk, { type: "speech:withdraw", requestId: ids[0]! });
    expect(queue(s)).toEqual(["m6:speech", "m5:speech"]);
    expect(s.debate.requests.length).toBe(2);
  });
});

describe("the floor", () => {
  it("DEBATE-4 only the president gives the floor; the next speaker ends the speech before; ending and adding time are the president's", () => {
    let s = ask(ask(liveItem(), "m2"), "m6");
    const [r2, r6] = s.debate.requests.map((r) => r.id);
    expect(refusal(s, clerk, { type: "floor:give", requestId: r2! })).toBe("forbidden");
    expect(refusal(s, councillor("m2"), { type: "floor:give", requestId: r2! })).toBe("forbidden");
    s = step(s, president, { type: "floor:give", requestId: r2! }, 10);
    expect(s.debate.currentSpeechId).not.toBeNull();
    expect(queue(s)).toEqual(["m6:speech"]);
    s = step(s, president, { type: "floor:give", requestId: r6! }, 70);
    const [first, second] = s.debate.speeches;
    expect(first).toMatchObject({ memberId: "m2", endedAt: at(70), endReason: "next-speaker" });
    expect(second).toMatchObject({ memberId: "m6", group: "Opposition", startedAt: at(70), endedAt: null });
    expect(refusal(s, clerk, { type: "floor:end" })).toBe("forbidden");
    s = step(s, president, { type: "floor:end" }, 100);
    expect(s.debate.currentSpeechId).toBeNull();
    expect(refusal(s, president, { type: "floor:end" })).toBe("wrong-state");
    expect(refusal(s, president, { type: "floor:give", memberId: "m8" })).toBe("not-present");
    expect(refusal(s, president, { type: "floor:give", requestId: "nope" })).toBe("unknown-request");
  });

  it("DEBATE-4 the floor given directly to a member who had asked uses up their request", () => {
    let s = ask(liveItem(), "m3");
    s = step(s, president, { type: "floor:give", memberId: "m3" });
    expect(s.debate.requests).toEqual([]);
    expect(s.debate.speeches[0]!.requestId).not.toBeNull();
  });

  it("DEBATE-5 the item's rapporteur, found by name in the agenda, is offered first until they have presented it", () => {
    let s = ask(liveItem(), "m2");
    expect(rapporteurIds(s, HEADER, "i1")).toEqual(["m4"]);
    expect(rapporteurIds(s, { ...HEADER, rapporteursByItem: { i1: ["NOM4 Prénom4"] } }, "i1")).toEqual(["m4"]);
    expect(rapporteurIds(s, { ...HEADER, rapporteursByItem: { i1: ["Prénom4 NOM44"] } }, "i1")).toEqual([]);
    expect(projectDebate(s, HEADER).rapporteurs.map((r) => r.memberId)).toEqual(["m4"]);
    s = step(s, president, { type: "floor:give", memberId: "m4", kind: "rapporteur" });
    const view = projectDebate(s, HEADER);
    expect(view.rapporteurs).toEqual([]);
    expect(view.current).toMatchObject({ memberId: "m4", kind: "rapporteur", name: "Mme Prénom4 NOM4" });
    expect(view.queue.map((q) => q.memberId)).toEqual(["m2"]);
  });
});

describe("speaking time", () => {
  it("DEBATE-6 each kind's limit from the settings is fixed in the speech when the floor is given; 0 means none", () => {
    let s = liveItem(7, { speechSeconds: 180, rapporteurSeconds: 0, pointOfOrderSeconds: 60 });
    s = step(s, president, { type: "floor:give", memberId: "m4", kind: "rapporteur" });
    expect(s.debate.speeches[0]!.allowanceMs).toBeNull();
    s = step(s, president, { type: "floor:give", memberId: "m2" }, 100);
    expect(s.debate.speeches[1]!.allowanceMs).toBe(180_000);
    s = step(s, president, { type: "floor:give", memberId: "m6", kind: "point-of-order" }, 200);
    expect(s.debate.speeches[2]!.allowanceMs).toBe(60_000);
    // The settings change afterwards: the speech keeps what it was given.
    s = { ...s, settings: { ...s.settings, pointOfOrderSeconds: 10 } };
    expect(projectDebate(s, HEADER).current).toMatchObject({ allowanceMs: 60_000, endsAt: at(260) });
  });

  it("DEBATE-6 a speech gets no more than what is left of its group's budget (per item); rapporteurs and points of order spend none", () => {
    let s = liveItem(7, { speechSeconds: 300, groupBudgetSeconds: 400, groupBudgetScope: "item" });
    s = step(s, president, { type: "floor:give", memberId: "m4", kind: "rapporteur" }, 0);
    s = step(s, president, { type: "floor:give", memberId: "m2" }, 500); // rapporteur spoke 500 s: not the group's
    expect(s.debate.speeches[1]!.allowanceMs).toBe(300_000);
    s = step(s, president, { type: "floor:give", memberId: "m3", kind: "point-of-order" }, 750); // m2 spoke 250 s
    s = step(s, president, { type: "floor:give", memberId: "m5" }, 800);
    expect(s.debate.speeches[3]!.allowanceMs).toBe(150_000);
    s = step(s, president, { type: "floor:give", memberId: "m6" }, 850);
    expect(s.debate.speeches[4]!.allowanceMs).toBe(300_000);
    const view = projectDebate(s, HEADER);
    expect(view.used.item.byGroup).toEqual({ Majorité: 300_000 });
    expect(view.used.item.byMember).toMatchObject({ m4: 500_000, m2: 250_000, m3: 50_000, m5: 50_000 });
    expect(view.groups).toEqual([
      { group: "Majorité", usedMs: 300_000, remainingMs: 100_000 },
      { group: "Opposition", usedMs: 0, remainingMs: 400_000 },
    ]);
  });

  it("DEBATE-6 a budget for the whole sitting carries over to the next item", () => {
    let s = liveItem(7, { speechSeconds: 0, groupBudgetSeconds: 600, groupBudgetScope: "sitting" });
    s = step(s, president, { type: "floor:give", memberId: "m6" }, 0);
    s = step(s, president, { type: "floor:end" }, 200);
    s = step(s, president, { type: "item:call", itemId: "i2" }, 210);
    s = step(s, president, { type: "floor:give", memberId: "m7" }, 220);
    expect(s.debate.speeches[1]!.allowanceMs).toBe(400_000);
  });

  it("DEBATE-6 the president adds time; a speech without a limit gets one", () => {
    let s = liveItem(7, { speechSeconds: 120 });
    s = step(s, president, { type: "floor:give", memberId: "m2" }, 0);
    s = step(s, president, { type: "floor:add-time", seconds: 60 }, 30);
    expect(projectDebate(s, HEADER).current?.endsAt).toBe(at(180));
    expect(refusal(s, clerk, { type: "floor:add-time", seconds: 60 })).toBe("forbidden");
    let u = liveItem(7, { speechSeconds: 0 });
    u = step(u, president, { type: "floor:give", memberId: "m2" }, 0);
    expect(nextDeadline(u)).toBeNull();
    u = step(u, president, { type: "floor:add-time", seconds: 30 }, 100);
    expect(projectDebate(u, HEADER).current?.endsAt).toBe(at(130));
  });
});

describe("the room clock", () => {
  it("DEBATE-7 the next deadline is the speech's end; at the tick the time-up is noted at the deadline's instant, once", () => {
    let s = liveItem(7, { speechSeconds: 120 });
    expect(nextDeadline(s)).toBeNull();
    s = step(s, president, { type: "floor:give", memberId: "m2" }, 0);
    expect(nextDeadline(s)).toBe(at(120));
    expect(dueEvents(s, at(119))).toEqual([]);
    expect(refusal(s, clerk, { type: "clock:tick" }, 100)).toBe("accepted: ");
    // The tick comes late (a restart): the time-up is still the deadline's instant.
    s = step(s, clerk, { type: "clock:tick" }, 500);
    expect(s.debate.speeches[0]!.timeUpAt).toBe(at(120));
    expect(nextDeadline(s)).toBeNull();
    expect(dueEvents(s, at(600))).toEqual([]);
    // Time added after the time-up: the clock waits for the new deadline.
    s = step(s, president, { type: "floor:add-time", seconds: 600 }, 510);
    expect(s.debate.speeches[0]!.timeUpAt).toBeNull();
    expect(nextDeadline(s)).toBe(at(720));
  });

  it("DEBATE-7 a speech the sitting moved past ends at that moment: another item called, a suspension, the closing", () => {
    const speaking = () => step(liveItem(7, { speechSeconds: 120 }), president, { type: "floor:give", memberId: "m2" }, 0);
    const moved = step(speaking(), president, { type: "item:call", itemId: "i2" }, 30);
    expect(nextDeadline(moved)).toBe(at(30));
    expect(dueEvents(moved, at(31))).toEqual([{ type: "floor:ended", speechId: moved.debate.currentSpeechId, at: at(30), reason: "item-changed" }]);
    const suspended = step(speaking(), president, { type: "sitting:suspend" }, 200);
    expect(dueEvents(suspended, at(205)).map((e) => e.type + ":" + ("at" in e ? e.at : ""))).toEqual([`floor:time-up:${at(120)}`, `floor:ended:${at(200)}`]);
    const closed = step(speaking(), president, { type: "sitting:close" }, 60);
    const ended = step(closed, clerk, { type: "clock:tick" }, 61);
    expect(ended.debate.speeches[0]).toMatchObject({ endedAt: at(60), endReason: "closed", timeUpAt: null });
    expect(ended.debate.currentSpeechId).toBeNull();
    expect(refusal(speaking(), councillor("m2"), { type: "clock:tick" })).toBe("forbidden");
  });

  it("DEBATE-8 a suspension with a planned end: in minutes or at a time on the council's clock; the time is noted as due", () => {
    let s = liveItem();
    s = step(s, president, { type: "suspension:plan", minutes: 10 }, 0);
    expect(s.status).toBe("suspended");
    expect(nextDeadline(s)).toBe(at(600));
    expect(projectDebate(s, HEADER).resumption).toEqual({ at: at(600), due: false });
    s = step(s, clerk, { type: "clock:tick" }, 601);
    expect(projectDebate(s, HEADER).resumption).toEqual({ at: at(600), due: true });
    expect(nextDeadline(s)).toBeNull();
    // "Reprise à 18h30" (Paris) while suspended: 16:30Z.
    s = step(s, president, { type: "suspension:plan", resumeAt: "18:30" }, 700);
    expect(projectDebate(s, HEADER).resumption).toEqual({ at: "2022-10-03T16:30:00.000Z", due: false });
    // A time already past today is tomorrow's (a sitting running past midnight).
    const late = step(liveItem(), president, { type: "suspension:plan", resumeAt: "00:15" }, 0);
    expect(late.clock.plannedResumption?.at).toBe("2022-10-03T22:15:00.000Z");
    s = step(s, president, { type: "sitting:resume" }, 800);
    expect(projectDebate(s, HEADER).resumption).toBeNull();
    expect(nextDeadline(s)).toBeNull();
    const voting = step(liveItem(), president, { type: "vote:open", itemId: "i1", mode: "public" });
    expect(refusal(voting, president, { type: "suspension:plan", minutes: 5 })).toBe("vote-open");
    expect(refusal(liveItem(), councillor("m2"), { type: "suspension:plan", minutes: 5 })).toBe("forbidden");
  });

  it("DEBATE-7 the state folded from the log again gives the same deadline (a restart loses no timer)", () => {
    let s = liveItem(7, { speechSeconds: 90 });
    const start = s;
    const record = (actor: Actor, cmd: RoomCommand, seconds: number) => {
      const out = applyCommand(s, actor, cmd, { now: at(seconds), newId: () => `id${++n}` });
      if (!out.ok) throw new Error(out.error.code);
      s = applyEvents(s, out.events);
      return out.events;
    };
    const events = [...record(president, { type: "floor:give", memberId: "m2" }, 5), ...record(president, { type: "floor:add-time", seconds: 45 }, 50)];
    const rebuilt = applyEvents(start, events);
    expect(nextDeadline(rebuilt)).toBe(at(140));
    expect(play(rebuilt, clerk, { type: "clock:tick" }).debate.speeches[0]!.timeUpAt).toBeNull();
  });
});

describe("the debate in camera", () => {
  it("DEBATE-12 speeches made in camera stay out of the public's speaking times, during the closed session and after it; the council sees them", () => {
    let s = carryHuisClos(liveItem(7), (state, actor, cmd) => step(state, actor, cmd));
    expect(s.huisClos).not.toBeNull();
    s = ask(s, "m3", "speech", 10);
    s = step(s, president, { type: "floor:give", requestId: s.debate.requests[0]!.id }, 20);
    s = step(s, president, { type: "floor:end" }, 80);
    const spoken = (v: ReturnType<typeof projectPublic>) => ({
      member: v.debate.used.sitting.byMember.m3 ?? 0,
      groups: v.debate.groups.reduce((t, g) => t + g.usedMs, 0),
    });
    expect(spoken(projectPublic(s, HEADER, "council")).member).toBe(60_000);
    expect(spoken(projectPublic(s, HEADER))).toEqual({ member: 0, groups: 0 });
    s = step(s, clerk, { type: "huis-clos:end" }, 90);
    expect(spoken(projectPublic(s, HEADER))).toEqual({ member: 0, groups: 0 });
    expect(JSON.stringify(projectPublic(s, HEADER).debate)).not.toContain("60000");
    expect(spoken(projectPublic(s, HEADER, "council")).member).toBe(60_000);
  });
});
