// NOM-* end to end over real Socket.IO clients and real SQLite: the demo's item 11 (a désignation) by
// device — candidates entered by the clerk before the opening, three secret rounds (a paper urn in
// the first), the third decided by age — the urn sealed with a counter per candidate and never in the
// log, each round's figures to the public at close, and the PV and the extract carrying every round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsealUrnCounts } from "../../server/store/urn-seal";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { memberId } from "../helpers/demo-sitting";

let srv: TestServer;
let sittingId: string;
let item: string;
let clerkCookie: string;
let president: Client, clerk: Client, pub: Client;
const voters: Record<string, Client> = {};
// m06 Mme Élodie DESPRÉS (1992), m33 M. Henri HÉRAULT (1956), m46 Mme Wendy WALLET (1957).
const CANDIDATES = ["m06", "m33", "m46"];
const DEVICES = ["m02", "m03", "m04", "m06", "m07", "m08"];

beforeAll(async () => {
  srv = await startTestServer();
  clerkCookie = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  const made = await createSittingAs(srv.url, clerkCookie);
  sittingId = made.sittingId;
  item = made.itemIds[4]!;
  president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  clerk = new Client(srv.url, sittingId, clerkCookie);
  pub = new Client(srv.url, sittingId);
  for (const m of DEVICES) voters[m] = new Client(srv.url, sittingId, await demoSignIn(srv.url, `u-${m}`));
  for (const c of [president, clerk, pub, ...Object.values(voters)]) expect((await c.subscribe()).ok).toBe(true);
});

afterAll(async () => {
  for (const c of [president, clerk, pub, ...Object.values(voters)]) c?.close();
  await srv?.stop();
});

const candidateId = (m: string) => `c-${m}`;

/** A secret round: the devices' picks (member → candidate member, or null for blank), an optional paper urn, then close and proclaim. */
async function round(
  picks: Record<string, string | null>,
  paper?: { voters: string[]; candidates: number[]; blank: number },
): Promise<Record<string, unknown>> {
  const opened = await president.sendOk({ type: "vote:open", itemId: item });
  expect(opened.mode).toBe("secret");
  const voteId = String(opened.voteId);
  for (const [m, pick] of Object.entries(picks)) {
    const r = await voters[m]!.sendOk({ type: "ballot:nominate", voteId, candidateId: pick === null ? null : candidateId(pick) });
    expect(r.receipt).toMatchObject({ secret: true });
    expect(JSON.stringify(r)).not.toContain("c-m");
  }
  if (paper) {
    const r = await clerk.sendOk({
      type: "vote:paper",
      voteId,
      voters: paper.voters.map((memberId) => ({ memberId })),
      candidates: paper.candidates,
      blank: paper.blank,
    });
    expect(r).toMatchObject({ ballots: paper.voters.length });
  }
  await president.sendOk({ type: "vote:president-turn", voteId });
  await president.sendOk({ type: "vote:close", voteId });
  return president.sendOk({ type: "vote:proclaim", voteId });
}

