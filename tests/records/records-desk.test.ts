// REC-13, REC-16, REC-17, REC-18 over real HTTP: the records desk's view and its access, the annexes'
// refusals, the roster and a draft sent as Windows-1252 bytes, and `export:scdl` refusing a row
// (a budget named without its year) with its reason and a non-zero exit, every other row valid.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordsDesk } from "../../core/api/records-desk";
import type { ImportOutcome } from "../../core/api/clerk-agenda";
import type { RosterImportOutcome } from "../../core/api/clerk-roster";
import { parseCsv } from "../../core/records/csv";
import { SCDL_COLUMNS, validateScdlRow, type ScdlRow } from "../../core/records/scdl";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { call, data, emptySitting, startClerkFixture, type ClerkFixture } from "../clerk/clerk-fixture";
import { Client, createSittingAs, signInWithPassword } from "../helpers/test-server";

let f: ClerkFixture;
let sittingId: string;
let items: Record<number, string>;

/** Text as Excel's "CSV (séparateur : point-virgule)" writes it in France: Windows-1252 bytes. */
function windows1252(text: string): Buffer {
  const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80 || (code >= 0xa0 && code < 0x100)) return code;
      const i = high.indexOf(c);
      if (i < 0) throw new Error(`${c} has no Windows-1252 byte`);
      return 0x80 + i;
    }),
  );
}

function exportScdl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", "export:scdl", "--", ...args],
      { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: `file:${f.srv.dbFile}`, SEANCE_PUBLIC_URL: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  f = await startClerkFixture();
  ({ sittingId } = await createSittingAs(f.srv.url, f.clerk));
  items = Object.fromEntries((await f.srv.db.agendaItem.findMany({ where: { sittingId } })).map((it) => [it.order, it.id]));
  // Items 7 and 8 adopted by show of hands, item 9 rejected; the sitting closed.
  const p = new Client(f.srv.url, sittingId, await signInWithPassword(f.srv.url, "maire", DEMO_PASSWORDS.president));
  await p.markPresent(30);
  await p.sendOk({ type: "sitting:open" });
  for (const [order, pour] of [
    [7, 25],
    [8, 24],
    [9, 3],
  ] as const) {
    await p.sendOk({ type: "item:call", itemId: items[order]! });
    const v = String((await p.sendOk({ type: "vote:open", itemId: items[order]!, mode: "show-of-hands" })).voteId);
    await p.sendOk({ type: "vote:record-hands", voteId: v, tally: { pour, contre: 27 - pour, abstention: 3, nppv: 0 }, presidentVote: "pour" });
    await p.sendOk({ type: "vote:close", voteId: v });
    await p.sendOk({ type: "vote:proclaim", voteId: v });
  }
  await p.sendOk({ type: "sitting:close" });
  p.close();
});
afterAll(async () => {
  await f?.stop();
});

describe("REC-17 the records desk", () => {
  it("REC-17 shows each act with its state, ACTES id, attestation, links and SCDL problems; the list's due date; the regime's basis", async () => {
    const r = await call(f.srv.url, "GET", `/api/clerk/sittings/${sittingId}/records`, f.clerk);
    expect(r.status).toBe(200);
    const desk = data<RecordsDesk>(r);
    expect(desk.sitting).toMatchObject({ id: sittingId, date: "2022-10-03", status: "closed", timeZone: "Europe/Paris" });
    expect(desk.regime.regime).toBe("electronic");
    expect(desk.regime.basis.fr).toContain("seule la publication électronique vaut publicité");
    const byOrder = Object.fromEntries(desk.items.map((it) => [it.order, it]));
    expect(byOrder[7]).toMatchObject({ status: "decided", outcome: "adopted", actesId: { id: "086-218601946-20221003-2022_0243-DE", provisional: true } });
    expect(byOrder[7]!.attestation?.enforceable).toBe(false);
    expect(byOrder[7]!.extract).toMatchObject({ versions: [], differs: false, links: { html: `/records/sittings/${sittingId}/items/${items[7]}/extract` } });
    expect(byOrder[9]).toMatchObject({ outcome: "rejected", scdlProblems: null });
    expect(byOrder[10]).toMatchObject({ status: "pending", outcome: null, actesId: null, extract: null });
    expect(desk.deliberations.dueBy).toBe("2022-10-10");
    expect(desk.minutes).toMatchObject({ state: "draft", approvalSittings: [] });
    expect(desk.scdl).toEqual({ csv: "/records/councils/poitiers/scdl.csv", refused: "/records/councils/poitiers/scdl-refused.csv" });
  });

  it("REC-17 is the clerk's of the sitting's council only", async () => {
    expect((await call(f.srv.url, "GET", `/api/clerk/sittings/${sittingId}/records`, null)).status).toBe(401);
    expect((await call(f.srv.url, "GET", `/api/clerk/sittings/${sittingId}/records`, f.councillor)).status).toBe(403);
    expect((await call(f.srv.url, "GET", `/api/clerk/sittings/${sittingId}/records`, f.otherClerk)).json.error?.code).toBe("wrong-sitting");
    expect((await call(f.srv.url, "GET", `/api/clerk/sittings/s-none/records`, f.clerk)).status).toBe(404);
  });

  it("REC-17 a date before the sitting or in the future, or another sitting's ACTES id, is refused in French and English, changing nothing", async () => {
    const before = await f.srv.db.agendaItem.findUniqueOrThrow({ where: { id: items[7] } });
    for (const body of [{ postedOn: "2022-10-02" }, { prefectureReceivedOn: "2999-01-01" }, { teletransmissionId: "086-218601946-20221004-2022_0243-DE" }]) {
      const r = await call(f.srv.url, "POST", `/api/clerk/items/${items[7]}/publication`, f.clerk, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error?.text?.fr).toBeTruthy();
      expect(r.json.error?.text?.en).toBeTruthy();
    }
    expect(await f.srv.db.agendaItem.findUniqueOrThrow({ where: { id: items[7] } })).toEqual(before);
  });
});

