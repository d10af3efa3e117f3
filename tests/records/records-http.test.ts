// REC-* end to end: a real sitting run over Socket.IO through the seed item (2022-0245, public ballot),
// then its extract (HTML and a PDF that really renders), the list, the SCDL export (HTTP and CLI) and
// the clerk's publication dates.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { actesIdFor } from "../../server/records/records-service";
import { SCDL_SCHEMA_COLUMNS } from "../helpers/scdl-schema";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";

const SEED_ACTES_ID = "086-218601946-20221003-2022_0245-DE";
// m01 presides; 30 present at the opening, m30 leaves before the seed item is called; m05 (excused)
// gives a proxy to m04; m06 is interested in the seed item.
const PRESENT = ["m01", "m02", "m03", "m04", ...Array.from({ length: 26 }, (_, i) => `m${String(i + 6).padStart(2, "0")}`)];

let srv: TestServer;
let sittingId: string;
let seedItemId: string;
let tariffItemId: string;
let clerk: string;
let president: Client, a: Client, b: Client, c: Client;
const names: Record<string, string> = {};
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "seance-records-"));

const get = (p: string, cookie?: string) => fetch(`${srv.url}${p}`, cookie ? { headers: { cookie } } : {});
const extractPath = () => `/records/sittings/${sittingId}/items/${seedItemId}/extract`;
const postPublication = (itemId: string, body: unknown, cookie?: string) =>
  fetch(`${srv.url}/api/clerk/items/${itemId}/publication`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  srv = await startTestServer();
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId } = await createSittingAs(srv.url, clerk));
  const items = await srv.db.agendaItem.findMany({ where: { sittingId } });
  seedItemId = items.find((it) => it.order === 9)?.id ?? "";
  tariffItemId = items.find((it) => it.order === 10)?.id ?? "";
  for (const m of await srv.db.member.findMany()) names[m.id] = `${m.civility} ${m.firstName} ${m.lastName}`;
  president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  a = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m02"));
  b = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m03"));
  c = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m04"));
  for (const cl of [president, a, b, c]) expect((await cl.subscribe()).ok).toBe(true);
});

afterAll(async () => {
  for (const cl of [president, a, b, c]) cl?.close();
  await srv?.stop();
  fs.rmSync(TMP, { recursive: true, force: true });
});

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Rows of the CSV as objects, after checking the header is exactly the schema's. */
function scdlRows(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  expect(header).toEqual(SCDL_SCHEMA_COLUMNS);
  return rows.map((r) => {
    expect(r).toHaveLength(SCDL_SCHEMA_COLUMNS.length);
    return Object.fromEntries(SCDL_SCHEMA_COLUMNS.map((col, i) => [col, r[i] ?? ""]));
  });
}

