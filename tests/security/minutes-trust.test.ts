// SEC-16 (read-only minutes stay read-only, whatever bytes a reader sends) and SEC-24 (approved
// minutes are frozen: a snapshot and its hash in the log, read-only for everyone, the export reads
// the snapshot, a correction is a new logged version). Real server, real websockets.
import { createHash } from "node:crypto";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { paragraphUpdate, sendRawFrame, syncUpdateFrame, yClient, type YClient } from "../helpers/yjs-client";

let srv: TestServer;
let clerk: string, secretary: string, councillor: string;
let sittingId: string;
let later: string;

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const text = (c: YClient) => c.doc.getXmlFragment("default").toString();

/** Every stored row of the sitting's minutes, merged: what the database holds. */
async function storedText(): Promise<string> {
  const rows = await srv.db.yDocUpdate.findMany({ where: { docName: `minutes-${sittingId}` }, orderBy: { id: "asc" } });
  const d = new Y.Doc();
  if (rows.length) Y.applyUpdate(d, Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))));
  return d.getXmlFragment("default").toString();
}

/** The same sync update frame, with its message type written as the non-canonical varint [0x80, 0x00]. */
function disguisedUpdateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 2); // sync sub-type: update
  encoding.writeVarUint8Array(enc, update);
  return Uint8Array.of(0x80, 0x00, ...encoding.toUint8Array(enc));
}

function stepTwoFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint(enc, 1); // sync step 2
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

function awarenessFrame(): Uint8Array {
  const d = new Y.Doc();
  const a = new awarenessProtocol.Awareness(d);
  a.setLocalState({ user: { name: "Quelqu'un", color: "#000" } });
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 1);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(a, [d.clientID]));
  a.destroy();
  return encoding.toUint8Array(enc);
}

function stepOneFrame(): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint(enc, 0);
  encoding.writeVarUint8Array(enc, Y.encodeStateVector(new Y.Doc()));
  return encoding.toUint8Array(enc);
}

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  secretary = await demoSignIn(srv.url, "u-m28");
  councillor = await demoSignIn(srv.url, "u-m02");
  ({ sittingId } = await createSittingAs(srv.url, clerk));
  later = (await createSittingAs(srv.url, clerk, { date: "2022-11-14", convocationDate: "2022-11-07" })).sittingId;
  // The minutes are approved at a later sitting that was held (REC-14): it is opened.
  const chair = new Client(srv.url, later, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  await chair.sendOk({ type: "sitting:open" });
  chair.close();
  const sec = await yClient(srv.url, sittingId, secretary);
  await sec.synced();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText("Texte de la secrétaire.")]);
  sec.doc.getXmlFragment("default").push([p]);
  await until(async () => (await storedText()).includes("Texte de la secrétaire."), "the secretary's text stored");
  sec.close();
});
afterAll(async () => {
  await srv?.stop();
});

describe("SEC-16 a reader's frames are decoded as the server reads them", () => {
  it("SEC-16 a councillor's sync update disguised as [0x80, 0x00, 0x02, …] is refused and closes the connection; nothing changes", async () => {
    const before = await storedText();
    const code = await sendRawFrame(srv.url, sittingId, disguisedUpdateFrame(paragraphUpdate("Injection déguisée")), councillor);
    expect(code).toBe(4403);
    const check = await yClient(srv.url, sittingId, clerk);
    await check.synced();
    expect(text(check)).not.toContain("Injection déguisée");
    check.close();
    expect(await storedText()).toBe(before);
  });

  it("SEC-16 a councillor may ask for the document and show presence; a plain update, a sync step 2 or a deletion closes the connection", async () => {
    expect(await sendRawFrame(srv.url, sittingId, stepOneFrame(), councillor)).toBe("still open");
    expect(await sendRawFrame(srv.url, sittingId, awarenessFrame(), councillor)).toBe("still open");
    expect(await sendRawFrame(srv.url, sittingId, syncUpdateFrame(paragraphUpdate("Ajout")), councillor)).toBe(4403);
    expect(await sendRawFrame(srv.url, sittingId, stepTwoFrame(paragraphUpdate("Ajout par l'étape 2")), councillor)).toBe(4403);
    // Deleting every block: an update built on the server's own state that removes it all.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate((await yClientSynced(secretary)).doc));
    const sv = Y.encodeStateVector(copy);
    copy.getXmlFragment("default").delete(0, copy.getXmlFragment("default").length);
    expect(await sendRawFrame(srv.url, sittingId, syncUpdateFrame(Y.encodeStateAsUpdate(copy, sv)), councillor)).toBe(4403);
    expect(await storedText()).toContain("Texte de la secrétaire.");
  });

  it("SEC-16 a writer's update goes through (the filter reads the same frames)", async () => {
    expect(await sendRawFrame(srv.url, sittingId, syncUpdateFrame(paragraphUpdate("Ajout de la secrétaire")), secretary)).toBe("still open");
    await until(async () => (await storedText()).includes("Ajout de la secrétaire"), "the writer's update stored");
  });
});