describe("REC-13 annexes", () => {
  const upload = (name: string, bytes: Buffer | string, cookie = f.clerk) =>
    call(f.srv.url, "POST", `/api/clerk/items/${items[8]}/annexes`, cookie, {
      name,
      dataBase64: typeof bytes === "string" ? bytes : bytes.toString("base64"),
    });

  it("REC-13 refuses what is not a PDF, an image or an office document, more than 10 MB, or not base64; nothing stored", async () => {
    expect((await upload("outil.exe", Buffer.from("MZ\x90\x00 not a pdf"))).status).toBe(400);
    expect((await upload("faux.pdf", Buffer.from("<html><script>alert(1)</script>"))).json.error?.text?.fr).toMatch(/^Seuls les PDF/);
    expect(await upload("a.pdf", "***")).toMatchObject({ status: 400 });
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await upload("gros.pdf", big)).status).toBe(400);
    expect((await upload("plan.pdf", Buffer.from("%PDF-1.4\n"), f.otherClerk)).status).toBe(403);
    expect(await f.srv.db.annex.count({ where: { itemId: items[8] } })).toBe(0);
  });

  it("REC-13 stores a PDF under a safe name with its hash; removable until the act is published, not after", async () => {
    const r = await upload("../Délibération\u0007 annexe.PDF", Buffer.from("%PDF-1.4\n%%EOF\n"));
    expect(r.status).toBe(200);
    const annex = data<{ id: string; name: string; sha256: string; href: string }>(r);
    expect(annex.name).toBe("Délibération annexe.pdf");
    expect(annex.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await call(f.srv.url, "DELETE", `/api/clerk/annexes/${annex.id}`, f.clerk)).status).toBe(200);
    const kept = data<{ id: string }>(await upload("plan.pdf", Buffer.from("%PDF-1.4\n%%EOF\n")));
    expect((await call(f.srv.url, "POST", `/api/clerk/items/${items[8]}/publish`, f.clerk, { publishedOn: "2022-10-05" })).status).toBe(200);
    const refused = await call(f.srv.url, "DELETE", `/api/clerk/annexes/${kept.id}`, f.clerk);
    expect(refused.status).toBe(409);
    expect(await f.srv.db.annex.count({ where: { id: kept.id } })).toBe(1);
    const desk = data<RecordsDesk>(await call(f.srv.url, "GET", `/api/clerk/sittings/${sittingId}/records`, f.clerk));
    expect(desk.items.find((it) => it.order === 8)?.extract).toMatchObject({ versions: [{ version: 1, publishedOn: "2022-10-05" }], differs: false });
  });
});

