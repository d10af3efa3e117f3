// The whole sitting over real Socket.IO clients and real SQLite (#13): the live quorum after every
// roll-call change on the public screen and the chair's view, an amendment voted before its item, three
// members without a device recorded by the chair, the president voting last and her casting vote, huis
// clos (the public API silent on the item), a secret vote cancelled and re-opened with a paper urn, an
// item deferred, quorum lost and the second convocation — and the records carrying each fact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicView } from "../../core/sitting/projection";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { memberId } from "../helpers/demo-sitting";

let srv: TestServer;
let sittingId: string;
let items: string[];
let clerkCookie: string;
let presidentCookie: string;
let president: Client, pub: Client, a: Client, b: Client;

beforeAll(async () => {
  srv = await startTestServer();
  clerkCookie = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId, itemIds: items } = await createSittingAs(srv.url, clerkCookie));
  presidentCookie = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
  president = new Client(srv.url, sittingId, presidentCookie);
  a = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m02"));
  b = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m03"));
  pub = new Client(srv.url, sittingId);
  for (const c of [president, pub, a, b]) expect((await c.subscribe()).ok).toBe(true);
});

afterAll(async () => {
  for (const c of [president, pub, a, b]) c?.close();
  await srv?.stop();
});

const seqOf = () => Math.max(president.ackedSeq, a.ackedSeq, b.ackedSeq);
/** Every screen at this seq at least. */
async function allAt(seq: number): Promise<void> {
  for (const c of [president, pub, a, b]) await c.until((x) => (x.view?.seq ?? -1) >= seq, `view seq ${seq}`);
}

const quorumOf = (v: PublicView | null) => v?.quorum && { counted: v.quorum.counted, required: v.quorum.required, reached: v.quorum.reached };

