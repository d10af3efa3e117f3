// MIN-*: the minutes document behind the sign-in, with the sitting's facts written into it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { readChain } from "../../server/store/sitting-store";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { tryConnect, yClient } from "../helpers/yjs-client";

let srv: TestServer;
let sittingId: string;
let itemIds: string[];
let clerk: string, secretary: string, councillor: string;

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function factsOf(doc: Y.Doc): { seq: number; kind: string; text: string }[] {
  return doc
    .getXmlFragment("default")
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "sittingFact")
    .map((n) => ({ seq: Number(n.getAttribute("seq")), kind: String(n.getAttribute("kind")), text: String(n.getAttribute("text")) }));
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  secretary = await demoSignIn(srv.url, "u-m28");
  councillor = await demoSignIn(srv.url, "u-m02");
  ({ sittingId, itemIds } = await createSittingAs(srv.url, clerk));
});
afterAll(async () => {
  await srv?.stop();
});

describe("minutes over the Yjs websocket", () => {
  it("MIN-1 the public cannot open the minutes before publication; a councillor reads; a secretary writes", async () => {
    expect(await tryConnect(srv.url, sittingId)).toBe(403);
    expect(await tryConnect(srv.url, sittingId, councillor)).toBe("open");
    expect(await tryConnect(srv.url, sittingId, secretary)).toBe("open");
    const other = await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`);
    expect(other.status).toBe(403);
  });

  it("MIN-2 a councillor cannot change the document; a secretary's text reaches every reader", async () => {
    const sec = await yClient(srv.url, sittingId, secretary);
    const reader = await yClient(srv.url, sittingId, councillor);
    await Promise.all([sec.synced(), reader.synced()]);
    sec.doc.getXmlFragment("default").push([Object.assign(new Y.XmlElement("paragraph"), {})]);
    const p = sec.doc.getXmlFragment("default").get(0) as Y.XmlElement;
    p.insert(0, [new Y.XmlText("Texte de la secrétaire.")]);
    await until(() => reader.doc.getXmlFragment("default").toString().includes("Texte de la secrétaire."), "reader sees the text");
    // The councillor edits locally: the server drops it, the secretary never sees it.
    reader.doc.getXmlFragment("default").push([new Y.XmlText("Ajout interdit du conseiller")]);
    const probe = new Y.XmlText("sonde");
    sec.doc.getXmlFragment("default").push([probe]); // a later write, to know the pipe flushed
    await until(() => reader.doc.getXmlFragment("default").toString().includes("sonde"), "probe reached the reader");
    await new Promise((r) => setTimeout(r, 200));
    expect(sec.doc.getXmlFragment("default").toString()).not.toContain("Ajout interdit");
    const third = await yClient(srv.url, sittingId, clerk);
    await third.synced();
    expect(third.doc.getXmlFragment("default").toString()).not.toContain("Ajout interdit");
    expect(third.doc.getXmlFragment("default").toString()).toContain("Texte de la secrétaire.");
    for (const c of [sec, reader, third]) c.close();
  });

  it("MIN-3 MIN-5 the sitting writes its facts in order, the PV export's figures equal the event log's, and it prints as an A4 PDF", async () => {
    const pres = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    const voter = new Client(srv.url, sittingId, councillor);
    await pres.subscribe();
    await voter.subscribe();
    await pres.markPresent(29);
    await pres.sendOk({ type: "sitting:open" });
    await pres.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await pres.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
    await voter.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await pres.sendOk({ type: "vote:close", voteId });
    await pres.sendOk({ type: "vote:proclaim", voteId });
    await pres.sendOk({ type: "sitting:suspend" });
    await pres.sendOk({ type: "sitting:resume" });
    await pres.sendOk({ type: "sitting:close" });

    const sec = await yClient(srv.url, sittingId, secretary);
    await sec.synced();
    await until(() => factsOf(sec.doc).some((f) => f.kind === "closing"), "closing fact");
    const facts = factsOf(sec.doc);
    expect(facts.map((f) => f.kind)).toEqual(["opening", "item-call", "result", "suspension", "resumption", "closing"]);
    expect(facts.map((f) => f.seq)).toEqual([...facts.map((f) => f.seq)].sort((a, b) => a - b));
    expect(facts[0]!.text).toContain("présents : 29");
    expect(facts[2]!.text).toMatch(/pour : 0 — contre : 1 — abstentions : 0/);
    expect(facts[2]!.text).toContain("Contre : Mme Ombelyne DAGICOUR");
    // The secretary's own text survives between facts; the facts are headed per item.
    expect(sec.doc.getXmlFragment("default").toString()).toContain("Texte de la secrétaire.");

    // A fact's text tampered in the document: the export still shows the log's figures.
    const el = sec.doc
      .getXmlFragment("default")
      .toArray()
      .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute("kind") === "result")!;
    el.setAttribute("text", "Vote : Pour 99, Contre 0.");
    await new Promise((r) => setTimeout(r, 300));
    const res = await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`, { headers: { cookie: clerk } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("Pour 99");
    const chain = await readChain(srv.db, sittingId);
    const closed = chain.find((e) => e.type === "vote:closed")!;
    const tally = (JSON.parse(closed.payload) as { tally: { pour: number; contre: number; abstention: number; nppv: number } }).tally;
    expect(html).toContain(
      `pour : ${tally.pour} — contre : ${tally.contre} — abstentions : ${tally.abstention} — ne prennent pas part au vote : ${tally.nppv}`,
    );
    for (const f of facts) expect(html).toContain(`data-seq="${f.seq}"`);
    // MIN-5 the procès-verbal as an A4 PDF.
    const pdf = await fetch(`${srv.url}/records/sittings/${sittingId}/minutes.pdf`, { headers: { cookie: clerk } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    sec.close();
    pres.close();
    voter.close();
  });

  it("MIN-4 approval at a later sitting that was held, then publication opens the minutes to the public (read only)", async () => {
    const later = await createSittingAs(srv.url, clerk, { date: "2022-11-14" });
    // Approval is voted at a sitting held, never "at" one only convened (REC-14).
    const heldBy = new Client(srv.url, later.sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    await heldBy.sendOk({ type: "sitting:open" });
    heldBy.close();
    const post = (path: string, body: unknown) =>
      fetch(`${srv.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerk },
        body: JSON.stringify(body),
      });
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/publish`, {})).status).toBe(400); // not approved yet
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later.sittingId })).status).toBe(200);
    const row = await srv.db.sitting.findUniqueOrThrow({ where: { id: sittingId } });
    expect(row.minutesApprovedAt).toBe("2022-11-14");
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/publish`, {})).status).toBe(200);
    expect(await tryConnect(srv.url, sittingId)).toBe("open");
    const pub = await yClient(srv.url, sittingId);
    await pub.synced();
    expect(factsOf(pub.doc).length).toBe(6);
    const before = pub.doc.getXmlFragment("default").length;
    pub.doc.getXmlFragment("default").push([new Y.XmlText("graffiti")]);
    const check = await yClient(srv.url, sittingId, clerk);
    await check.synced();
    await new Promise((r) => setTimeout(r, 200));
    expect(check.doc.getXmlFragment("default").length).toBe(before);
    pub.close();
    check.close();
  });
});