describe("a nomination by device", () => {
  it("NOM-1 the clerk enters the seat and the candidates before the opening; everyone sees them", async () => {
    await clerk.sendOk({ type: "nomination:set", itemId: item, seats: 1, candidates: CANDIDATES.map((m) => ({ memberIds: [m] })) });
    await president.markPresent(30);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: item });
    await pub.until((c) => c.view?.currentItemId === item, "the nomination called");
    const it = pub.view!.items.find((i) => i.id === item)!;
    expect(it.kind).toBe("election");
    expect(it.nomination?.candidates.map((c) => c.label)).toEqual(["Mme Élodie DESPRÉS", "M. Henri HÉRAULT", "Mme Wendy WALLET"]);
  });

  it("NOM-3 CHAIR-2 SEC-19 round 1 with a paper urn: the urn holds a counter per candidate, sealed; the log and the replies never say who got what", async () => {
    const opened = await president.sendOk({ type: "vote:open", itemId: item });
    const voteId = String(opened.voteId);
    await voters.m02!.sendOk({ type: "ballot:nominate", voteId, candidateId: candidateId("m06") });
    await voters.m03!.sendOk({ type: "ballot:nominate", voteId, candidateId: candidateId("m33") });
    // Three members without a device vote on paper: two for DESPRÉS, one blank.
    await clerk.sendOk({
      type: "vote:paper",
      voteId,
      voters: [{ memberId: "m10" }, { memberId: "m11" }, { memberId: "m13" }],
      candidates: [2, 0, 0],
      blank: 1,
    });
    const row = await srv.db.secretUrn.findUniqueOrThrow({ where: { voteId } });
    expect(unsealUrnCounts(srv.server.keys.urn, voteId, row.sealed)).toEqual({ tally: { pour: 0, contre: 0, abstention: 1, nppv: 0 }, candidates: [3, 1, 0] });
    const events = await srv.db.sittingEvent.findMany({ where: { sittingId } });
    const receipts = await srv.db.commandReceipt.findMany({ where: { sittingId } });
    for (const text of [...events.map((e) => e.payload), ...receipts.map((r) => r.reply)]) expect(text).not.toMatch(/"candidates":\[\d|"blank"/);
    expect(events.find((e) => e.type === "vote:paper-deposited")?.payload).toMatch(/"m10".*"m11".*"m13"/);
    // Nobody's figures before the close: the public sees the number of ballots only.
    await pub.until((c) => c.view?.vote?.ballotsCast === 5, "5 ballots in");
    expect(pub.view?.vote?.nomination).toMatchObject({ round: 1, votes: null, blank: null });
    expect(president.chair?.liveNomination).toBeNull();
    for (const m of ["m04", "m07"]) await voters[m]!.sendOk({ type: "ballot:nominate", voteId, candidateId: candidateId("m46") });
    await president.sendOk({ type: "vote:president-turn", voteId });
    const closed = await president.sendOk({ type: "vote:close", voteId });
    expect(closed).toMatchObject({ tally: { pour: 6, contre: 0, abstention: 1, nppv: 0 }, candidateVotes: [3, 1, 2], ballots: 7 });
    const proclaimed = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(proclaimed.round).toMatchObject({
      round: 1,
      outcome: "no-winner",
      figures: { votants: 7, blancsNuls: 1, exprimes: 6, majoriteAbsolue: 4, voix: [{ votes: 3 }, { votes: 1 }, { votes: 2 }] },
    });
    await pub.until((c) => c.view?.items.find((i) => i.id === item)?.nomination?.rounds.length === 1, "round 1 to the public");
    expect(pub.view?.vote?.nomination).toMatchObject({ votes: [3, 1, 2], blank: 1 });
  });

  it("ELECT-3 NOM-3 rounds 2 and 3: no absolute majority again, then a tie goes to the elder, M. HÉRAULT (1956) before Mme DESPRÉS (1992)", async () => {
    const r2 = await round({ m02: "m06", m03: "m33", m04: "m33", m06: "m06", m07: null });
    expect(r2.round).toMatchObject({ round: 2, outcome: "no-winner", figures: { exprimes: 4, majoriteAbsolue: 3 } });
    const r3 = await round({ m02: "m06", m03: "m33", m04: "m33", m06: "m06", m07: null, m08: "m46" });
    expect(r3.round).toMatchObject({ round: 3, outcome: "elected", electedId: "c-m33", ruleId: "ELECT-3", figures: { majoriteAbsolue: null } });
    await pub.until((c) => c.view?.items.find((i) => i.id === item)?.status === "decided", "the item decided");
    const it = pub.view!.items.find((i) => i.id === item)!;
    expect(it.result?.reasonFr).toMatch(/M\. Henri HÉRAULT est élu au troisième tour au bénéfice de l'âge/);
    expect(it.nomination?.elected).toEqual(["c-m33"]);
    for (const c of [president, voters.m02!]) await c.until((x) => x.view?.items.find((i) => i.id === item)?.status === "decided", "every screen agrees");
  });

  it("NOM-3 REC-11 the minutes and the extract carry every round with its figures, and who was designated", async () => {
    await president.sendOk({ type: "sitting:close" });
    const pv = await (await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`, { headers: { cookie: clerkCookie } })).text();
    expect(pv).toContain("Désignation — 1 siège à pourvoir ; candidats : Mme Élodie DESPRÉS, M. Henri HÉRAULT et Mme Wendy WALLET.");
    expect(pv).toContain(
      "Premier tour, au scrutin secret — votants : 7 ; blancs ou nuls : 1 ; suffrages exprimés : 6 ; majorité absolue : 4 — Mme Élodie DESPRÉS : 3 voix ; M. Henri HÉRAULT : 1 voix ; Mme Wendy WALLET : 2 voix.",
    );
    expect(pv).toContain("Urne papier : 3 bulletins de");
    expect(pv).toMatch(/Troisième tour, au scrutin secret — votants : 6 ; blancs ou nuls : 1 ; suffrages exprimés : 5 — /);
    expect(pv).toContain("Décision : Désignation : M. Henri HÉRAULT.");
    const extract = await (await fetch(`${srv.url}/records/sittings/${sittingId}/items/${item}/extract`)).text();
    expect(extract).toContain("<h2>Désignation</h2>");
    expect(extract).toMatch(/Deuxième tour, au scrutin secret — votants : 5 ; blancs ou nuls : 1 ; suffrages exprimés : 4 ; majorité absolue : 3/);
    expect(extract).toContain("Désignation : M. Henri HÉRAULT");
    expect(memberId(33)).toBe("m33");
  });
});
