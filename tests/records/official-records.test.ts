// REC-6…REC-15, #14 "Done when" 1: a whole sitting driven over the protocol on a clock set to the
// evening of 3 October 2022 (a late arrival, a departure with a proxy, a recusal, public, secret and
// show-of-hands votes, a rejected item), then the procès-verbal and the extracts checked by their text
// for each of the issue's points 1–9, their publication, and a member renamed after publication.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { yClient } from "../helpers/yjs-client";

/**
 * The server's clock. It reads the real time while everyone signs in (sessions and sockets check
 * their expiry against it), then the test sets it to the evening of 3 October 2022 (Paris, UTC+2).
 */
const clock = { t: null as Date | null, now: () => (clock.t ? new Date(clock.t) : new Date()) };
const at = (utc: string) => (clock.t = new Date(`2022-10-03T${utc}:00Z`));

let srv: TestServer;
let sittingId: string;
const items: Record<number, string> = {};
let clerk: string;
let secretary: string;
let mayor: string;
let president: Client;
const voters: Record<string, Client> = {};
const names: Record<string, string> = {};
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "seance-official-"));
/** The public copies captured once published, before a member is renamed. */
const published: Record<string, { html: string; pdf: Buffer }> = {};

const get = (p: string, cookie?: string) => fetch(`${srv.url}${p}`, cookie ? { headers: { cookie } } : {});
const post = (p: string, body: unknown, cookie = clerk) =>
  fetch(`${srv.url}${p}`, { method: "POST", headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie }, body: JSON.stringify(body) });
const extractPath = (order: number) => `/records/sittings/${sittingId}/items/${items[order]}/extract`;
const pvPath = () => `/records/sittings/${sittingId}/minutes`;
const listPath = () => `/records/sittings/${sittingId}/deliberations`;
/** The text of an HTML page, as a reader sees it (tags removed, entities read). */
const text = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .replace(/ ([.,])/g, "$1");

