// LIVE-* rules end to end over real Socket.IO clients: president, three councillors (one holding a
// proxy), and the public, through a whole sitting; each client's view is checked after every step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createSittingAs, demoSignIn, pairDevice, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { DEMO_PASSWORDS } from "../../server/seed/demo";

let srv: TestServer;
let sittingId: string;
let items: string[];
let president: Client, a: Client, b: Client, c: Client, pub: Client;
// m01 mayor (president), a = m02, b = m03, c = m04 holds the proxy of m05 (absent).
const PRESENT = ["m01", "m02", "m03", "m04", ...Array.from({ length: 26 }, (_, i) => `m${String(i + 6).padStart(2, "0")}`)]; // 30 present

beforeAll(async () => {
  srv = await startTestServer();
  const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId, itemIds: items } = await createSittingAs(srv.url, clerk));
  president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  a = new Client(srv.url, sittingId, await pairDevice(srv.url, clerk, "m02"));
  b = new Client(srv.url, sittingId, await pairDevice(srv.url, clerk, "m03"));
  c = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m04"));
  pub = new Client(srv.url, sittingId);
  for (const cl of [president, a, b, c, pub]) {
    const r = await cl.subscribe();
    expect(r.ok).toBe(true);
  }
});

afterAll(async () => {
  for (const cl of [president, a, b, c, pub]) cl?.close();
  await srv?.stop();
});

const seqOf = () => Math.max(president.ackedSeq, a.ackedSeq, b.ackedSeq, c.ackedSeq);
async function allAt(seq: number) {
  for (const cl of [president, a, b, c, pub]) await cl.until((x) => (x.view?.seq ?? -1) >= seq, `view seq ${seq}`);
}

