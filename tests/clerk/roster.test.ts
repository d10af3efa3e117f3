// CLERK-6/7: the roster as a spreadsheet — export, then import with a preview by line; nothing is
// saved while any line has a problem, or on a preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../core/records/csv";
import type { ClerkMember, RosterImportOutcome } from "../../core/api/clerk-roster";
import { Client, createSittingAs } from "../helpers/test-server";
import { call, data, startClerkFixture, type ClerkFixture } from "./clerk-fixture";

let f: ClerkFixture;
beforeAll(async () => {
  f = await startClerkFixture();
});
afterAll(async () => {
  await f.stop();
});

const HEADER = "id;civility;firstName;lastName;role;rank;group;seat;birthDate;mandateStart;mandateEnd";
/** The export's headers, in French (#19.6); the import reads both. */
const HEADER_FR = "identifiant;civilité;prénom;nom;fonction;rang;groupe;siège;date de naissance;début de mandat;fin de mandat;courriel;convocation papier";
const exportCsv = async (cookie: string | null = f.clerk) => fetch(`${f.srv.url}/api/clerk/members.csv`, { headers: cookie ? { cookie } : {} });
const importCsv = (csv: string, dryRun: boolean, cookie: string | null = f.clerk) =>
  call(f.srv.url, "POST", "/api/clerk/members/import", cookie, { csv, dryRun });
const roster = async () => data<ClerkMember[]>(await call(f.srv.url, "GET", "/api/clerk/members", f.clerk));
const snapshot = async () => JSON.stringify(await f.srv.db.member.findMany({ orderBy: { id: "asc" } }));

