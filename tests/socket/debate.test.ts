// The debate over the real server and real Socket.IO clients (DEBATE-*): the speakers' list and its
// rules as every screen receives them, the floor given by the president only, the public API carrying
// the speaker, the room clock noting a time-up, and a speech's timer surviving a server restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicView } from "../../core/sitting/projection";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import * as Y from "yjs";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { yClient } from "../helpers/yjs-client";
import { publicEvents } from "../helpers/public-events";

let srv: TestServer;
let clerkCookie: string;
const open: Client[] = [];

beforeAll(async () => {
  srv = await startTestServer();
  clerkCookie = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
});
afterAll(async () => {
  for (const c of open) c.close();
  await srv?.stop();
});

async function settings(body: Record<string, unknown>, url = srv.url): Promise<void> {
  const r = await fetch(`${url}/api/clerk/council/settings`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerkCookie },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(200);
}

interface Room {
  sittingId: string;
  itemIds: string[];
  president: Client;
  clerk: Client;
  pub: Client;
  phone: (memberId: string) => Promise<Client>;
}

/** A fresh sitting, 30 members present and m41, m49 too, opened, its first item called. */
async function liveSitting(url = srv.url): Promise<Room> {
  const { sittingId, itemIds } = await createSittingAs(url, clerkCookie);
  const president = new Client(url, sittingId, await signInWithPassword(url, "maire", DEMO_PASSWORDS.president));
  const clerk = new Client(url, sittingId, clerkCookie);
  const pub = new Client(url, sittingId);
  open.push(president, clerk, pub);
  for (const c of [president, clerk, pub]) expect((await c.subscribe()).ok).toBe(true);
  await president.markPresent(30);
  for (const m of ["m41", "m45", "m49"]) await president.sendOk({ type: "rollcall:mark", memberId: m, status: "present" });
  await president.sendOk({ type: "sitting:open" });
  await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
  const phone = async (memberId: string) => {
    const c = new Client(url, sittingId, await demoSignIn(url, `u-${memberId}`));
    open.push(c);
    expect((await c.subscribe()).ok).toBe(true);
    return c;
  };
  return { sittingId, itemIds, president, clerk, pub, phone };
}

const listOf = (c: Client) => (c.view?.debate.queue ?? []).map((q) => `${q.memberId}:${q.kind}`);