describe("REC-18 files as a French office writes them", () => {
  it("REC-18 a roster saved by Excel in Windows-1252 is read as such, shown so, and names are stored exactly", async () => {
    const csv = await (await fetch(`${f.srv.url}/api/clerk/members.csv`, { headers: { cookie: f.clerk } })).text();
    const edited = csv.replace(/^\uFEFF/, "").replace(";Henri;HÉRAULT;", ";Henri;HÉRAULT-LÉGER;");
    expect(edited).not.toBe(csv.replace(/^\uFEFF/, ""));
    const bytes = windows1252(edited);
    expect(bytes.includes(Buffer.from("É", "utf8"))).toBe(false);
    const preview = await call(f.srv.url, "POST", "/api/clerk/members/import", f.clerk, { csvBase64: bytes.toString("base64"), dryRun: true });
    expect(preview.status).toBe(200);
    const out = data<RosterImportOutcome>(preview);
    expect(out.encoding).toBe("windows-1252");
    expect(out.problems).toEqual([]);
    expect(out.rows.filter((r) => r.action === "update").map((r) => [r.member.lastName, r.changes])).toEqual([["HÉRAULT-LÉGER", ["lastName"]]]);
    expect((await call(f.srv.url, "POST", "/api/clerk/members/import", f.clerk, { csvBase64: bytes.toString("base64"), dryRun: false })).status).toBe(200);
    expect((await f.srv.db.member.findFirstOrThrow({ where: { firstName: "Henri" } })).lastName).toBe("HÉRAULT-LÉGER");
    // The same file sent as UTF-8 with a byte-order mark says so.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(edited, "utf8")]);
    expect(
      data<RosterImportOutcome>(await call(f.srv.url, "POST", "/api/clerk/members/import", f.clerk, { csvBase64: bom.toString("base64"), dryRun: true }))
        .encoding,
    ).toBe("utf-8-bom");
  });

  it("REC-18 a draft deliberation saved in Windows-1252 is read with its accents, and its budget year is asked", async () => {
    const seed = fs.readFileSync(path.join(process.cwd(), "prisma", "seed-data", "deliberation-2022-0245.md"), "utf8");
    const sid = await emptySitting(f);
    const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/import`, f.clerk, {
      files: [{ name: "projet.txt", base64: windows1252(seed).toString("base64") }],
      dryRun: true,
    });
    const file = data<ImportOutcome>(r).files[0]!;
    expect(file).toMatchObject({ encoding: "windows-1252", importable: false });
    expect(file.deliberation.title).toBe("Adhésion à l'association Démocratie Ouverte");
    expect(file.deliberation.expose).toContain("cœur de son programme");
    expect(file.problems.find((p) => p.blocking)?.field).toBe("budgetYear");
  });
});

describe("REC-16 export:scdl refuses a row that breaks the schema", () => {
  it("REC-16 a budget named without its year: the row is refused with its reason, exit 1; every row written passes every check", async () => {
    await f.srv.db.agendaItem.update({ where: { id: items[7] }, data: { budgetName: "Principal", budgetYear: null } });
    const out = await exportScdl(["poitiers", "--base-url", "https://seance.poitiers.fr/"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("refused 2022-0243: BUDGET_ANNEE: required when BUDGET_NOM is given");
    const [header, ...rows] = parseCsv(out.stdout, ",").records.map((r) => r.cells);
    expect(header).toEqual([...SCDL_COLUMNS]);
    expect(rows.map((r) => r[2])).toEqual(["2022-0244"]);
    for (const cells of rows) {
      const row = Object.fromEntries(SCDL_COLUMNS.map((c, i) => [c, cells[i] ?? ""])) as Record<string, string>;
      const typed: ScdlRow = {
        ...(row as unknown as ScdlRow),
        VOTE_EFFECTIF: Number(row.VOTE_EFFECTIF),
        VOTE_REEL: Number(row.VOTE_REEL),
        VOTE_POUR: Number(row.VOTE_POUR),
        VOTE_CONTRE: Number(row.VOTE_CONTRE),
        VOTE_ABSTENTION: Number(row.VOTE_ABSTENTION),
      };
      expect(validateScdlRow(typed)).toEqual([]);
      expect(row.DELIB_URL).toBe(`https://seance.poitiers.fr/records/sittings/${sittingId}/items/${items[8]}/extract.pdf`);
    }
    // The download leaves it out too, and lists it apart.
    const refused = await (await fetch(`${f.srv.url}/records/councils/poitiers/scdl-refused.csv`)).text();
    expect(refused).toContain("2022-0243,BUDGET_ANNEE: required when BUDGET_NOM is given");
    expect((await exportScdl(["poitiers", "--base-url", "ftp://x"])).code).toBe(2);
  });
});