async function yClientSynced(cookie?: string): Promise<YClient> {
  const c = await yClient(srv.url, sittingId, cookie);
  await c.synced();
  return c;
}

async function post(path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${srv.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerk },
    body: JSON.stringify(body),
  });
}

describe("SEC-24 approved minutes are frozen", () => {
  it("SEC-24 approval stores a snapshot whose hash is in the log; every writer becomes a reader, open editors included", async () => {
    // The sitting is held and closed.
    const pres = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    await pres.sendOk({ type: "sitting:open" });
    await pres.sendOk({ type: "sitting:close" });
    pres.close();
    const openEditor = await yClientSynced(secretary);
    expect(openEditor.role).toBe("writer");
    let closedWith = 0;
    openEditor.provider.on("connection-close", (e: CloseEvent | null) => (closedWith = e?.code ?? closedWith));

    const r = await post(`/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later });
    expect(r.status).toBe(200);
    const approved = (await r.json()) as { data: { version: number; hash: string } };
    expect(approved.data.version).toBe(1);
    const row = await srv.db.minutesVersion.findUniqueOrThrow({ where: { sittingId_version: { sittingId, version: 1 } } });
    expect(createHash("sha256").update(row.snapshot).digest("hex")).toBe(approved.data.hash);
    const events = await srv.db.sittingEvent.findMany({ where: { sittingId, type: "minutes:approved" } });
    expect(events.map((e) => JSON.parse(e.payload) as { hash: string; version: number })).toMatchObject([{ hash: approved.data.hash, version: 1 }]);

    // The open editor was told to reconnect, and comes back read-only.
    await until(() => closedWith === 4001, "the writer's connection closed when the minutes were approved");
    openEditor.close();
    const again = await yClientSynced(secretary);
    expect(again.role).toBe("reader");
    again.close();
    for (const writer of [secretary, clerk]) {
      expect(await sendRawFrame(srv.url, sittingId, syncUpdateFrame(paragraphUpdate("Retouche après approbation")), writer)).toBe(4403);
    }
    expect(await storedText()).not.toContain("Retouche après approbation");
  });

  it("SEC-24 the export reads the approved snapshot, whatever happens to the stored document", async () => {
    // Someone with the database adds a row behind the server's back.
    await srv.db.yDocUpdate.create({ data: { docName: `minutes-${sittingId}`, update: Buffer.from(paragraphUpdate("Paragraphe ajouté en base")) } });
    const html = await (await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`, { headers: { cookie: clerk } })).text();
    expect(html).toContain("Texte de la secrétaire.");
    expect(html).not.toContain("Paragraphe ajouté en base");
    expect(html).toMatch(/version 1, empreinte SHA-256 [0-9a-f]{16}/);
  });

  it("SEC-24 a correction reopens the minutes, and the next approval is a new, logged version; the public reads the published one", async () => {
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/publish`)).status).toBe(200);
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/reopen`, { reason: "Coquille dans le nom d'un élu" })).status).toBe(200);
    const sec = await yClientSynced(secretary);
    expect(sec.role).toBe("writer");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Rectification du procès-verbal.")]);
    sec.doc.getXmlFragment("default").push([p]);
    await until(async () => (await storedText()).includes("Rectification"), "the correction stored");
    // Meanwhile the public reads the published version 1.
    const publicHtml = await (await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`)).text();
    expect(publicHtml).toContain("version 1");
    expect(publicHtml).not.toContain("Rectification");
    sec.close();
    const r = await post(`/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later });
    expect(((await r.json()) as { data: { version: number } }).data.version).toBe(2);
    const kinds = (await srv.db.sittingEvent.findMany({ where: { sittingId, type: { startsWith: "minutes:" } }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(kinds).toEqual(["minutes:approved", "minutes:published", "minutes:reopened", "minutes:approved"]);
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/publish`)).status).toBe(200);
    const now = await (await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`)).text();
    expect(now).toContain("Rectification du procès-verbal.");
    expect(now).toContain("version 2");
  });

  it("SEC-16 the public, once the minutes are published, may only ask for the document: an update or presence closes its connection", async () => {
    expect(await sendRawFrame(srv.url, sittingId, stepOneFrame())).toBe("still open");
    expect(await sendRawFrame(srv.url, sittingId, disguisedUpdateFrame(paragraphUpdate("Graffiti public")))).toBe(4403);
    expect(await sendRawFrame(srv.url, sittingId, awarenessFrame())).toBe(4403);
    expect(await storedText()).not.toContain("Graffiti public");
  });
});