describe("the speakers' list over sockets", () => {
  it("DEBATE-1 DEBATE-2 DEBATE-3 DEBATE-4 DEBATE-5 three phones ask, a point of order goes first, a withdrawal, a member without a device, only the president gives the floor", async () => {
    const room = await liveSitting();
    const item = room.itemIds[0]!;
    const [m41, m10, m49] = [await room.phone("m41"), await room.phone("m10"), await room.phone("m49")];
    expect((await m41.sendOk({ type: "speech:request", itemId: item })).position).toBe(1);
    expect((await m10.sendOk({ type: "speech:request", itemId: item })).position).toBe(2);
    expect((await m49.sendOk({ type: "speech:request", itemId: item, kind: "point-of-order" })).position).toBe(1);
    // Every screen (the public's too) gets the list in that order.
    for (const c of [room.pub, m41, room.president]) await c.until((x) => listOf(x).length === 3, "three requests");
    expect(listOf(room.pub)).toEqual(["m49:point-of-order", "m41:speech", "m10:speech"]);
    expect(room.pub.view!.debate.queue[0]).toMatchObject({ name: "M. Adrien ALLARD", group: "Agir pour Poitiers", present: true, byChair: false });
    // DEBATE-5: the item's rapporteur (M. Bastien ARNAUD, m03) is offered first.
    expect(room.pub.view!.debate.rapporteurs.map((r) => r.memberId)).toEqual(["m03"]);

    // A councillor withdraws their own request, not another's.
    const rid = (c: Client, m: string) => c.view!.debate.queue.find((q) => q.memberId === m)!.requestId;
    const other = await m41.send({ type: "speech:withdraw", requestId: rid(m41, "m10") });
    expect(other.ok ? "accepted" : other.error.code).toBe("forbidden");
    await m10.sendOk({ type: "speech:withdraw", requestId: rid(m10, "m10") });
    await room.pub.until((x) => listOf(x).length === 2, "withdrawn");

    // The chair adds a member without a device; a councillor cannot add someone else.
    const forOther = await m41.send({ type: "speech:request", itemId: item, memberId: "m45" });
    expect(forOther.ok ? "accepted" : forOther.error.code).toBe("forbidden");
    await room.clerk.sendOk({ type: "speech:request", itemId: item, memberId: "m45" });
    await room.pub.until((x) => listOf(x).length === 3, "added by the chair");
    expect(room.pub.view!.debate.queue.map((q) => q.byChair)).toEqual([false, false, true]);

    // Only the president gives the floor; a refused attempt changes nothing.
    const seq = room.pub.view!.seq;
    for (const c of [room.clerk, m41]) {
      const r = await c.send({ type: "floor:give", requestId: rid(room.pub, "m49") });
      expect(r.ok ? "accepted" : r.error.code).toBe("forbidden");
    }
    expect((await room.pub.subscribe()).ok && room.pub.view!.seq).toBe(seq);
    await room.president.sendOk({ type: "floor:give", requestId: rid(room.pub, "m49") });
    await room.pub.until((x) => x.view?.debate.current?.memberId === "m49", "m49 has the floor");
    const current = room.pub.view!.debate.current!;
    expect(current).toMatchObject({ kind: "point-of-order", group: "Agir pour Poitiers", allowanceMs: 120_000 });
    expect(Date.parse(current.endsAt!) - Date.parse(current.startedAt)).toBe(120_000);
    expect(listOf(room.pub)).toEqual(["m41:speech", "m45:speech"]);

    // The chair reorders; the president gives the floor to the next, which ends the speech before.
    await room.clerk.sendOk({ type: "speech:reorder", itemId: item, requestIds: [rid(room.pub, "m45"), rid(room.pub, "m41")] });
    await room.pub.until((x) => listOf(x)[0] === "m45:speech", "reordered");
    await room.president.sendOk({ type: "floor:give", requestId: rid(room.pub, "m45") });
    await room.pub.until((x) => x.view?.debate.current?.memberId === "m45", "m45 has the floor");
    expect(room.pub.view!.debate.used.item.byMember.m49).toBeGreaterThanOrEqual(0);
    expect(Object.keys(room.pub.view!.debate.used.item.byMember)).toEqual(["m49"]);
    await room.president.sendOk({ type: "floor:end" });
    await room.pub.until((x) => x.view?.debate.current === null, "speech ended");
  });

  it("DEBATE-9 the server's clock in hello and clock:sync; the public JSON and its event stream carry the speaker", async () => {
    const room = await liveSitting();
    const hello = room.pub.received.find((r) => r.event === "hello")?.data as { serverTime: number } | undefined;
    expect(Math.abs(hello!.serverTime - Date.now())).toBeLessThan(5000);
    const sync = (await room.pub.socket.timeout(5000).emitWithAck("clock:sync")) as { serverTime: number };
    expect(Math.abs(sync.serverTime - Date.now())).toBeLessThan(1000);
    await room.president.sendOk({ type: "floor:give", memberId: "m03", kind: "rapporteur" });
    const json = (await (await fetch(`${srv.url}/api/public/sittings/${room.sittingId}`)).json()) as { data: PublicView };
    expect(json.data.debate.current).toMatchObject({ memberId: "m03", name: "M. Bastien ARNAUD", kind: "rapporteur", endsAt: null });
    // The stream starts from the view last broadcast and catches up by patches to what the JSON said.
    const sse = publicEvents(srv.url, room.sittingId);
    const frame = await sse.until((v) => v.seq >= json.data.seq);
    sse.close();
    expect(frame.debate.current?.memberId).toBe("m03");
    expect(frame.debate.rapporteurs).toEqual([]);
  });
});