describe("a whole sitting over Socket.IO", () => {
  it("SIT-1 subscribe gives each audience its view: public has no member view, chair gets the chair view", () => {
    expect(pub.view?.status).toBe("convened");
    expect(pub.me).toBeNull();
    expect(pub.chair).toBeNull();
    expect(a.me?.memberId).toBe("m02");
    expect(a.chair).toBeNull();
    expect(president.chair).not.toBeNull();
    expect(president.me?.memberId).toBe("m01");
  });

  it("SIT-2 roll call and proxies before the opening; PROXY-1 validated by the rules engine", async () => {
    for (const id of PRESENT) await president.sendOk({ type: "rollcall:mark", memberId: id, status: "present" });
    await president.sendOk({ type: "rollcall:mark", memberId: "m05", status: "excused" });
    await president.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
    const second = await president.send({ type: "proxy:give", from: "m52", to: "m04" });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.code).toBe("proxy-invalid");
    await allAt(seqOf());
    expect(pub.view?.counts).toMatchObject({ present: 30, represented: 1, absent: 23, excused: 1 });
    expect(pub.view?.proxies).toEqual([{ from: "m05", to: "m04" }]);
  });

  it("SIT-3 opening records the quorum: 30 present for 27 required", async () => {
    const r = await president.sendOk({ type: "sitting:open" });
    expect(r.quorum).toMatchObject({ required: 27, counted: 30, reached: true });
    await allAt(seqOf());
    for (const cl of [pub, a, c]) expect(cl.view?.status).toBe("opened");
    expect(pub.view?.quorum).toMatchObject({ required: 27, counted: 30, reached: true });
  });

  it("SIT-4 PROXY-9 public vote: a public ballot with a proxy ballot (the mandataire votes differently for the mandant), live tally and names to the public", async () => {
    await president.sendOk({ type: "item:call", itemId: items[0]! });
    await allAt(seqOf());
    expect(pub.view?.currentItemId).toBe(items[0]);
    expect(pub.view?.items[0]?.call?.quorum.reached).toBe(true);
    const opened = await president.sendOk({ type: "vote:open", itemId: items[0]!, mode: "public", reveal: "live" });
    const voteId = String(opened.voteId);
    await allAt(seqOf());
    expect(pub.view?.vote).toMatchObject({ id: voteId, mode: "public", status: "open", ballotsCast: 0, expected: 31 });
    // c holds two ballots: own and m05's, on separate entitlements.
    await c.until((x) => (x.me?.entitlements.length ?? 0) === 2, "two entitlements for the mandataire");
    expect(c.me?.entitlements.map((e) => e.onBehalfOf)).toEqual(["", "m05"]);
    expect(a.me?.entitlements).toHaveLength(1);

    const ra = await a.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    expect(ra.receipt).toMatchObject({ choice: "pour" });
    await pub.until((x) => x.view?.vote?.tally?.pour === 1, "public tally pour 1");
    expect(pub.view?.vote?.names).toEqual([{ memberId: "m02", onBehalfOf: "", choice: "pour" }]);
    await a.until((x) => x.me?.entitlements[0]?.choice === "pour", "a's own receipt");

    await b.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await c.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await c.sendOk({ type: "ballot:cast", voteId, choice: "abstention", onBehalfOf: "m05" });
    // a changes their mind: allowed until close, still one ballot.
    await a.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await a.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await pub.until((x) => x.view?.vote?.ballotsCast === 4 && x.view.vote.tally?.pour === 2, "4 ballots, a's last choice counted");
    expect(pub.view?.vote?.tally).toEqual({ pour: 2, contre: 1, abstention: 1, nppv: 0 });
    // Nobody votes for a mandant they do not hold.
    const stolen = await b.send({ type: "ballot:cast", voteId, choice: "pour", onBehalfOf: "m05" });
    expect(stolen.ok).toBe(false);
    // VOTE-LAST: the president votes last.
    const early = await president.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(early.ok ? "accepted" : early.error.code).toBe("president-votes-last");
    expect(president.chair?.notYetVoted.length).toBeGreaterThan(0);

    await president.sendOk({ type: "vote:close", voteId });
    const late = await b.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(late.ok ? "accepted" : late.error.code).toBe("wrong-state");
    const proclaimed = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(proclaimed.result).toMatchObject({ outcome: "adopted", tally: { pour: 2, contre: 1, abstention: 1, nppv: 0 } });
    await allAt(seqOf());
    const item = pub.view?.items.find((i) => i.id === items[0]);
    expect(item?.status).toBe("decided");
    expect(item?.result?.reasonFr).toMatch(/Adoptée/);
    expect(item?.result?.reasonEn).toMatch(/Adopted/);
    expect(c.view?.items[0]?.result?.outcome).toBe("adopted");
    // The named ballots are stored, one row per entitlement.
    const rows = await srv.db.ballot.findMany({ where: { voteId } });
    expect(rows.map((r) => `${r.memberId}|${r.onBehalfOf}|${r.choice}`).sort()).toEqual(["m02||pour", "m03||contre", "m04|m05|abstention", "m04||pour"]);
  });

  it("SIT-5 secret ballot with a recusal: the interested member cannot vote, the tally is hidden until close, and no row links a member to a choice", async () => {
    await b.sendOk({ type: "interest:declare", itemId: items[1]!, memberId: "m03" });
    await president.sendOk({ type: "item:call", itemId: items[1]! });
    await allAt(seqOf());
    const call = pub.view?.items[1]?.call;
    expect(call?.recusedIds).toEqual(["m03"]);
    expect(call?.quorum).toMatchObject({ counted: 29, required: 27, reached: true });
    const opened = await president.sendOk({ type: "vote:open", itemId: items[1]!, mode: "secret", reveal: "live" });
    const voteId = String(opened.voteId);
    await allAt(seqOf());
    expect(pub.view?.vote).toMatchObject({ mode: "secret", reveal: "at-close", tally: null, names: null });
    const refused = await b.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(refused.ok ? "accepted" : refused.error.code).toBe("not-entitled");

    const ra = await a.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    expect(JSON.stringify(ra)).not.toMatch(/contre/);
    await c.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await c.sendOk({ type: "ballot:cast", voteId, choice: "pour", onBehalfOf: "m05" });
    const again = await a.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(again.ok ? "accepted" : again.error.code).toBe("already-voted");
    await pub.until((x) => x.view?.vote?.ballotsCast === 3, "3 secret ballots counted");
    expect(pub.view?.vote?.tally).toBeNull();
    expect(president.view?.vote?.tally).toBeNull();
    expect(a.me?.entitlements[0]).toMatchObject({ voted: true, choice: null });
    // Nothing sent to anyone during the vote carried a choice next to a name.
    for (const cl of [president, a, b, c, pub]) {
      for (const m of cl.received) {
        // A whole view, or a patch (the vote whole, or its changed fields and names).
        type VoteBits = { id: string; names?: unknown; tally?: unknown };
        const d = m.data as { vote?: VoteBits | { whole: VoteBits | null } | { patch: { id: string; set: { tally?: unknown }; names?: unknown } } } | null;
        const vote = d?.vote;
        const bits: VoteBits | null | undefined =
          vote && "whole" in vote
            ? vote.whole
            : vote && "patch" in vote
              ? { id: vote.patch.id, names: vote.patch.names ?? null, tally: vote.patch.set.tally ?? null }
              : vote;
        if (bits?.id === voteId) expect([bits.names, bits.tally]).toEqual([null, null]);
      }
    }
    // Storage: no named ballot rows; signatures and the urn are apart; events carry no choice.
    expect(await srv.db.ballot.count({ where: { voteId } })).toBe(0);
    expect(await srv.db.secretSignature.count({ where: { voteId } })).toBe(3);
    const urn = await srv.db.secretUrn.findUniqueOrThrow({ where: { voteId } });
    // The urn holds its totals sealed with the server key (SEC-19): no column names a member or a choice.
    expect(Object.keys(urn).sort()).toEqual(["sealed", "voteId"]);
    const deposits = await srv.db.sittingEvent.findMany({ where: { sittingId, type: "ballot:deposited" } });
    for (const d of deposits) expect(d.payload).not.toMatch(/pour|contre|abstention|"choice"/);

    await president.sendOk({ type: "vote:close", voteId });
    const proclaimed = await president.sendOk({ type: "vote:proclaim", voteId });
    // 2 pour, 1 contre; the interested member is recorded as not taking part.
    expect(proclaimed.result).toMatchObject({ outcome: "adopted", tally: { pour: 2, contre: 1, abstention: 0, nppv: 1 } });
    await allAt(seqOf());
    expect(pub.view?.items[1]?.result?.tally).toEqual({ pour: 2, contre: 1, abstention: 0, nppv: 1 });
  });

  it("SIT-6 QUORUM-9 QUORUM-11 a quorum lost at an item's call is recorded and the item carried to a second convocation; its vote is refused with the legal reason", async () => {
    for (const id of PRESENT.slice(10, 21)) await president.sendOk({ type: "rollcall:depart", memberId: id });
    await president.sendOk({ type: "item:call", itemId: items[2]! });
    await allAt(seqOf());
    const it3 = pub.view?.items[2];
    expect(it3?.status).toBe("deferred");
    expect(it3?.call?.quorum).toMatchObject({ counted: 19, required: 27, reached: false });
    expect(pub.view?.quorum?.reached).toBe(false);
    const vote = await president.send({ type: "vote:open", itemId: items[2]!, mode: "public" });
    expect(vote.ok ? "accepted" : vote.error.code).toBe("no-quorum");
    if (!vote.ok) expect(vote.error.text.fr).toMatch(/Quorum non atteint \(19\/27\).*CGCT L2121-17/);
    expect(c.view?.items[2]?.status).toBe("deferred");
  });

  it("SIT-7 suspend, resume with a quorum check, and close", async () => {
    await president.sendOk({ type: "sitting:suspend" });
    await allAt(seqOf());
    expect(pub.view?.status).toBe("suspended");
    const resumed = await president.sendOk({ type: "sitting:resume" });
    expect(resumed.quorum).toMatchObject({ reached: false });
    await president.sendOk({ type: "sitting:close" });
    await allAt(seqOf());
    for (const cl of [pub, a, b, c]) expect(cl.view?.status).toBe("closed");
  });

  it("SIT-8 the event log of the sitting verifies", async () => {
    const { readChain } = await import("../../server/store/sitting-store");
    const { verifyChain } = await import("../../core/audit/hash-chain");
    const chain = await readChain(srv.db, sittingId);
    expect(verifyChain(sittingId, chain)).toMatchObject({ ok: true, events: chain.length });
    expect(chain.length).toBeGreaterThan(40);
  });
});