describe("CLERK-6 roster export", () => {
  it("CLERK-6 is a semicolon CSV in UTF-8 with a BOM, one line per member by seat", async () => {
    const res = await exportCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="elus-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const records = parseCsv(text).records;
    expect(records[0]!.cells.join(";")).toBe(HEADER_FR);
    expect(records).toHaveLength(54);
    expect(records[1]!.cells).toEqual([
      "m01",
      "Mme",
      "Léonore",
      "MONCOND'HUY",
      "maire",
      "0",
      "Poitiers Collectif (majorité)",
      "1",
      expect.any(String),
      "2020-07-03",
      "2026-03-22",
      "",
      "non",
    ]);
  });

  it("CLERK-1 export is for a clerk only, each their own council", async () => {
    expect((await exportCsv(null)).status).toBe(401);
    expect((await exportCsv(f.councillor)).status).toBe(403);
    const other = await exportCsv(f.otherClerk);
    expect(other.status).toBe(200);
    const lines = (await other.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("x01;M.;Autre;MAIRE;maire");
  });
});

describe("CLERK-7 roster import", () => {
  it("CLERK-7 an exported file imports back unchanged", async () => {
    const csv = await (await exportCsv()).text();
    const r = await importCsv(csv, false);
    expect(r.status).toBe(200);
    expect(data<RosterImportOutcome>(r)).toMatchObject({ applied: true, problems: [], counts: { create: 0, update: 0, unchanged: 53, untouched: 0 } });
  });

  it("CLERK-7 previews creations and updates (by id, or by name without one) and saves nothing on a preview", async () => {
    const before = await snapshot();
    const csv = [
      "civility,firstName,lastName,role,group,seat,birthDate,mandateStart,mandateEnd,id",
      "Mme,Ombelyne,DAGICOUR,adjoint,Non-inscrits,2,14/06/1985,03/07/2020,22/03/2026,", // by name, Excel's dates
      "M.,Bastien,ARNAUD,conseiller,Non-inscrits,,,2020-07-03,,m03",
      "Mme,Zoé,NOUVELLE,conseiller,Non-inscrits,60,1990-01-31,2023-01-15,,",
    ].join("\n");
    const r = await importCsv(csv, true);
    expect(r.status).toBe(200);
    const out = data<RosterImportOutcome>(r);
    expect(out.problems).toEqual([]);
    expect(out.applied).toBe(false);
    expect(out.rows.map((row) => [row.line, row.action])).toEqual([
      [2, "update"],
      [3, "update"],
      [4, "create"],
    ]);
    expect(out.rows[0]!.memberId).toBe("m02");
    // No rank column: the ranks are kept.
    expect(out.rows[0]!.changes).toEqual(["group"]);
    expect(out.rows[1]!.changes).toEqual(["role", "group", "seat", "birthDate", "mandateEnd"]);
    expect(out.counts).toEqual({ create: 1, update: 2, unchanged: 0, untouched: 51 });
    expect(await snapshot()).toBe(before);
  });

  it("CLERK-7 lists every problem by line and saves nothing", async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      "m02;Mme;Ombelyne;DAGICOUR;adjointe;1;;2;1980-03-12;2020-07-03;", // unknown role
      ";Mx;Camille;TEST;conseiller;0;;70;1980-02-30;2020-07-03;", // civility, impossible date
      ";M.;Jean;DOUBLON;conseiller;0;;71;;2020-07-03;2019-01-01", // mandate ends before it starts
      ";Mme;Anne;SIEGE;conseiller;0;;1;;2020-07-03;", // seat 1 is the maire's
      ";M.;Paul;SIEGE;conseiller;0;;80;;2020-07-03;",
      ";M.;Pierre;SIEGE;conseiller;0;;80;;2020-07-03;", // the same seat twice in the file
      "m99;M.;Inconnu;ID;conseiller;0;;;;2020-07-03;", // unknown id
      ";M.;Trop;COURT;conseiller",
      ";Mme;Seconde;MAIRE;maire;0;;;;2020-07-03;", // two maires at once
    ].join("\r\n");
    for (const dryRun of [true, false]) {
      const r = await importCsv(csv, dryRun);
      expect(r.status).toBe(dryRun ? 200 : 400);
      const out = data<RosterImportOutcome>(r);
      expect(out.applied).toBe(false);
      const byLine = out.problems.map((p) => [p.line, p.field]);
      expect(byLine).toEqual(
        expect.arrayContaining([
          [2, "role"],
          [3, "civility"],
          [3, "birthDate"],
          [4, "mandateEnd"],
          [5, "seat"],
          [7, "seat"],
          [8, "id"],
          [9, "input"],
          [10, "role"],
        ]),
      );
      expect(out.problems.find((p) => p.line === 7)?.fr).toBe("Siège 80 en double (aussi ligne 6)");
      // The column as the French file names it, not the code's key ("birthDate").
      expect(out.problems.find((p) => p.line === 3 && p.field === "birthDate")?.fr).toBe(
        "Date « 1980-02-30 » illisible dans « date de naissance » (AAAA-MM-JJ ou JJ/MM/AAAA)",
      );
      expect(out.problems.find((p) => p.line === 5)?.en).toBe("Duplicate seat 1 (also member m01)");
    }
    expect(await snapshot()).toBe(before);
  });

  it("CLERK-7 refuses a file without the required columns, or with unknown ones", async () => {
    const before = await snapshot();
    const missing = data<RosterImportOutcome>(await importCsv("firstName;lastName\nJean;DUPONT", true));
    expect(missing.problems[0]?.en).toBe("Missing column(s): civility, role, mandateStart");
    const unknown = data<RosterImportOutcome>(await importCsv(`${HEADER};téléphone\n`, true));
    expect(unknown.problems[0]?.en).toBe('Unknown column "téléphone"');
    for (const body of [{ csv: "", dryRun: true }, { csv: HEADER }, { csv: 3, dryRun: false }]) {
      expect((await call(f.srv.url, "POST", "/api/clerk/members/import", f.clerk, body)).status).toBe(400);
    }
    expect(await snapshot()).toBe(before);
  });

  it("CLERK-7 saves creations, updates and swapped seats in one go; a new member can pair a device; live views reload", async () => {
    const { sittingId } = await createSittingAs(f.srv.url, f.clerk);
    const screen = new Client(f.srv.url, sittingId);
    await screen.subscribe();
    const members = await roster();
    const m10 = members.find((m) => m.id === "m10")!;
    const m11 = members.find((m) => m.id === "m11")!;
    const line = (m: ClerkMember, seat: number | null) =>
      [m.id, m.civility, m.firstName, m.lastName, m.role, m.rank, m.group ?? "", seat ?? "", m.birthDate ?? "", m.mandateStart, m.mandateEnd ?? ""].join(";");
    const csv = [HEADER, line(m10, m11.seat), line(m11, m10.seat), ";Mme;Zoé;NOUVELLE;conseiller;0;Non-inscrits;60;1990-01-31;2020-07-03;"].join("\n");
    const r = await importCsv(csv, false);
    expect(r.status).toBe(200);
    expect(data<RosterImportOutcome>(r).counts).toMatchObject({ create: 1, update: 2 });
    const after = await roster();
    expect(after.find((m) => m.id === "m10")!.seat).toBe(m11.seat);
    expect(after.find((m) => m.id === "m11")!.seat).toBe(m10.seat);
    const zoe = after.find((m) => m.lastName === "NOUVELLE")!;
    expect(zoe).toMatchObject({ seat: 60, role: "conseiller", birthDate: "1990-01-31" });
    await screen.until((c) => c.view?.roster.some((m) => m.name === "Mme Zoé NOUVELLE") ?? false, "the new member on the public screen");
    screen.close();
    const pairing = await call(f.srv.url, "POST", "/api/clerk/pairings", f.clerk, { memberId: zoe.id });
    const code = (pairing.json.data as { code: string }).code;
    const paired = await call(f.srv.url, "POST", "/api/auth/pair", null, { code });
    expect(paired.status).toBe(200);
  });

  it("CLERK-7 waits for the end of a sitting in progress", async () => {
    const { sittingId } = await createSittingAs(f.srv.url, f.clerk);
    await f.srv.db.sitting.update({ where: { id: sittingId }, data: { status: "opened" } });
    try {
      const csv = [HEADER, ";M.;Tard;VENU;conseiller;0;;;;2020-07-03;"].join("\n");
      const r = await importCsv(csv, false);
      expect(r.status).toBe(400);
      expect(data<RosterImportOutcome>(r).problems[0]?.en).toMatch(/is in progress: the roster can change once it is closed$/);
      expect((await roster()).some((m) => m.lastName === "VENU")).toBe(false);
    } finally {
      await f.srv.db.sitting.update({ where: { id: sittingId }, data: { status: "closed" } });
    }
  });

  it("CLERK-1 import is for the clerk only, into their own council", async () => {
    const csv = [HEADER, ";M.;Intrus;EXTERNE;conseiller;0;;;;2020-07-03;"].join("\n");
    expect((await importCsv(csv, false, null)).status).toBe(401);
    expect((await importCsv(csv, false, f.councillor)).status).toBe(403);
    expect((await call(f.srv.url, "GET", "/api/clerk/members", f.councillor)).status).toBe(403);
    const other = await importCsv(csv, false, f.otherClerk);
    expect(other.status).toBe(200);
    const created = await f.srv.db.member.findFirstOrThrow({ where: { lastName: "EXTERNE" } });
    expect(created.councilId).toBe("ligugé");
  });
});
