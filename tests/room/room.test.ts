// ROOM-*: the sitting room on its own, over the memory store and a fake audience (its listeners):
// group commit, replies after the commit, one stored reply per command id, reloads when the store
// moved on elsewhere, one failing command not sinking the others.
import { describe, expect, it } from "vitest";
import type { CommandBody } from "../../core/sitting/protocol";
import type { SittingEvent } from "../../core/sitting/state";
import { RoomRegistry } from "../../server/realtime/room-registry";
import { SittingRoom, type RoomDeps } from "../../server/realtime/sitting-room";
import { MemorySittingStore } from "../../server/store/memory-store";
import type { CommitBatch, CommitResult } from "../../server/store/port";
import { backing, councillor, IDS, president, roomDeps } from "./room-fixture";

/** The memory store, counting commits and able to fail one command on purpose. */
class CountingStore extends MemorySittingStore {
  commits: CommitBatch[] = [];
  failCommand: string | null = null;
  override commit(batch: CommitBatch): Promise<CommitResult> {
    this.commits.push(batch);
    if (this.failCommand && batch.entries.some((e) => e.commandId === this.failCommand)) return Promise.reject(new Error("disk full"));
    return super.commit(batch);
  }
}

const deps = (store: MemorySittingStore) => roomDeps(store);

const mark = (memberId: string): CommandBody => ({ type: "rollcall:mark", memberId, status: "present" });
const env = (commandId: string, command: CommandBody) => ({ sittingId: "s", commandId, command });

