// SIT-9 a vote's electorate is fixed when it opens; SIT-10 a member who leaves during a vote loses
// the ballots not cast yet; SIT-11 every command id has one stored reply, whatever the outcome.
// Real server, real Socket.IO clients: the ways one member was counted twice, played as they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, commandId, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { memberId } from "../helpers/demo-sitting";

let srv: TestServer;
let clerk: string;

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
});
afterAll(async () => {
  await srv?.stop();
});

/** A fresh sitting, open, its first item called: seats 1..30 present but for those listed. */
async function liveSitting(absent: number[]) {
  const { sittingId, itemIds } = await createSittingAs(srv.url, clerk);
  const president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  await president.subscribe();
  await president.markPresent(30, absent);
  return { sittingId, itemIds, president };
}

async function member(sittingId: string, seat: number): Promise<Client> {
  const c = new Client(srv.url, sittingId, await demoSignIn(srv.url, `u-${memberId(seat)}`));
  await c.subscribe();
  return c;
}

async function ballotsByVoice(voteId: string): Promise<Map<string, number>> {
  const rows = await srv.db.ballot.findMany({ where: { voteId } });
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.onBehalfOf || r.memberId, (count.get(r.onBehalfOf || r.memberId) ?? 0) + 1);
  return count;
}

describe("SIT-9 the electorate is fixed when the vote opens", () => {
  it("SIT-9 a mandant who arrives during the vote cannot vote in person once the mandataire voted for them (nor by checking in)", async () => {
    const { sittingId, itemIds, president } = await liveSitting([5]);
    await president.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    const m04 = await member(sittingId, 4);
    const m05 = await member(sittingId, 5);
    await m04.sendOk({ type: "ballot:cast", voteId, choice: "pour", onBehalfOf: "m05" });
    // The mandant arrives: marked present by the chair; then tries to vote in person.
    await president.sendOk({ type: "rollcall:mark", memberId: "m05", status: "present" });
    const inPerson = await m05.send({ type: "ballot:cast", voteId, choice: "contre" });
    expect(inPerson.ok ? "accepted" : inPerson.error.code).toBe("not-entitled");
    // The same by self check-in.
    await m05.send({ type: "rollcall:check-in" });
    const again = await m05.send({ type: "ballot:cast", voteId, choice: "contre" });
    expect(again.ok ? "accepted" : again.error.code).toBe("not-entitled");
    // Everyone else votes, the president last (the council's setting).
    for (const seat of [...Array.from({ length: 29 }, (_, i) => i + 2), 1]) {
      if (seat === 5) continue;
      const c = seat === 4 ? m04 : await member(sittingId, seat);
      await c.sendOk({ type: "ballot:cast", voteId, choice: seat % 2 ? "pour" : "contre" });
      if (seat !== 4) c.close();
    }
    const closed = await president.sendOk({ type: "vote:close", voteId });
    const t = closed.tally as { pour: number; contre: number; abstention: number; nppv: number };
    // 29 present voting for themselves, one proxy ballot: 30 ballots for 30 voices, none counted twice.
    expect(t.pour + t.contre + t.abstention + t.nppv).toBe(30);
    expect([...(await ballotsByVoice(voteId)).values()].every((n) => n === 1)).toBe(true);
    expect((await ballotsByVoice(voteId)).get("m05")).toBe(1);
    for (const c of [president, m04, m05]) c.close();
  });

  it("SIT-10 a member who voted, left and gave a proxy is not counted again through the mandataire", async () => {
    const { sittingId, itemIds, president } = await liveSitting([]);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    const m06 = await member(sittingId, 6);
    const m07 = await member(sittingId, 7);
    await m06.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await president.sendOk({ type: "rollcall:depart", memberId: "m06" });
    await president.sendOk({ type: "proxy:give", from: "m06", to: "m07" });
    await m07.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    const viaProxy = await m07.send({ type: "ballot:cast", voteId, choice: "pour", onBehalfOf: "m06" });
    expect(viaProxy.ok ? "accepted" : viaProxy.error.code).toBe("not-entitled");
    expect((await ballotsByVoice(voteId)).get("m06")).toBe(1);
    // The proxy counts from the next vote.
    await president.sendOk({ type: "vote:close", voteId });
    await president.sendOk({ type: "vote:proclaim", voteId });
    await president.sendOk({ type: "item:call", itemId: itemIds[1]! });
    const next = String((await president.sendOk({ type: "vote:open", itemId: itemIds[1]!, mode: "public" })).voteId);
    await m07.sendOk({ type: "ballot:cast", voteId: next, choice: "abstention", onBehalfOf: "m06" });
    for (const c of [president, m06, m07]) c.close();
  });

  it("SIT-10 a member who leaves before voting loses that ballot; the expected count follows", async () => {
    const { sittingId, itemIds, president } = await liveSitting([]);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    const pub = new Client(srv.url, sittingId);
    await pub.subscribe();
    const m08 = await member(sittingId, 8);
    await pub.until((c) => c.view?.vote?.expected === 30, "30 expected");
    await president.sendOk({ type: "rollcall:depart", memberId: "m08" });
    const late = await m08.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(late.ok ? "accepted" : late.error.code).toBe("not-entitled");
    await pub.until((c) => c.view?.vote?.expected === 29, "29 expected once m08 left");
    for (const c of [president, pub, m08]) c.close();
  });

  it("SIT-9 during a vote the roll call records arrivals; marking a member absent and revoking a proxy wait for its close", async () => {
    const { sittingId, itemIds, president } = await liveSitting([9, 10]);
    await president.sendOk({ type: "proxy:give", from: "m10", to: "m11" });
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    await president.sendOk({ type: "rollcall:mark", memberId: "m09", status: "present" });
    const m09 = await member(sittingId, 9);
    const arrived = await m09.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(arrived.ok ? "accepted" : arrived.error.code).toBe("not-entitled");
    const absent = await president.send({ type: "rollcall:mark", memberId: "m12", status: "absent" });
    expect(absent.ok ? "accepted" : absent.error.code).toBe("vote-open");
    const revoke = await president.send({ type: "proxy:revoke", from: "m10" });
    expect(revoke.ok ? "accepted" : revoke.error.code).toBe("vote-open");
    for (const c of [president, m09]) c.close();
  });
});