describe("the debate in the minutes", () => {
  it("DEBATE-10 the live minutes get one block per speech (name, group, Paris time) with a paragraph after it; the PV lists speaking time per group", async () => {
    const room = await liveSitting();
    await room.president.sendOk({ type: "floor:give", memberId: "m03", kind: "rapporteur" });
    await room.president.sendOk({ type: "floor:give", memberId: "m41" });
    await room.president.sendOk({ type: "floor:give", memberId: "m49", kind: "point-of-order" });
    await room.president.sendOk({ type: "floor:end" });
    const sec = await yClient(srv.url, room.sittingId, await demoSignIn(srv.url, "u-m28"));
    await sec.synced();
    const frag = sec.doc.getXmlFragment("default");
    const speeches = () =>
      frag.toArray().flatMap((n, i) => (n instanceof Y.XmlElement && n.getAttribute("kind") === "speech" ? [{ i, text: String(n.getAttribute("text")) }] : []));
    const end = Date.now() + 10_000;
    while (speeches().length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    const chain = (await srv.db.sittingEvent.findMany({ where: { sittingId: room.sittingId, type: "floor:given" }, orderBy: { seq: "asc" } })).map(
      (e) => JSON.parse(e.payload) as { at: string },
    );
    const paris = (iso: string) =>
      new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(new Date(iso)).replace(":", "h");
    expect(speeches().map((x) => x.text)).toEqual([
      `M. Bastien ARNAUD, rapporteur, présente le point à ${paris(chain[0]!.at)}.`,
      `M. Quentin QUÉRÉ, groupe Poitiers Demain, prend la parole à ${paris(chain[1]!.at)}.`,
      `M. Adrien ALLARD, groupe Agir pour Poitiers, prend la parole pour un rappel au règlement à ${paris(chain[2]!.at)}.`,
    ]);
    // Each block is followed by an empty paragraph where the secretaries write what was said.
    for (const { i } of speeches()) expect((frag.get(i + 1) as Y.XmlElement).nodeName).toBe("paragraph");
    sec.close();
    const pv = await fetch(`${srv.url}/records/sittings/${room.sittingId}/minutes`, { headers: { cookie: clerkCookie } });
    expect(pv.status).toBe(200);
    const html = await pv.text();
    expect(html).toContain("<h2>Temps de parole</h2>");
    expect(html).toMatch(/<td>Poitiers Demain<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>Rappels au règlement<\/td><td class="num">1<\/td>/);
    expect(html).toContain('M. Quentin QUÉRÉ <span class="muted">(Poitiers Demain)</span>');
  });
});

describe("speaking time on the server's clock", () => {
  it("DEBATE-7 DEBATE-9 the room clock notes the time-up at the deadline; after a restart the speech keeps its instants and the clock its deadline", async () => {
    await settings({ speechSeconds: 2 });
    try {
      const room = await liveSitting();
      await room.president.sendOk({ type: "floor:give", memberId: "m41" });
      await room.pub.until((x) => !!x.view?.debate.current?.timeUpAt, "time-up noted", 20_000);
      const first = room.pub.view!.debate.current!;
      expect(first.timeUpAt).toBe(first.endsAt);

      // A second speech, then the server stops before its time runs out and starts again.
      await settings({ speechSeconds: 3 });
      await room.president.sendOk({ type: "floor:give", memberId: "m49" });
      await room.pub.until((x) => x.view?.debate.current?.memberId === "m49", "m49 speaking");
      const before = room.pub.view!.debate.current!;
      expect(before.timeUpAt).toBeNull();
      for (const c of open) c.close();
      open.length = 0;
      const dbFile = srv.dbFile;
      await srv.stop();
      srv = await startTestServer({ dbFile, seed: false });
      const pub = new Client(srv.url, room.sittingId);
      open.push(pub);
      expect((await pub.subscribe()).ok).toBe(true);
      expect(pub.view!.debate.current).toMatchObject({ speechId: before.speechId, startedAt: before.startedAt, endsAt: before.endsAt });
      await pub.until((x) => !!x.view?.debate.current?.timeUpAt, "time-up after the restart", 20_000);
      expect(pub.view!.debate.current!.timeUpAt).toBe(before.endsAt);
    } finally {
      clerkCookie = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
      await settings({ speechSeconds: 300 });
    }
  });
});
