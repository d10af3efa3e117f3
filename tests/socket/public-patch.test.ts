// CROWD-3: public screens over real Socket.IO receive one snapshot and then patches. Screens that join
// during a burst of ballots (while patches are in flight) still end with exactly the server's view.
// CROWD-4: the councillors' devices (the council's unmasked view) get patches as well.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicView } from "../../core/sitting/projection";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, sittingWithDevices, startTestServer, type TestServer } from "../helpers/test-server";

let srv: TestServer;
let sittingId: string;
let itemIds: string[];
let president: Client;
const voters: Client[] = [];
const viewers: Client[] = [];
const VOTERS = Array.from({ length: 24 }, (_, i) => `m${String(i + 2).padStart(2, "0")}`);

beforeAll(async () => {
  srv = await startTestServer();
  let devices: Client[];
  ({ sittingId, itemIds, president, devices } = await sittingWithDevices(srv.url, VOTERS));
  voters.push(...devices);
  await president.markPresent(30);
  await president.sendOk({ type: "sitting:open" });
  await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
}, 120_000);

afterAll(async () => {
  for (const c of [president, ...voters, ...viewers]) c?.close();
  await srv?.stop();
});

async function serverView(): Promise<PublicView> {
  return ((await (await fetch(`${srv.url}/api/public/sittings/${sittingId}`)).json()) as { data: PublicView }).data;
}

describe("CROWD-3 public screens on patches", () => {
  it("CROWD-3 CROWD-4 screens subscribed before and during a burst of ballots end with the server's view, from patches only; the councillors' devices too", async () => {
    for (let i = 0; i < 20; i++) {
      const v = new Client(srv.url, sittingId);
      await v.subscribe();
      viewers.push(v);
    }
    const opened = await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public", reveal: "live" });
    const voteId = String(opened.voteId);
    // Ballots in flight while twenty more screens join, one after each ballot.
    const casts = VOTERS.map(async (m, i) => {
      await voters[i]!.sendOk({ type: "ballot:cast", voteId, choice: i % 3 === 0 ? "contre" : "pour" });
      if (i < 20) {
        const v = new Client(srv.url, sittingId);
        await v.subscribe();
        viewers.push(v);
      }
    });
    await Promise.all(casts);
    await president.sendOk({ type: "vote:close", voteId });
    const final = await serverView();
    expect(final.vote).toMatchObject({ status: "closed", ballotsCast: 24 });
    for (const v of [...viewers, ...voters]) await v.until((c) => c.view?.seq === final.seq, "the last change");
    for (const v of viewers) expect(v.view).toEqual(final);
    // CROWD-4 outside a closed session the council's view is the public's; the councillors, subscribed
    // before the roll call, got every change since as a patch.
    for (const v of voters) expect(v.view).toEqual(final);
    for (const v of voters) {
      expect(v.received.filter((r) => r.event === "sitting:state")).toEqual([]);
      expect(v.received.filter((r) => r.event === "sitting:patch").length).toBeGreaterThan(0);
    }
    // The first twenty got their snapshot in the subscribe reply and nothing but patches afterwards.
    for (const v of viewers.slice(0, 20)) {
      expect(v.received.filter((r) => r.event === "sitting:state")).toEqual([]);
      expect(v.received.filter((r) => r.event === "sitting:patch").length).toBeGreaterThan(0);
    }
  });

  it("CROWD-4 a council screen that subscribes after the council's screens all left starts from the sitting as it is now", async () => {
    const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
    const { sittingId: sid } = await createSittingAs(srv.url, clerk);
    // The president sends commands without following the sitting (not one of its screens).
    const chair = new Client(srv.url, sid, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    const wall = new Client(srv.url, sid);
    const first = new Client(srv.url, sid, await demoSignIn(srv.url, "u-m05"));
    viewers.push(chair, wall, first);
    await wall.subscribe();
    await first.subscribe();
    await chair.sendOk({ type: "rollcall:mark", memberId: "m02", status: "present" });
    await first.until((c) => c.view?.seq === chair.ackedSeq, "the councillor's patch");
    first.close();
    await chair.sendOk({ type: "rollcall:mark", memberId: "m03", status: "present" });
    // That change was broadcast (the wall has it) while no council screen was connected.
    await wall.until((c) => c.view?.seq === chair.ackedSeq, "the wall's patch");
    const later = new Client(srv.url, sid, await demoSignIn(srv.url, "u-m06"));
    viewers.push(later);
    expect((await later.subscribe()).ok).toBe(true);
    await later.until((c) => c.view?.seq === chair.ackedSeq, "the sitting as it is now", 3000);
    expect(later.view?.counts.present).toBe(2);
  });
});