/** Page 1 of the PDF rasterised in grey by poppler; the share of dark pixels (a blank page has none). */
function darkShareOfFirstPage(pdf: Buffer): number {
  const file = path.join(TMP, `page-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  const prefix = file.replace(/\.pdf$/, "");
  execFileSync("pdftoppm", ["-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", file, prefix]);
  const pgm = fs.readFileSync(`${prefix}.pgm`);
  // Binary PGM: "P5 <width> <height> <maxval>" and one whitespace, then one byte per pixel.
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString("latin1"));
  if (!head) throw new Error("not a binary PGM");
  const [width, height] = [Number(head[1]), Number(head[2])];
  const pixels = pgm.subarray(head[0].length, head[0].length + width * height);
  expect(pixels.length).toBe(width * height);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark += 1;
  return dark / pixels.length;
}

function runExportScdl(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "export:scdl", ...(args.length ? ["--", ...args] : [])],
      { cwd: process.cwd(), env: { ...process.env, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("records of a real sitting", () => {
  it("runs the sitting: the seed item by public ballot with a proxy and an interested member; item 10 rejected by show of hands", async () => {
    for (const id of PRESENT) await president.sendOk({ type: "rollcall:mark", memberId: id, status: "present" });
    await president.sendOk({ type: "rollcall:mark", memberId: "m05", status: "excused" });
    await president.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "rollcall:depart", memberId: "m30" });
    await president.sendOk({ type: "interest:declare", itemId: seedItemId, memberId: "m06" });
    await president.sendOk({ type: "item:call", itemId: seedItemId });
    // REC-1: not an act yet, so no extract.
    expect((await get(extractPath())).status).toBe(404);
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: seedItemId, mode: "public", reveal: "live" })).voteId);
    await a.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await b.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
    await c.sendOk({ type: "ballot:cast", voteId, choice: "pour" });
    await c.sendOk({ type: "ballot:cast", voteId, choice: "abstention", onBehalfOf: "m05" });
    await president.sendOk({ type: "vote:close", voteId });
    const r = await president.sendOk({ type: "vote:proclaim", voteId });
    expect(r.result).toMatchObject({ outcome: "adopted", tally: { pour: 2, contre: 1, abstention: 1, nppv: 1 } });

    await president.sendOk({ type: "item:call", itemId: tariffItemId });
    const hands = String((await president.sendOk({ type: "vote:open", itemId: tariffItemId, mode: "show-of-hands" })).voteId);
    await president.sendOk({ type: "vote:record-hands", voteId: hands, tally: { pour: 5, contre: 20, abstention: 3, nppv: 0 } });
    await president.sendOk({ type: "vote:close", voteId: hands });
    expect((await president.sendOk({ type: "vote:proclaim", voteId: hands })).result).toMatchObject({ outcome: "rejected" });
  });

  it("REC-1 the extract shows the counts and attendance at the item's call, the result and the names by choice", async () => {
    const res = await get(extractPath());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("SEANCE DU 03/10/2022");
    // REC-11: each member counted once — m05 is represented, not also absent.
    expect(html).toContain("Adhésion à l&#39;association Démocratie Ouverte");
    // 30 at the opening, 29 when the item was called (m30 had left); m05 represented.
    expect(html).toContain("29 présents, 1 représenté, 0 absent excusé, 23 absents (53 membres en exercice)");
    expect(html).toMatch(/Quorum<\/dt><dd>27 — atteint à l&#39;appel du point \(28 comptés\)/);
    for (const [label, n] of [
      ["Pour", 2],
      ["Contre", 1],
      ["Abstention", 1],
      ["Ne prend pas part au vote", 1],
    ] as const)
      expect(html).toContain(`<tr><th>${label}</th><td class="num">${n}</td></tr>`);
    expect(html).toContain('<div class="outcome">Adopté</div>');
    expect(html).toMatch(/<div class="reason">Adopt/);
    const esc = (s: string) => s.replace(/'/g, "&#39;");
    expect(html).toContain(`<dt>Ont voté pour (2)</dt><dd>${esc(names.m02!)}, ${esc(names.m04!)}</dd>`);
    expect(html).toContain(`<dt>Ont voté contre (1)</dt><dd>${esc(names.m03!)}</dd>`);
    expect(html).toContain(`<dt>Se sont abstenus (1)</dt><dd>${esc(names.m05!)} (pouvoir à ${esc(names.m04!)})</dd>`);
    expect(html).toContain(
      `<dt>N'ont pas pris part au vote (1)</dt><dd>${esc(names.m06!)} (${names.m06!.startsWith("Mme") ? "intéressée" : "intéressé"})</dd>`,
    );
    expect(html).toContain(`<tr><td>${esc(names.m05!)}</td><td>${esc(names.m04!)}</td></tr>`);
    expect(html).toContain(`${esc(names.m01!)}, Maire`);
    // m30 left before the call: absent on this item, not present.
    const absents = html.slice(html.indexOf("<h2>Absents</h2>"), html.indexOf("<h2>Pouvoirs</h2>"));
    expect(absents).toContain(names.m30!);
    expect(html.slice(html.indexOf("<h2>Présents</h2>"), html.indexOf("<h2>Absents excusés</h2>"))).not.toContain(names.m30!);
  });

  it("REC-2 the ACTES identifier of the seed item decided on 2022-10-03 is in the extract and computed by the service", async () => {
    const html = await (await get(extractPath())).text();
    // Not transmitted yet: the identifier the act will get, said to be provisional.
    expect(html).toContain(`<tr><th>Identifiant de télétransmission</th><td>${SEED_ACTES_ID} (prévisionnel)</td></tr>`);
    const council = await srv.db.council.findUniqueOrThrow({ where: { id: "poitiers" } });
    const item = await srv.db.agendaItem.findUniqueOrThrow({ where: { id: seedItemId } });
    expect(actesIdFor(council, "2022-10-03", item, true).id).toBe(SEED_ACTES_ID);
  });

  it("REC-1 the extract's PDF renders: A4, page 1 is not blank", async () => {
    const res = await get(`${extractPath()}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(darkShareOfFirstPage(pdf)).toBeGreaterThan(0.01);
  });

  it("REC-4 the list of deliberations: each item with its decision, as HTML and PDF", async () => {
    const html = await (await get(`/records/sittings/${sittingId}/deliberations`)).text();
    expect(html).toContain("LISTE DES DÉLIBÉRATIONS");
    expect(html).toMatch(/<td class="num">9<\/td><td>2022-0245<\/td><td><a href="[^"]+\/extract">Adhésion[^<]*<\/a><\/td><td class="decision">Adoptée<\/td>/);
    expect(html).toMatch(/<td class="num">10<\/td><td>2022-0246<\/td><td><a [^>]+>Tarifs 2023[^<]*<\/a><\/td><td class="decision">Rejetée<\/td>/);
    expect(html).toMatch(/<td class="num">7<\/td><td>2022-0243<\/td><td>[^<]+<\/td><td class="decision">Non examinée<\/td>/);
    const pdf = await get(`/records/sittings/${sittingId}/deliberations.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(darkShareOfFirstPage(Buffer.from(await pdf.arrayBuffer()))).toBeGreaterThan(0.005);
    expect((await get(`/records/sittings/no-such-sitting/deliberations`)).status).toBe(404);
    // The rejected item is an act too; an undecided one is not.
    expect((await get(`/records/sittings/${sittingId}/items/${tariffItemId}/extract`)).status).toBe(200);
    const pending = await srv.db.agendaItem.findFirstOrThrow({ where: { sittingId, order: 7 } });
    expect((await get(`/records/sittings/${sittingId}/items/${pending.id}/extract`)).status).toBe(404);
  });

  it("REC-3 the SCDL export passes the schema: column order, required fields, patterns, integers; adopted acts only", async () => {
    const res = await get("/records/councils/poitiers/scdl.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const csv = await res.text();
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const rows = scdlRows(csv);
    expect(rows.map((r) => r.DELIB_ID)).toEqual(["2022-0245"]);
    const row = rows[0]!;
    for (const col of ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET"])
      expect(row[col], col).not.toBe("");
    expect(row.COLL_SIRET).toMatch(/^\d{14}$/);
    expect(row.DELIB_MATIERE_CODE).toMatch(/^\d\.\d{1,2}$/);
    expect(row.DELIB_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.BUDGET_ANNEE).toMatch(/^([0-9]{4}(\/[0-9]{4})?)?$/);
    expect(row.PREF_ID).toMatch(/^(PREF\d{2}[\dAB]|SPREF\d{2}[\dAB]\d|SGAR\d{2}[\dAB])?$/);
    expect(row.PREF_DATE).toMatch(/^(\d{4}-\d{2}-\d{2})?$/);
    for (const col of ["VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]) expect(row[col], col).toMatch(/^(0|[1-9]\d*)?$/);
    expect(row.DELIB_URL).toMatch(/^https?:\/\/\S+$/);
    expect(row).toMatchObject({
      COLL_NOM: "Ville de Poitiers",
      COLL_SIRET: "21860194600013",
      DELIB_DATE: "2022-10-03",
      DELIB_MATIERE_CODE: "9.1",
      DELIB_MATIERE_NOM: "autres domaines de compétences/autres domaines de compétences des communes",
      DELIB_OBJET: "Adhésion à l'association Démocratie Ouverte",
      BUDGET_ANNEE: "2022",
      BUDGET_NOM: "Principal",
      PREF_ID: "PREF086",
      PREF_DATE: "",
      // 29 present at the call − 1 interested + 1 proxy; 4 took part (NPPV does not).
      VOTE_EFFECTIF: "29",
      VOTE_REEL: "4",
      VOTE_POUR: "2",
      VOTE_CONTRE: "1",
      VOTE_ABSTENTION: "1",
    });
    expect((await fetch(row.DELIB_URL!)).headers.get("content-type")).toBe("application/pdf");
  });

  it("REC-5 publication: only the clerk of the item's council; bad input is refused and changes nothing", async () => {
    const before = await srv.db.agendaItem.findUniqueOrThrow({ where: { id: seedItemId } });
    const good = { postedOn: "2022-10-05" };
    expect((await postPublication(seedItemId, good)).status).toBe(401);
    expect((await postPublication(seedItemId, good, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president))).status).toBe(403);
    expect((await postPublication(seedItemId, good, await demoSignIn(srv.url, "u-m02"))).status).toBe(403);
    await srv.db.council.create({
      data: { id: "ligugé", name: "Commune de Ligugé", commune: "Ligugé", siren: "218601334", siret: "21860133400014", departement: "86" },
    });
    await srv.db.user.create({ data: { id: "u-x-clerk", councilId: "ligugé", login: "greffe-ligugé", displayName: "Greffe Ligugé", role: "clerk" } });
    expect((await postPublication(seedItemId, good, await demoSignIn(srv.url, "u-x-clerk"))).status).toBe(403);
    const cross = await fetch(`${srv.url}/api/clerk/items/${seedItemId}/publication`, {
      method: "POST",
      headers: { "Content-Type": "application/json", origin: "https://evil.example", cookie: clerk },
      body: JSON.stringify(good),
    });
    expect(cross.status).toBe(403);
    for (const bad of [
      { postedOn: "2022-13-45" },
      { postedOn: "05/10/2022" },
      { prefectureReceivedOn: "2022-10-04", teletransmissionId: "not-an-actes-id" },
      { teletransmissionId: "086-218601946-20221003-2022_0245-XX" },
      // Well formed, but another commune's SIREN, or another date than the sitting's.
      { teletransmissionId: "086-218601334-20221003-2022_0245-DE" },
      { teletransmissionId: "086-218601946-20221004-2022_0245-DE" },
      { postedOn: "2022-10-01" },
      { postedOn: "2022-10-05", extra: 1 },
      {},
    ]) {
      const res = await postPublication(seedItemId, bad, clerk);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const pending = await srv.db.agendaItem.findFirstOrThrow({ where: { sittingId, order: 7 } });
    expect((await postPublication(pending.id, good, clerk)).status).toBe(409);
    expect((await postPublication("i-unknown", good, clerk)).status).toBe(404);
    expect(await srv.db.agendaItem.findUniqueOrThrow({ where: { id: seedItemId } })).toEqual(before);
  });

  it("REC-5 the clerk's publication dates appear in the extract (enforceable) and in the SCDL PREF_DATE", async () => {
    const res = await postPublication(
      seedItemId,
      { postedOn: "2022-10-05", publishedOn: "2022-10-05", prefectureReceivedOn: "2022-10-04", teletransmissionId: SEED_ACTES_ID },
      clerk,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      data: { postedOn: "2022-10-05", prefectureReceivedOn: "2022-10-04", teletransmissionId: SEED_ACTES_ID },
    });
    const html = await (await get(extractPath())).text();
    expect(html).toContain(
      "Acte certifié exécutoire le 5 octobre 2022 : affiché le 5 octobre 2022, publié sous forme électronique le 5 octobre 2022, reçu en préfecture le 4 octobre 2022",
    );
    expect(html).toContain(`<tr><th>Identifiant de télétransmission</th><td>${SEED_ACTES_ID}</td></tr>`);
    expect(html).toContain("<tr><th>Date de réception en préfecture</th><td>04/10/2022</td></tr>");
    expect(html).toContain("(ancien champ « Recueil des actes administratifs », RAA)</th><td>05/10/2022</td>");
    const rows = scdlRows(await (await get("/records/councils/poitiers/scdl.csv")).text());
    expect(rows[0]?.PREF_DATE).toBe("2022-10-04");
    // A field left out stays as it was; null clears it.
    expect((await postPublication(seedItemId, { publishedOn: null }, clerk)).status).toBe(200);
    expect(await srv.db.agendaItem.findUniqueOrThrow({ where: { id: seedItemId } })).toMatchObject({ postedOn: "2022-10-05", publishedOn: null });
  });

  it("REC-3 `npm run --silent export:scdl` prints the same CSV from the database file", async () => {
    const http = await (await get("/records/councils/poitiers/scdl.csv")).text();
    const env = { DATABASE_URL: `file:${srv.dbFile}`, SEANCE_PUBLIC_URL: srv.url };
    const named = await runExportScdl(["poitiers"], env);
    expect(named.stderr).toBe("");
    expect(named.code).toBe(0);
    expect(named.stdout).toBe(http);
    // Without an argument: the first council (Poitiers, created before Ligugé).
    const first = await runExportScdl([], env);
    expect(first.stdout).toBe(http);
    const unknown = await runExportScdl(["nowhere"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown council nowhere/);
  });
});