describe("the chair is never stuck or misled", () => {
  it("QUORUM-10 the quorum on the public screen and the chair's banner equals the live attendance after every roll-call change", async () => {
    for (let seat = 1; seat <= 32; seat++) {
      if (seat === 5) continue;
      await president.sendOk({ type: "rollcall:mark", memberId: memberId(seat), status: "present" });
      await allAt(seqOf());
      const present = pub.view!.counts.present;
      expect(present).toBe(seat < 5 ? seat : seat - 1);
      for (const c of [pub, president, a]) expect(quorumOf(c.view)).toEqual({ counted: present, required: 27, reached: present >= 27 });
    }
    await president.sendOk({ type: "rollcall:mark", memberId: "m05", status: "excused" });
    await president.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "rollcall:depart", memberId: "m32" });
    await allAt(seqOf());
    for (const c of [pub, president]) expect(quorumOf(c.view)).toEqual({ counted: 30, required: 27, reached: true });
  });

  it("AMEND-1 AMEND-2 an amendment voted before its item, with its own result", async () => {
    await president.sendOk({ type: "item:call", itemId: items[0]! });
    const proposed = await president.sendOk({ type: "amendment:propose", itemId: items[0]!, authorId: "m33", text: "Porter l'enveloppe à 1 300 000 €" });
    const refused = await president.send({ type: "vote:open", itemId: items[0]! });
    expect(refused.ok ? "accepted" : refused.error.code).toBe("amendments-pending");
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: items[0]!, amendmentId: String(proposed.amendmentId), mode: "public" })).voteId);
    await a.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await b.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await president.sendOk({ type: "vote:president-turn", voteId });
    await president.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await president.sendOk({ type: "vote:close", voteId });
    const r = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(r.result).toMatchObject({ outcome: "rejected", tally: { pour: 1, contre: 2 } });
    await allAt(seqOf());
    expect(pub.view?.items[0]?.amendments[0]).toMatchObject({ number: 1, status: "decided", result: { outcome: "rejected" } });
    expect(pub.view?.items[0]?.status).toBe("called");
  });

  it("CHAIR-1 PRES-1 PRES-2 PRES-3 three members without a device recorded by the chair; the president told she votes last, then her casting vote settles a tie", async () => {
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: items[0]!, mode: "public", reveal: "live" })).voteId);
    await president.until((c) => c.me?.votesLast?.waiting === 30, "the president told how many she waits for");
    await a.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await b.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    for (const [memberId, choice] of [
      ["m10", "pour"],
      ["m11", "contre"],
      ["m12", "contre"],
    ] as const)
      await president.sendOk({ type: "ballot:record", voteId, memberId, choice });
    const early = await president.send({ type: "ballot:cast", voteId, choice: "pour" });
    expect(early.ok ? "accepted" : early.error.code).toBe("president-votes-last");
    if (!early.ok) expect(early.error.text.fr).toMatch(/25 votes attendus/);
    expect((await president.sendOk({ type: "vote:president-turn", voteId })).notVoted).toBe(25);
    const late = await a.send({ type: "ballot:cast", voteId, choice: "contre" });
    expect(late.ok ? "accepted" : late.error.code).toBe("president-voting");
    await president.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await president.sendOk({ type: "vote:close", voteId });
    const r = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(r.result).toMatchObject({ outcome: "adopted", castingVote: true, ruleId: "VOTE-3", tally: { pour: 3, contre: 3 } });
    // "N votes sur M": M stays the electorate after the close.
    await allAt(seqOf());
    expect(pub.view?.vote).toMatchObject({ ballotsCast: 6, expected: 31, recordedByChair: 3, othersClosed: true });
    const rows = await srv.db.sittingEvent.findMany({ where: { sittingId, type: "ballot:cast" } });
    const byChair = rows.filter((e) => e.payload.includes('"byChair":true'));
    expect(byChair.map((e) => e.actor)).toEqual(["u-president", "u-president", "u-president"]);
  });

  it("HUISCLOS-1 HUISCLOS-2 huis clos decided by a vote: the public API and screen carry no detail of the item until it ends; the council sees it all", async () => {
    await president.sendOk({ type: "item:call", itemId: items[1]! });
    const motion = String((await president.sendOk({ type: "vote:open", itemId: items[1]!, motion: "huis-clos", mode: "show-of-hands" })).voteId);
    await president.sendOk({ type: "vote:record-hands", voteId: motion, tally: { pour: 20, contre: 5, abstention: 6, nppv: 0 }, presidentVote: "pour" });
    await president.sendOk({ type: "vote:close", voteId: motion });
    const carried = await president.sendOk({ type: "vote:proclaim", voteId: motion });
    expect(carried.result).toMatchObject({ outcome: "adopted", ruleId: "VOTE-8", majorityRequired: 16 });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: items[1]!, mode: "public", reveal: "live" })).voteId);
    await a.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await allAt(seqOf());
    expect(pub.view).toMatchObject({ huisClos: { since: expect.any(String) as string }, currentItemId: null, vote: null });
    expect(pub.view?.items[1]).toMatchObject({ status: "in-camera", call: null, result: null });
    expect(a.view).toMatchObject({ currentItemId: items[1], vote: { id: voteId, ballotsCast: 1 } });
    const json = (await (await fetch(`${srv.url}/api/public/sittings/${sittingId}`)).json()) as { data: PublicView };
    expect(json.data).toMatchObject({ currentItemId: null, vote: null, huisClos: { since: expect.any(String) as string } });
    expect(JSON.stringify(json.data)).not.toContain(voteId);
    const agenda = (await (await fetch(`${srv.url}/api/public/sittings/${sittingId}/agenda`)).json()) as {
      data: { id: string; expose: string; inCamera?: true }[];
    };
    expect(agenda.data.find((x) => x.id === items[1])).toMatchObject({ expose: "", inCamera: true });
    expect(agenda.data.find((x) => x.id === items[0])?.expose).not.toBe("");
    const sse = await fetch(`${srv.url}/api/public/sittings/${sittingId}/events`);
    const reader = sse.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).toContain('"huisClos":{');
    expect(first).not.toContain(voteId);
    await president.sendOk({ type: "ballot:record", voteId, memberId: "m10", choice: "pour" });
    await president.sendOk({ type: "vote:president-turn", voteId });
    await president.sendOk({ type: "vote:close", voteId });
    await president.sendOk({ type: "vote:proclaim", voteId });
    await president.sendOk({ type: "huis-clos:end" });
    await allAt(seqOf());
    expect(pub.view).toMatchObject({ huisClos: null, currentItemId: items[1] });
    expect(pub.view?.items[1]).toMatchObject({ status: "decided", inCamera: true, result: { outcome: "adopted" } });
  });

  it("CANCEL-1 CHAIR-2 a secret vote cancelled before its proclamation with a reason, re-opened, with a paper urn", async () => {
    await president.sendOk({ type: "item:call", itemId: items[2]! });
    const first = String((await president.sendOk({ type: "vote:open", itemId: items[2]!, mode: "secret" })).voteId);
    await a.sendOk({ type: "ballot:cast", voteId: first, choice: "pour" });
    await president.sendOk({ type: "vote:cancel", voteId: first, reason: "une tablette a voté pour un autre membre" });
    await allAt(seqOf());
    expect(pub.view?.vote).toMatchObject({ id: first, status: "cancelled", tally: null, cancelled: { reason: "une tablette a voté pour un autre membre" } });
    const again = String((await president.sendOk({ type: "vote:open", itemId: items[2]!, mode: "secret" })).voteId);
    await a.sendOk({ type: "ballot:cast", voteId: again, choice: "pour" });
    await b.sendOk({ type: "ballot:cast", voteId: again, choice: "contre" });
    const paper = await president.sendOk({
      type: "vote:paper",
      voteId: again,
      voters: [{ memberId: "m10" }, { memberId: "m11" }, { memberId: "m04", onBehalfOf: "m05" }],
      tally: { pour: 2, contre: 0, abstention: 1, nppv: 0 },
    });
    expect(paper).toEqual({ ballots: 3, seq: expect.any(Number) as number });
    await president.sendOk({ type: "vote:president-turn", voteId: again });
    await president.sendOk({ type: "vote:close", voteId: again });
    const r = await president.sendOk({ type: "vote:proclaim", voteId: again });
    expect(r.result).toMatchObject({ outcome: "adopted", tally: { pour: 3, contre: 1, abstention: 1, nppv: 0 } });
  });

  it("AGENDA-1 QUORUM-11 an item deferred with a reason; quorum lost, the sitting closed for want of it", async () => {
    await president.sendOk({ type: "item:defer", itemId: items[3]!, reason: "dossier incomplet, renvoyé en commission" });
    for (let seat = 6; seat <= 9; seat++) await president.sendOk({ type: "rollcall:depart", memberId: memberId(seat) });
    await allAt(seqOf());
    for (const c of [pub, president]) expect(quorumOf(c.view)).toEqual({ counted: 26, required: 27, reached: false });
    await president.sendOk({ type: "sitting:close", forWantOfQuorum: true });
    await allAt(seqOf());
    expect(pub.view?.items[3]).toMatchObject({ status: "deferred", setAside: { byChair: true, reasonFr: "dossier incomplet, renvoyé en commission" } });
    expect(pub.view?.items[4]).toMatchObject({ status: "deferred", setAside: { byChair: false } });
  });

  it("QUORUM-12 the president convenes the second convocation from the console: only the items deferred for want of quorum", async () => {
    const body = JSON.stringify({ date: "2022-10-07", time: "18:00", convocationDate: "2022-10-04" });
    const post = (cookie: string | null, b = body) =>
      fetch(`${srv.url}/api/sittings/${sittingId}/second-convocation`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-seance-client": "1", ...(cookie ? { cookie } : {}) },
        body: b,
      });
    expect((await post(null)).status).toBe(401);
    expect((await post(await demoSignIn(srv.url, "u-m02"))).status).toBe(403);
    expect((await post(presidentCookie, JSON.stringify({ date: "2022-10-05", time: "18:00", convocationDate: "2022-10-04" }))).status).toBe(400);
    const res = await post(presidentCookie);
    expect(res.status).toBe(201);
    const made = ((await res.json()) as { data: { sittingId: string; itemIds: string[] } }).data;
    expect(made.itemIds).toHaveLength(1);
    const second = await srv.db.sitting.findUniqueOrThrow({ where: { id: made.sittingId }, include: { items: true } });
    expect(second).toMatchObject({ secondConvocation: true, previousSittingId: sittingId });
    expect(second.items.map((i) => i.identifier)).toEqual(["2022-0247"]);
  });

  it("AGENDA-1 AMEND-2 CHAIR-1 HUISCLOS-2 CANCEL-1 the minutes, the list and the extracts carry every fact", async () => {
    const get = (path: string) => fetch(`${srv.url}${path}`, { headers: { cookie: clerkCookie } }).then((r) => r.text());
    const pv = await get(`/records/sittings/${sittingId}/minutes`);
    expect(pv).toContain("Amendement n° 1 déposé par M. Henri HÉRAULT : « Porter l'enveloppe à 1 300 000 € ».");
    expect(pv).toMatch(/Amendement n° 1 \(M\. Henri HÉRAULT\) — Vote au scrutin public — votants : 3/);
    expect(pv).toMatch(/Votes enregistrés par la présidence \(membres sans tablette\) : [^.]+HAMON/);
    expect(pv).toMatch(/qui vote en dernier, clôt le vote des autres membres à \d\dh\d\d et vote ; 25 votes n'ont pas été exprimés\./);
    expect(pv).toMatch(/Le conseil municipal siège à huis clos à partir de \d\dh\d\d \(CGCT L\. 2121-18\)\./);
    expect(pv).toMatch(/Fin du huis clos à \d\dh\d\d : la séance redevient publique\./);
    expect(pv).toMatch(/Le vote au scrutin secret est annulé avant sa proclamation, à \d\dh\d\d : une tablette a voté pour un autre membre\./);
    expect(pv).toContain("Dont 3 bulletins de l'urne papier.");
    expect(pv).toContain("Point reporté à une séance ultérieure : dossier incomplet, renvoyé en commission.");
    expect(pv).toContain("Décision : Reporté : dossier incomplet, renvoyé en commission.");
    expect(pv).toContain("Décision : Reporté (quorum non atteint).");
    expect(pv).toMatch(/Amendement n° 1 rejeté \(M\. Henri HÉRAULT : « Porter l(&#39;|')enveloppe à 1 300 000 € »\) — Votants : 3/);
    const list = await get(`/records/sittings/${sittingId}/deliberations`);
    expect(list).toContain("Reporté : dossier incomplet, renvoyé en commission");
    const e7 = await get(`/records/sittings/${sittingId}/items/${items[0]}/extract`);
    expect(e7).toContain("Amendement n° 1 rejeté");
    expect(e7).toContain("Votes enregistrés par la présidence pour des membres sans tablette : Mme Inès HAMON");
    expect(e7).toContain("Adopté (voix prépondérante du président)");
    const e8 = await get(`/records/sittings/${sittingId}/items/${items[1]}/extract`);
    expect(e8).toContain("Délibération prise à huis clos");
    const e9 = await get(`/records/sittings/${sittingId}/items/${items[2]}/extract`);
    expect(e9).toContain("Un vote a été annulé avant sa proclamation : une tablette a voté pour un autre membre.");
    expect(e9).toContain("Dont 3 bulletins de l'urne papier");
  });
});
