// DUR-1: killing the server (SIGKILL) after ballots are acknowledged and before the vote closes,
// then starting it again, loses no acknowledged ballot, counts none twice, and the sitting goes on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, commandId, createSittingAs, demoSignIn, freshDatabaseFile, signInWithPassword } from "../helpers/test-server";
import { freePort, startChildServer, type ChildServer } from "../helpers/child-server";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { openDatabase } from "../../server/db/client";
import { readChain } from "../../server/store/sitting-store";
import { verifyChain } from "../../core/audit/hash-chain";

let server: ChildServer;
const dbFile = freshDatabaseFile();
let port: number;
let sittingId: string;
let itemIds: string[];
const clients: Client[] = [];

beforeAll(async () => {
  port = await freePort();
  server = await startChildServer({ dbFile, port });
  const clerk = await signInWithPassword(server.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId, itemIds } = await createSittingAs(server.url, clerk));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.kill();
});

describe("crash and restart mid-vote", () => {
  it("DUR-1 no acknowledged ballot is lost or counted twice across a SIGKILL", async () => {
    const president = new Client(server.url, sittingId, await signInWithPassword(server.url, "maire", DEMO_PASSWORDS.president));
    const voters: Client[] = [];
    for (let i = 2; i <= 9; i++) voters.push(new Client(server.url, sittingId, await demoSignIn(server.url, `u-m${String(i).padStart(2, "0")}`)));
    const pub = new Client(server.url, sittingId);
    clients.push(president, ...voters, pub);
    for (const c of clients) await c.subscribe();
    await president.markPresent(30);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);

    // Five ballots acknowledged before the crash; the last one's command id is kept to retry it.
    const choices = ["pour", "pour", "contre", "abstention", "pour"] as const;
    let lastId = "";
    for (let i = 0; i < 5; i++) {
      lastId = commandId();
      const r = await voters[i]!.send({ type: "ballot:cast", voteId, choice: choices[i]! }, lastId);
      expect(r.ok).toBe(true);
    }
    await server.kill("SIGKILL");
    server = await startChildServer({ dbFile, port });

    // Clients reconnect by themselves; re-subscribing with their last seq brings them up to date.
    for (const c of clients) {
      await c.connected();
      const r = await c.subscribe(c.view?.seq);
      expect(r.ok).toBe(true);
    }
    await pub.until((x) => x.view?.vote?.ballotsCast === 5, "5 ballots after restart");
    expect(pub.view?.vote?.tally).toEqual({ pour: 3, contre: 1, abstention: 1, nppv: 0 });

    // The retried command (same id, e.g. the ack was lost in the crash) is applied once.
    const retry = await voters[4]!.send({ type: "ballot:cast", voteId, choice: "pour" }, lastId);
    expect(retry.ok).toBe(true);
    // The sitting carries on: more ballots, close, proclaim.
    await voters[5]!.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await president.sendOk({ type: "vote:close", voteId });
    const result = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(result.result).toMatchObject({ outcome: "adopted", tally: { pour: 3, contre: 2, abstention: 1, nppv: 0 } });

    const db = await openDatabase(`file:${dbFile}`);
    try {
      expect(await db.ballot.count({ where: { voteId } })).toBe(6);
      const chain = await readChain(db, sittingId);
      expect(verifyChain(sittingId, chain).ok).toBe(true);
      expect(chain.filter((e) => e.type === "ballot:cast")).toHaveLength(6);
    } finally {
      await db.$disconnect();
    }
  });
});