describe("the sitting room", () => {
  it("ROOM-1 commands of one tick are committed in one batch; the audience hears after the commit, the replies follow", async () => {
    const store = new CountingStore(backing());
    const room = await SittingRoom.load(deps(store), "s");
    const heard: SittingEvent["type"][][] = [];
    room.onChange((_r, committed) => heard.push(committed.map((c) => c.event.type)));
    const replies = await Promise.all(IDS.slice(0, 5).map((id, i) => room.handle(president, env(`c-${i}`, mark(id)))));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(store.commits).toHaveLength(1);
    expect(store.commits[0]!.entries).toHaveLength(5);
    expect(heard).toEqual([["rollcall:marked", "rollcall:marked", "rollcall:marked", "rollcall:marked", "rollcall:marked"]]);
    expect(room.state.seq).toBe(5);
    expect((await store.load("s")).state.seq).toBe(5);
  });

  it("ROOM-2 a retry gets its stored reply; another sender or another payload with the same id is refused; refusals are stored too", async () => {
    const store = new CountingStore(backing());
    const room = await SittingRoom.load(deps(store), "s");
    const first = await room.handle(president, env("c-1", mark("m2")));
    const again = await room.handle(president, env("c-1", mark("m2")));
    expect(again).toEqual(first);
    expect((await room.handle(councillor("m3"), env("c-1", mark("m2")))).ok ? "ok" : "refused").toBe("refused");
    const reused = await room.handle(president, env("c-1", mark("m4")));
    expect(reused.ok ? "ok" : reused.error.code).toBe("command-id-reused");
    const refused = await room.handle(councillor("m3"), env("c-2", { type: "sitting:open" }));
    expect(refused.ok ? "ok" : refused.error.code).toBe("forbidden");
    expect((await store.findReceipts("s", ["c-2"])).get("c-2")?.reply).toEqual(refused);
    expect(room.state.seq).toBe(1);
  });

  it("ROOM-3 when the log moved on elsewhere, the room reloads and decides again on the new state", async () => {
    const b = backing();
    const store = new CountingStore(b);
    const room = await SittingRoom.load(deps(store), "s");
    const elsewhere = await SittingRoom.load(deps(new MemorySittingStore(b)), "s");
    await elsewhere.handle(president, env("x-1", mark("m2")));
    const r = await room.handle(president, env("c-1", mark("m3")));
    expect(r.ok).toBe(true);
    expect(room.state.seq).toBe(2);
    expect(Object.keys(room.state.attendance).sort()).toEqual(["m2", "m3"]);
  });

  it("ROOM-4 one command whose commit fails gets `internal`; the others of its batch are committed", async () => {
    const store = new CountingStore(backing());
    store.failCommand = "c-bad";
    const room = await SittingRoom.load(deps(store), "s");
    const [a, bad, c] = await Promise.all([
      room.handle(president, env("c-a", mark("m2"))),
      room.handle(president, env("c-bad", mark("m3"))),
      room.handle(president, env("c-c", mark("m4"))),
    ]);
    expect([a.ok, bad.ok ? "ok" : bad.error.code, c.ok]).toEqual([true, "internal", true]);
    expect(Object.keys(room.state.attendance).sort()).toEqual(["m2", "m4"]);
  });

  it("ROOM-5 a registry's room follows commits made through another store on the same data", async () => {
    const b = backing();
    const registry = new RoomRegistry(deps(new MemorySittingStore(b)));
    const room = await registry.get("s");
    const other = await SittingRoom.load(deps(new MemorySittingStore(b)), "s");
    await other.handle(president, env("x-1", mark("m5")));
    const deadline = Date.now() + 2000;
    while (room.state.seq !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(room.state.attendance.m5?.status).toBe("present");
  });
});

/** Two nodes on one database: two registries over shared memory stores of one backing. */
function twoNodes(forwardTo?: () => RoomRegistry) {
  const b = backing();
  const storeA = new MemorySittingStore(b, true);
  const storeB = new MemorySittingStore(b, true);
  const a = new RoomRegistry(deps(storeA));
  const forwarded: string[] = [];
  const bDeps: RoomDeps = {
    ...deps(storeB),
    forward: async (actor, e) => {
      forwarded.push(e.commandId);
      if (!forwardTo) throw new Error("no forwarding in this test");
      return (await forwardTo().get(e.sittingId)).handleHere(actor, e);
    },
  };
  const bReg = new RoomRegistry(bDeps);
  return { b, storeA, storeB, a, bReg, forwarded };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 2000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return check();
};

describe("the sitting room on a shared store (several nodes)", () => {
  it("ROOM-6 a read copy folds the owner's commits with the same code: same state as the owner and as a fresh load, its audience hears each batch", async () => {
    let nodes: ReturnType<typeof twoNodes> | null = null;
    nodes = twoNodes(() => nodes!.a);
    const owner = await nodes.a.get("s");
    const copy = await nodes.bReg.get("s");
    const heard: number[] = [];
    copy.onChange((_r, committed) => heard.push(...committed.map((c) => c.seq)));
    await Promise.all(IDS.slice(1, 6).map((id, i) => owner.handle(president, env(`c-${i}`, mark(id)))));
    await owner.handle(president, env("c-open", { type: "sitting:open" }));
    expect(owner.owner).toBe(true);
    expect(copy.owner).toBe(false);
    expect(await until(() => copy.state.seq === owner.state.seq)).toBe(true);
    expect(heard).toEqual([1, 2, 3, 4, 5, 6]);
    expect(copy.state).toEqual(owner.state);
    expect(copy.state).toEqual((await nodes.storeB.load("s")).state);
  });

  it("ROOM-7 a command reaching a read copy is forwarded to the owner (never forwarded again); with no owner the copy claims the sitting and decides", async () => {
    let nodes: ReturnType<typeof twoNodes> | null = null;
    nodes = twoNodes(() => nodes!.a);
    const owner = await nodes.a.get("s");
    await owner.handle(president, env("c-1", mark("m2")));
    const copy = await nodes.bReg.get("s");
    const r = await copy.handle(president, env("c-2", mark("m3")));
    expect(r.ok).toBe(true);
    expect(nodes.forwarded).toEqual(["c-2"]);
    expect(owner.state.seq).toBe(2);
    // A forwarded command reaching a node that does not own the sitting is refused, not sent on.
    const here = await copy.handleHere(president, env("c-3", mark("m4")));
    expect(here.ok ? "ok" : here.error.code).toBe("moved");
    // The owner lets the sitting go: the command handed to it comes back "moved", and the copy
    // claims the sitting, reloads, and decides itself.
    await nodes.storeA.release("s");
    const mine = await copy.handle(president, env("c-4", mark("m5")));
    expect(mine.ok).toBe(true);
    expect(copy.owner).toBe(true);
    expect(nodes.forwarded).toEqual(["c-2", "c-4"]);
    expect(copy.state.seq).toBe(3);
    expect(await until(() => !owner.owner && owner.state.seq === 3)).toBe(true);
  });

  it("ROOM-8 an owner that loses its claim becomes a read copy: its commands get `moved`, the retry (same id) on the new owner is applied once", async () => {
    let nodes: ReturnType<typeof twoNodes> | null = null;
    nodes = twoNodes(() => nodes!.a);
    const owner = await nodes.a.get("s");
    await owner.handle(president, env("c-1", mark("m2")));
    const copy = await nodes.bReg.get("s");
    nodes.storeA.loseClaims();
    expect(await until(() => !owner.owner)).toBe(true);
    const lost = await owner.handle(president, env("c-2", mark("m3")));
    // The old owner could claim again here (nobody holds it); what matters is one decision per id.
    const retry = await copy.handle(president, env("c-2", mark("m3")));
    expect(retry.ok).toBe(true);
    if (lost.ok && retry.ok) expect(retry).toEqual(lost);
    expect(await until(() => owner.state.seq === copy.state.seq)).toBe(true);
    const log = await nodes.storeB.eventsAfter("s", 0);
    expect(log.map((e) => e.seq)).toEqual([1, 2]);
    expect(log.filter((e) => e.type === "rollcall:marked" && e.payload.includes('"m3"'))).toHaveLength(1);
  });
});