function pdfPages(pdf: Buffer): string[] {
  const file = path.join(TMP, `doc-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
    .split("\f")
    .filter((p) => p.trim() !== "");
}

/** A minimal real PDF, one page (what a clerk would deposit as an annex). */
function tinyPdf(): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

beforeAll(async () => {
  srv = await startTestServer({ clock, env: { SEANCE_PDF_RENDERS_PER_MINUTE: "200" } });
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId } = await createSittingAs(srv.url, clerk));
  for (const it of await srv.db.agendaItem.findMany({ where: { sittingId } })) items[it.order] = it.id;
  for (const m of await srv.db.member.findMany()) names[m.id] = `${m.civility} ${m.firstName} ${m.lastName}`;
  mayor = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
  secretary = await demoSignIn(srv.url, "u-m28");
  president = new Client(srv.url, sittingId, mayor);
  for (const id of ["m02", "m04", "m07", "m12", "m21"]) voters[id] = new Client(srv.url, sittingId, await demoSignIn(srv.url, `u-${id}`));
  for (const c of [president, ...Object.values(voters)]) expect((await c.subscribe()).ok).toBe(true);
  at("16:00");
});

afterAll(async () => {
  for (const c of [president, ...Object.values(voters)]) c?.close();
  await srv?.stop();
  fs.rmSync(TMP, { recursive: true, force: true });
});

const ids = (from: number, to: number, except: number[] = []) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)
    .filter((n) => !except.includes(n))
    .map((n) => `m${String(n).padStart(2, "0")}`);

describe("a whole sitting, then its official records", () => {
  it("REC-8 runs the sitting on the Paris evening clock: late arrival, departure with a proxy, a recusal, public, secret and show-of-hands votes, a rejection", async () => {
    const p = president;
    // 29 present, m05 and m06 excused with proxies, m40 excused, the rest absent; m12 comes later.
    for (const id of ids(1, 32, [5, 6, 12])) await p.sendOk({ type: "rollcall:mark", memberId: id, status: "present" });
    for (const id of ["m05", "m06", "m40"]) await p.sendOk({ type: "rollcall:mark", memberId: id, status: "excused" });
    await p.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
    await p.sendOk({ type: "proxy:give", from: "m06", to: "m07" });
    at("16:05");
    await p.sendOk({ type: "sitting:open" });

    at("16:10");
    await p.sendOk({ type: "interest:declare", itemId: items[7]!, memberId: "m03" });
    await p.sendOk({ type: "item:call", itemId: items[7]! });
    const v7 = String((await p.sendOk({ type: "vote:open", itemId: items[7]!, mode: "public", reveal: "live" })).voteId);
    await voters.m02!.sendOk({ type: "ballot:cast", voteId: v7, choice: "pour" });
    await voters.m04!.sendOk({ type: "ballot:cast", voteId: v7, choice: "pour" });
    await voters.m04!.sendOk({ type: "ballot:cast", voteId: v7, choice: "pour", onBehalfOf: "m05" });
    await voters.m07!.sendOk({ type: "ballot:cast", voteId: v7, choice: "contre" });
    await voters.m07!.sendOk({ type: "ballot:cast", voteId: v7, choice: "abstention", onBehalfOf: "m06" });
    await p.sendOk({ type: "vote:close", voteId: v7 });
    expect((await p.sendOk({ type: "vote:proclaim", voteId: v7 })).result).toMatchObject({
      outcome: "adopted",
      tally: { pour: 3, contre: 1, abstention: 1, nppv: 1 },
    });

    // The chair notes m12's arrival at 18h40 (typed on the council's clock) a little afterwards.
    at("16:50");
    await p.sendOk({ type: "rollcall:mark", memberId: "m12", status: "present", time: "18:40" });
    at("16:55");
    await p.sendOk({ type: "item:call", itemId: items[8]! });
    const v8 = String((await p.sendOk({ type: "vote:open", itemId: items[8]!, mode: "secret" })).voteId);
    await voters.m02!.sendOk({ type: "ballot:cast", voteId: v8, choice: "pour" });
    await voters.m04!.sendOk({ type: "ballot:cast", voteId: v8, choice: "pour" });
    await voters.m12!.sendOk({ type: "ballot:cast", voteId: v8, choice: "contre" });
    await p.sendOk({ type: "vote:close", voteId: v8 });
    expect((await p.sendOk({ type: "vote:proclaim", voteId: v8 })).result).toMatchObject({ outcome: "adopted" });

    // m20 leaves at 19h05 and leaves her proxy to m21.
    at("17:06");
    await p.sendOk({ type: "rollcall:depart", memberId: "m20", time: "19:05" });
    await p.sendOk({ type: "proxy:give", from: "m20", to: "m21" });

    at("17:10");
    await p.sendOk({ type: "item:call", itemId: items[9]! });
    const v9 = String((await p.sendOk({ type: "vote:open", itemId: items[9]!, mode: "show-of-hands" })).voteId);
    await p.sendOk({ type: "vote:record-hands", voteId: v9, tally: { pour: 5, contre: 20, abstention: 3, nppv: 0 }, presidentVote: "contre" });
    await p.sendOk({ type: "vote:close", voteId: v9 });
    expect((await p.sendOk({ type: "vote:proclaim", voteId: v9 })).result).toMatchObject({ outcome: "rejected" });

    at("17:20");
    await p.sendOk({ type: "item:call", itemId: items[10]! });
    const v10 = String((await p.sendOk({ type: "vote:open", itemId: items[10]!, mode: "show-of-hands" })).voteId);
    await p.sendOk({ type: "vote:record-hands", voteId: v10, tally: { pour: 32, contre: 0, abstention: 0, nppv: 0 }, presidentVote: "pour" });
    await p.sendOk({ type: "vote:close", voteId: v10 });
    await p.sendOk({ type: "vote:proclaim", voteId: v10 });
    at("18:30");
    await p.sendOk({ type: "sitting:close" });

    // REC-8: the typed time is stored as a UTC instant, like the server's own.
    const marked = (await srv.db.sittingEvent.findMany({ where: { sittingId, type: "rollcall:marked" } })).map(
      (e) => JSON.parse(e.payload) as { memberId: string; at: string },
    );
    expect(marked.find((e) => e.memberId === "m12")?.at).toBe("2022-10-03T16:40:00.000Z");
    const departed = await srv.db.sittingEvent.findFirstOrThrow({ where: { sittingId, type: "rollcall:departed" } });
    expect((JSON.parse(departed.payload) as { at: string }).at).toBe("2022-10-03T17:05:00.000Z");
  });

  it("REC-8 REC-9 REC-12 the live minutes and the procès-verbal export write the same facts, each from the state of its moment, on the Paris clock", async () => {
    const minutes = await yClient(srv.url, sittingId, secretary);
    await minutes.synced();
    const facts = () =>
      minutes.doc
        .getXmlFragment("default")
        .toArray()
        .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "sittingFact")
        .map((n) => ({ seq: Number(n.getAttribute("seq")), kind: String(n.getAttribute("kind")), text: String(n.getAttribute("text")) }));
    const deadline = Date.now() + 10_000;
    while (!facts().some((f) => f.kind === "closing")) {
      if (Date.now() > deadline) throw new Error("the closing fact never reached the minutes");
      await new Promise((r) => setTimeout(r, 50));
    }
    const live = facts();
    minutes.close();
    const html = await (await get(pvPath(), clerk)).text();
    // The export rebuilds every fact from the log: the same sentences as the live document.
    const exported = [...html.matchAll(/<div class="fact" data-seq="(\d+)" data-kind="([a-z-]+)">([^<]*)<\/div>/g)].map((m) => ({
      seq: Number(m[1]),
      kind: m[2],
      text: text(m[3] ?? "").trim(),
    }));
    expect(exported).toEqual(live.map((f) => ({ ...f, text: text(f.text).trim() })));
    const byKind = (k: string) => live.filter((f) => f.kind === k).map((f) => f.text);
    // #14.3: 18h05, not 16h05 (UTC); the typed 18h40 and 19h05 stay 18h40 and 19h05.
    expect(byKind("opening")[0]).toContain("est ouverte à 18h05 sous la présidence de Mme Léonore MONCOND'HUY, Maire.");
    expect(byKind("closing")[0]).toBe("La séance est levée à 20h30.");
    expect(byKind("arrival")).toEqual([`${names.m12} rejoint la séance à 18h40.`]);
    // #14.7: the departure and the proxy left are facts.
    expect(byKind("departure")).toEqual([`${names.m20} quitte la séance à 19h05.`]);
    expect(byKind("proxy")).toEqual([`${names.m20}, qui a quitté la séance à 19h05, donne pouvoir à ${names.m21}.`]);
    // #14.4: at the opening 2 proxies existed (3 at the end): the opening says 2.
    expect(byKind("opening")[0]).toContain("Membres en exercice : 53 ; présents : 29 ; représentés : 2 ; absents : 22 (dont excusés : 1).");
    expect(byKind("opening")[0]).toContain("La secrétaire de séance : Mme Camille CHARRON.");
    // #14.6: every vote's figures.
    expect(byKind("result")[0]).toMatch(
      /^Vote au scrutin public — votants : 5 — suffrages exprimés : 4 — pour : 3 — contre : 1 — abstentions : 1 — ne prennent pas part au vote : 1\. Adoptée/,
    );
    expect(byKind("item-call")[2]).toMatch(
      /^Point appelé à 19h10, rapporteur : [^.]+\. Présents : 29 ; représentés : 3 ; absents : 21 \(dont excusés : 1\) — pouvoirs : .*Quorum : 27 requis, 29 comptés — atteint\.$/,
    );
  });

  it("REC-7 the procès-verbal names the members present, represented with their mandataire, excused and absent, the president and the secretary", async () => {
    const t = text(await (await get(pvPath(), clerk)).text());
    expect(t).toContain("PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL");
    expect(t).toContain("Séance du 3 octobre 2022 à 18h00");
    expect(t).toContain("Présidence : Mme Léonore MONCOND'HUY, Maire. La secrétaire de séance : Mme Camille CHARRON.");
    expect(t).toContain("À l'ouverture de la séance, à 18h05 (53 membres en exercice) :");
    expect(t).toMatch(
      /Présents \(29\) Maire : Mme Léonore MONCOND'HUY ; Adjoints : Mme Ombelyne DAGICOUR, M\. Bastien ARNAUD, Mme Claire BELLANGER, M\. François ÉTIENNE, /,
    );
    expect(t).toContain(`Représentés (2) ${names.m05} (pouvoir à ${names.m04}), ${names.m06} (pouvoir à ${names.m07})`);
    expect(t).toContain(`Absents excusés (1) Conseillers municipaux : ${names.m40}`);
    expect(t).toMatch(new RegExp(`Absents \\(21\\) Adjoints : ${names.m12} ; Conseillers municipaux : `));
    // #14.9: each item with its identifier, decision and operative text or reference; French dates; gender; made at.
    expect(t).toContain("N° 7 — 2022-0243 — Budget principal 2022 — décision modificative n° 2 Décision : Adoptée.");
    expect(t).toContain("N° 9 — 2022-0245 — Adhésion à l'association Démocratie Ouverte Décision : Rejetée.");
    expect(t).toContain("N° 11 — 2022-0247");
    expect(t).toMatch(/Désignation d'un représentant[^.]* Décision : Non examinée\./);
    expect(t).toContain("Acte 086-218601946-20221003-2022_0243-DE (prévisionnel). Texte intégral de la délibération :");
    expect(t).toContain("Proposition soumise au vote : d'adopter la décision modificative n° 2");
    expect(t).toContain("Fait à Poitiers, le 3 octobre 2022.");
    expect(t).toContain("La Maire, Mme Léonore MONCOND'HUY La secrétaire de séance, Mme Camille CHARRON");
    expect(t).toContain("Projet — soumis à l'approbation du conseil municipal lors d'une prochaine séance.");
    expect(t.replace(/https?:\/\/\S+/g, "")).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });

  it("REC-11 REC-12 the extract of the rejected item: attendance at its call adds up, with the arrival and the departure with its proxy", async () => {
    const html = await (await get(extractPath(9))).text();
    const t = text(html);
    expect(t).toContain("À l'appel du point 29 présents, 3 représentés, 1 absent excusé, 20 absents (53 membres en exercice)");
    expect(t).toContain(
      `Arrivées et départs en cours de séance ${names.m12} est arrivée à 18h40. ${names.m20} a quitté la séance à 19h05 et a donné pouvoir à ${names.m21}.`,
    );
    expect(t).toContain(`${names.m20} ${names.m21}`); // the proxy table: mandant | mandataire
    expect(t).toMatch(/Vote à main levée Votants 28 Suffrages exprimés 25 Pour 5 Contre 20 Abstention 3 Ne prend pas part au vote 0/);
    expect(t).toContain("RESULTAT DU VOTE Rejeté");
  });

  it("REC-11 the secret ballot's extract gives its figures, never names", async () => {
    const t = text(await (await get(extractPath(8))).text());
    expect(t).toMatch(/Vote au scrutin secret Votants 3 Suffrages exprimés 3 Pour 2 Contre 1 Abstention 0 Ne prend pas part au vote 0/);
    expect(t).not.toContain("Ont voté pour");
  });

  it("REC-13 an annex deposited with item 7 is named in its extract; the public reads it only once the act is published", async () => {
    const r = await post(`/api/clerk/items/${items[7]}/annexes`, { name: "Maquette budgétaire DM2.pdf", dataBase64: tinyPdf().toString("base64") });
    expect(r.status).toBe(200);
    const annex = ((await r.json()) as { data: { id: string; href: string; mediaType: string; size: number } }).data;
    expect(annex).toMatchObject({ mediaType: "application/pdf", size: tinyPdf().length });
    const html = await (await get(extractPath(7))).text();
    expect(html).toContain(`>Maquette budgétaire DM2.pdf</a> — application/pdf, 1 ko, SHA-256`);
    expect((await get(annex.href)).status).toBe(404);
    expect((await get(annex.href, clerk)).status).toBe(200);
  });

  it("REC-6 posted and received, an act of a commune of 3,500 inhabitants or more is still not exécutoire; the clerk's publication makes it so", async () => {
    const dates = await post(`/api/clerk/items/${items[7]}/publication`, { postedOn: "2022-10-04", prefectureReceivedOn: "2022-10-04" });
    expect(dates.status).toBe(200);
    const before = text(await (await get(extractPath(7))).text());
    expect(before).toContain(
      "Acte non encore exécutoire (affiché le 4 octobre 2022, reçu en préfecture le 4 octobre 2022) : publication électronique à venir (CGCT, art. L. 2131-1). L'affichage seul ne rend pas l'acte exécutoire.",
    );
    const pub = await post(`/api/clerk/items/${items[7]}/publish`, { publishedOn: "2022-10-05" });
    expect(pub.status, await pub.clone().text()).toBe(200);
    const res = await get(extractPath(7));
    expect(res.headers.get("x-record-version")).toBe("1");
    const after = text(await res.text());
    expect(after).toContain(
      "Acte certifié exécutoire le 5 octobre 2022 : affiché le 4 octobre 2022, publié sous forme électronique le 5 octobre 2022, reçu en préfecture le 4 octobre 2022 (CGCT, art. L. 2131-1).",
    );
    const annex = await srv.db.annex.findFirstOrThrow({ where: { itemId: items[7] } });
    expect((await get(`/records/sittings/${sittingId}/items/${items[7]}/annexes/${annex.id}`)).status).toBe(200);
  });

  it("REC-15 the extract's PDF carries the act's identifier and the page number on every page; voies et délais de recours; made at", async () => {
    const pdf = Buffer.from(await (await get(`${extractPath(7)}.pdf`)).arrayBuffer());
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain("Délibération n° 2022-0243 — séance du 3 octobre 2022 — 086-218601946-20221003-2022_0243-DE (prévisionnel)");
      expect(page).toMatch(new RegExp(`page ${i + 1} / ${pages.length}`));
    });
    const all = pages.join(" ").replace(/\s+/g, " ");
    expect(all).toContain("Fait à Poitiers, le 3 octobre 2022.");
    expect(all).toContain("recours pour excès de pouvoir devant le Tribunal administratif de Poitiers");
  });

  it("REC-14 the minutes are approved at a later sitting only once it is held, then published, frozen and paginated", async () => {
    const later = await createSittingAs(srv.url, clerk, { date: "2022-11-14", convocationDate: "2022-11-07" });
    const convened = await post(`/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later.sittingId });
    expect(convened.status).toBe(400);
    expect(((await convened.json()) as { error: { text: { fr: string } } }).error.text.fr).toContain("séance tenue");
    const held = new Client(srv.url, later.sittingId, mayor);
    await held.sendOk({ type: "sitting:open" });
    held.close();
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later.sittingId })).status).toBe(200);
    expect((await post(`/api/clerk/sittings/${sittingId}/minutes/publish`, {})).status).toBe(200);
    const res = await get(pvPath());
    expect(res.status).toBe(200);
    expect(res.headers.get("x-record-version")).toBe("1");
    const t = text(await res.text());
    expect(t).toMatch(
      /Procès-verbal approuvé par le conseil municipal en sa séance du 14 novembre 2022 \(version 1, empreinte SHA-256 [0-9a-f]{16}…\)\. Mis en ligne le \d{1,2}(er)? \S+ 20\d\d\./,
    );
    expect(t).toContain("Fait à Poitiers, le 14 novembre 2022.");
    const pages = pdfPages(Buffer.from(await (await get(`${pvPath()}.pdf`)).arrayBuffer()));
    pages.forEach((page, i) => {
      expect(page).toContain("Procès-verbal de la séance du conseil municipal du 3 octobre 2022");
      expect(page).toMatch(new RegExp(`page ${i + 1} / ${pages.length}`));
    });
  });

  it("REC-15 the list of deliberations records the day it was put online", async () => {
    expect((await post(`/api/clerk/sittings/${sittingId}/deliberations/publish`, { publishedOn: "2022-10-06" })).status).toBe(200);
    const t = text(await (await get(listPath())).text());
    expect(t).toContain("Liste mise en ligne le 6 octobre 2022.");
    expect(t).toMatch(/10 2022-0246 Tarifs 2023 des piscines municipales Adoptée à l'unanimité/);
  });

  it("REC-10 renaming a member after publication changes no published record; the unpublished extract follows the roster", async () => {
    for (const [key, p] of [
      ["extract", extractPath(7)],
      ["minutes", pvPath()],
      ["list", listPath()],
    ] as const) {
      published[key] = { html: await (await get(p)).text(), pdf: Buffer.from(await (await get(`${p}.pdf`)).arrayBuffer()) };
      if (key !== "list") expect(published[key].html).toContain("BELLANGER");
    }
    await srv.db.member.update({ where: { id: "m04" }, data: { lastName: "BELLANGER-RENOMMÉE" } });
    for (const [key, p] of [
      ["extract", extractPath(7)],
      ["minutes", pvPath()],
      ["list", listPath()],
    ] as const) {
      expect(await (await get(p)).text(), key).toBe(published[key]!.html);
      expect(Buffer.from(await (await get(`${p}.pdf`)).arrayBuffer()).equals(published[key]!.pdf), `${key}.pdf`).toBe(true);
    }
    // Item 8 was never published: its working copy reads the roster as it is now.
    expect(await (await get(extractPath(8))).text()).toContain("BELLANGER-RENOMMÉE");
  });

  it("REC-10 a rectification is a new, logged version that says why; the first stays retrievable as it was", async () => {
    expect((await post(`/api/clerk/items/${items[7]}/publish`, { publishedOn: "2022-10-12" })).status).toBe(400); // no reason
    const r = await post(`/api/clerk/items/${items[7]}/publish`, { publishedOn: "2022-10-12", reason: "Nom d'usage d'une adjointe corrigé" });
    expect(r.status).toBe(200);
    const latest = await get(extractPath(7));
    expect(latest.headers.get("x-record-version")).toBe("2");
    const t = text(await latest.text());
    expect(t).toContain(
      "Version 2, rectifiée le 12 octobre 2022 : Nom d'usage d'une adjointe corrigé. Versions précédentes, consultables : version 1 publiée le 5 octobre 2022.",
    );
    expect(t).toContain("BELLANGER-RENOMMÉE");
    // The act became exécutoire with its first publication: the rectification keeps that date.
    expect(t).toContain("Acte certifié exécutoire le 5 octobre 2022");
    const first = await get(`${extractPath(7)}?version=1`);
    expect(first.headers.get("x-record-version")).toBe("1");
    expect(await first.text()).toBe(published.extract!.html);
    expect((await get(`${extractPath(7)}?version=3`)).status).toBe(404);
    const logged = (await srv.db.sittingEvent.findMany({ where: { sittingId, type: "record:published" }, orderBy: { seq: "asc" } })).map(
      (e) => JSON.parse(e.payload) as { record: string; version: number; reason: string | null },
    );
    expect(logged.map((e) => [e.record, e.version, e.reason])).toEqual([
      ["extract", 1, null],
      ["minutes", 1, null],
      ["deliberations", 1, null],
      ["extract", 2, "Nom d'usage d'une adjointe corrigé"],
    ]);
  });

  it("REC-10 a stored record altered behind the server's back is not served", async () => {
    await srv.db.publishedRecord.updateMany({ where: { sittingId, record: "deliberations" }, data: { html: "<p>falsifié</p>" } });
    const r = await get(listPath());
    expect(r.status).toBe(500);
    expect(await r.text()).not.toContain("falsifié");
  });
});