describe("SIT-11 one stored reply per command id", () => {
  it("SIT-11 a retried command that changed nothing returns its stored reply and writes nothing back", async () => {
    const { sittingId, itemIds, president } = await liveSitting([]);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    const m02 = await member(sittingId, 2);
    const [c1, c2, c3] = [commandId(), commandId(), commandId()];
    await m02.send({ type: "ballot:cast", voteId, choice: "pour" }, c1);
    const unchanged = await m02.send({ type: "ballot:cast", voteId, choice: "pour" }, c2);
    expect(unchanged.ok).toBe(true);
    await m02.send({ type: "ballot:cast", voteId, choice: "contre" }, c3);
    // After a reconnection the device re-sends c2 with its id: the stored reply, nothing applied.
    m02.socket.disconnect();
    m02.socket.connect();
    await m02.connected();
    const retried = await m02.send({ type: "ballot:cast", voteId, choice: "pour" }, c2);
    expect(retried).toEqual(unchanged);
    const row = await srv.db.ballot.findUniqueOrThrow({ where: { voteId_memberId_onBehalfOf: { voteId, memberId: "m02", onBehalfOf: "" } } });
    expect(row.choice).toBe("contre");
    // A refusal is stored too: the retry gets the same refusal, even once the command would pass.
    const early = commandId();
    const refused = await m02.send({ type: "ballot:cast", voteId: "v-not-yet", choice: "pour" }, early);
    expect(refused.ok).toBe(false);
    expect(await m02.send({ type: "ballot:cast", voteId: "v-not-yet", choice: "pour" }, early)).toEqual(refused);
    // An id reused with another payload is refused as such, and changes nothing.
    const reused = await m02.send({ type: "ballot:cast", voteId, choice: "abstention" }, c3);
    expect(reused.ok ? "accepted" : reused.error.code).toBe("command-id-reused");
    expect((await srv.db.ballot.findUniqueOrThrow({ where: { voteId_memberId_onBehalfOf: { voteId, memberId: "m02", onBehalfOf: "" } } })).choice).toBe(
      "contre",
    );
    for (const c of [president, m02]) c.close();
  });

  it("SIT-12 a ballot may change at most 10 times in a vote", async () => {
    const { sittingId, itemIds, president } = await liveSitting([]);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    const m03 = await member(sittingId, 3);
    await m03.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    for (let i = 0; i < 10; i++) await m03.sendOk({ type: "ballot:cast", voteId, choice: i % 2 ? "pour" : "contre" });
    const eleventh = await m03.send({ type: "ballot:cast", voteId, choice: "abstention" });
    expect(eleventh.ok ? "accepted" : eleventh.error.code).toBe("too-many-changes");
    for (const c of [president, m03]) c.close();
  });
});
