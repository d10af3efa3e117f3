// DEBATE-7: the room clock over the memory store, with a clock the test moves: the room ticks at the
// core's deadline and the tick is logged like any command; a room loaded again after a "restart"
// finds the deadline in the log and ticks by itself; two rooms on the same data log one time-up.
import { describe, expect, it } from "vitest";
import type { CommandBody } from "../../core/sitting/protocol";
import type { SittingEvent } from "../../core/sitting/state";
import { SittingRoom } from "../../server/realtime/sitting-room";
import { MemorySittingStore } from "../../server/store/memory-store";
import { backing as sittingBacking, IDS, president, roomDeps as deps, T0 } from "./room-fixture";

const backing = () => sittingBacking({ speechSeconds: 120 });

/** A clock the test moves by hand. */
function manualClock() {
  let now = T0;
  return { now: () => new Date(now), set: (seconds: number) => (now = T0 + seconds * 1000) };
}

let n = 0;
async function send(room: SittingRoom, command: CommandBody): Promise<void> {
  const r = await room.handle(president, { sittingId: "s", commandId: `c-${++n}`, command });
  if (!r.ok) throw new Error(`${command.type}: ${r.error.code}`);
}

/** A speaking member: the sitting open, item called, m2 given the floor at T0 for 120 s. */
async function speaking(store: MemorySittingStore, clock: ReturnType<typeof manualClock>): Promise<SittingRoom> {
  const room = await SittingRoom.load(deps(store, clock), "s");
  for (const id of IDS.slice(0, 7)) await send(room, { type: "rollcall:mark", memberId: id, status: "present" });
  await send(room, { type: "sitting:open" });
  await send(room, { type: "item:call", itemId: "i1" });
  await send(room, { type: "floor:give", memberId: "m2" });
  return room;
}

function logOf(store: MemorySittingStore) {
  return store.backing.sittings.get("s")!.events;
}

describe("the room clock", () => {
  it("DEBATE-7 the room ticks at the deadline: the time-up is logged at the deadline's instant, by the clock; a tick with nothing due logs nothing", async () => {
    const clock = manualClock();
    const store = new MemorySittingStore(backing());
    const room = await speaking(store, clock);
    const before = logOf(store).length;
    const receipts = store.backing.sittings.get("s")!.receipts.size;
    clock.set(60);
    await room.wake();
    expect(logOf(store).length).toBe(before);
    expect(store.backing.sittings.get("s")!.receipts.size).toBe(receipts);
    clock.set(125);
    await room.wake();
    const last = logOf(store).at(-1)!;
    expect(last.type).toBe("floor:time-up");
    expect(last.actor).toBe("system:clock");
    expect((JSON.parse(last.payload) as { at: string }).at).toBe(new Date(T0 + 120_000).toISOString());
    expect(room.state.debate.speeches[0]!.timeUpAt).toBe(new Date(T0 + 120_000).toISOString());
    room.stop();
  });

  it("DEBATE-7 after a restart the room finds the deadline in the log and ticks by itself", async () => {
    const clock = manualClock();
    const b = backing();
    const first = await speaking(new MemorySittingStore(b), clock);
    first.stop();
    // The process is gone; the deadline passes; a new process loads the sitting.
    clock.set(200);
    const store = new MemorySittingStore(b);
    const again = await SittingRoom.load(deps(store, clock), "s");
    const heard: SittingEvent["type"][] = [];
    again.onChange((_r, committed) => heard.push(...committed.map((c) => c.event.type)));
    const deadline = Date.now() + 5000;
    while (!heard.includes("floor:time-up") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual(["floor:time-up"]);
    expect(again.state.debate.speeches[0]!.timeUpAt).toBe(new Date(T0 + 120_000).toISOString());
    again.stop();
  });

  it("DEBATE-7 two rooms on the same data (two processes) tick at once: one time-up is logged", async () => {
    const clock = manualClock();
    const b = backing();
    const a = await speaking(new MemorySittingStore(b), clock);
    const other = await SittingRoom.load(deps(new MemorySittingStore(b), clock), "s");
    clock.set(130);
    await Promise.all([a.wake(), other.wake()]);
    const log = b.sittings.get("s")!.events;
    expect(log.filter((e) => e.type === "floor:time-up")).toHaveLength(1);
    a.stop();
    other.stop();
  });

  it("ROOM-9 on a shared store (several nodes) only the owner's clock ticks: a read copy never sends clock:tick; the node that claims the sitting ticks, the one that lost it does not", async () => {
    const clock = manualClock();
    const b = backing();
    const storeA = new MemorySittingStore(b, true);
    const storeB = new MemorySittingStore(b, true);
    // Node A claims the sitting with its first command and gives m2 the floor (deadline T0 + 120 s).
    const owner = await speaking(storeA, clock);
    expect(owner.owner).toBe(true);
    const copy = await SittingRoom.load(deps(storeB, clock), "s");
    await copy.follow();
    expect(copy.owner).toBe(false);
    expect(copy.state.seq).toBe(owner.state.seq);
    const timeUps = () => logOf(storeA).filter((e) => e.type === "floor:time-up").length;
    // The deadline passes: the read copy's clock does nothing, even woken by hand.
    clock.set(130);
    const before = logOf(storeA).length;
    await copy.wake();
    expect(copy.owner).toBe(false);
    expect(logOf(storeA)).toHaveLength(before);
    // Node A loses the sitting (its connection dropped): its room is a read copy and its clock stops.
    storeA.loseClaims();
    owner.demote();
    await owner.wake();
    expect(owner.owner).toBe(false);
    expect(timeUps()).toBe(0);
    // Node B claims it: its clock finds the passed deadline in the state and ticks once, by itself.
    expect(await copy.claim()).toBe(true);
    const deadline = Date.now() + 5000;
    while (timeUps() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(timeUps()).toBe(1);
    const tick = logOf(storeA).find((e) => e.type === "floor:time-up")!;
    expect(tick.actor).not.toBe("secret");
    await owner.follow();
    expect(owner.state.seq).toBe(copy.state.seq);
    expect(timeUps()).toBe(1);
    owner.stop();
    copy.stop();
  });
});
