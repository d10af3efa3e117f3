// NET-*: clients drop and return mid-vote at the socket level; retries carry the same command
// id and are applied once; every entitlement (own and proxy) ends with exactly one ballot. An idle
// keep-alive connection is not closed under a client that is about to reuse it.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandBody, Reply } from "../../core/sitting/protocol";
import { Client, commandId, sittingWithDevices, startTestServer, urnTotals, type TestServer } from "../helpers/test-server";

let srv: TestServer;
let sittingId: string;
let itemIds: string[];
let president: Client;
const voters: Client[] = [];
const IDS = Array.from({ length: 10 }, (_, i) => `m${String(i + 2).padStart(2, "0")}`); // m02..m11; m11 holds m40's proxy

beforeAll(async () => {
  srv = await startTestServer();
  let devices: Client[];
  ({ sittingId, itemIds, president, devices } = await sittingWithDevices(srv.url, IDS));
  voters.push(...devices);
  await president.markPresent(30);
  await president.sendOk({ type: "proxy:give", from: "m40", to: "m11" });
  await president.sendOk({ type: "sitting:open" });
});
afterAll(async () => {
  for (const c of [president, ...voters]) c?.close();
  await srv?.stop();
});

/** Emit, cut the connection before the answer can arrive, come back, retry with the same id. */
async function castThroughADrop(c: Client, command: CommandBody): Promise<Reply<Record<string, unknown>>> {
  const id = commandId();
  c.socket.emit("command", { sittingId, commandId: id, command });
  c.socket.io.engine.close(); // the transport drops; socket.io-client reconnects by itself
  await new Promise<void>((resolve) => c.socket.once("connect", () => resolve()));
  await c.subscribe(c.view?.seq);
  return (await c.socket.timeout(5000).emitWithAck("command", { sittingId, commandId: id, command })) as Reply<Record<string, unknown>>;
}

describe("reconnection mid-vote", () => {
  for (const mode of ["public", "secret"] as const) {
    it(`NET-1 ${mode} vote: every client drops once or twice; each entitlement ends with exactly one ballot`, async () => {
      const item = mode === "public" ? itemIds[0]! : itemIds[1]!;
      await president.sendOk({ type: "item:call", itemId: item });
      const voteId = String((await president.sendOk({ type: "vote:open", itemId: item, mode })).voteId);
      await Promise.all(
        voters.map(async (c, i) => {
          const r1 = await castThroughADrop(c, { type: "ballot:cast", voteId, choice: i % 2 ? "pour" : "contre" });
          expect(r1.ok, JSON.stringify(r1)).toBe(true);
          if (IDS[i] === "m11") {
            const r2 = await castThroughADrop(c, { type: "ballot:cast", voteId, choice: "abstention", onBehalfOf: "m40" });
            expect(r2.ok, JSON.stringify(r2)).toBe(true);
          }
        }),
      );
      if (mode === "public") {
        const rows = await srv.db.ballot.findMany({ where: { voteId } });
        expect(rows).toHaveLength(11);
        const events = await srv.db.sittingEvent.findMany({ where: { sittingId, type: "ballot:cast" } });
        expect(events.filter((e) => e.payload.includes(voteId))).toHaveLength(11);
      } else {
        expect(await srv.db.secretSignature.count({ where: { voteId } })).toBe(11);
        const urn = await urnTotals(srv.db, srv.server.keys.urn, voteId);
        expect(urn.pour + urn.contre + urn.abstention + urn.nppv).toBe(11);
        expect(urn).toMatchObject({ pour: 5, contre: 5, abstention: 1 });
      }
      await president.sendOk({ type: "vote:close", voteId });
      const r = await president.sendOk({ type: "vote:proclaim", voteId });
      expect(r.result).toMatchObject({ tally: { pour: 5, contre: 5, abstention: 1, nppv: 0 } });
      // Every client, back online, holds the final state.
      for (const c of voters) await c.until((x) => x.view?.items.find((it) => it.id === item)?.status === "decided", "decided item");
    });
  }
});

describe("idle connections", () => {
  it("NET-2 an idle keep-alive connection stays open longer than Node's 5 s default, so a client reusing it is not reset", async () => {
    const { port } = new URL(srv.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    let closedAt: number | null = null;
    socket.on("close", () => (closedAt = Date.now()));
    const answered = new Promise<string>((resolve) => socket.once("data", (d: Buffer) => resolve(d.toString())));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    const idleFrom = Date.now();
    await new Promise((r) => setTimeout(r, 6500));
    expect(closedAt === null ? "open" : `closed after ${closedAt - idleFrom} ms idle`).toBe("open");
    // And the connection still serves a request.
    const again = new Promise<string>((resolve) => socket.once("data", (d: Buffer) => resolve(d.toString())));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(await again).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  });
});
