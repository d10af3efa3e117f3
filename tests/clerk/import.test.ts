// CLERK-5: import of draft deliberations — a preview of every field and problem, then all the
// items or none.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportOutcome } from "../../core/api/clerk-agenda";
import type { ClerkSitting } from "../../core/api/clerk-agenda";
import { call, data, emptySitting, startClerkFixture, type ClerkFixture } from "./clerk-fixture";

const SEED = fs.readFileSync(path.join(process.cwd(), "prisma", "seed-data", "deliberation-2022-0245.md"), "utf8");
const WITHOUT_TITLE = SEED.replace(/^\*\*Titre\*\*.*$/m, "");

let f: ClerkFixture;
beforeAll(async () => {
  f = await startClerkFixture();
});
afterAll(async () => {
  await f.stop();
});

/** The seed draft names the Principal budget without its year: the clerk gives it (REC-18). */
const YEAR = { budgetYear: "2022" };

const importInto = (sid: string, files: { name: string; text: string; budgetYear?: string }[], dryRun: boolean, cookie = f.clerk) =>
  call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/import`, cookie, { files, dryRun });
const itemCount = (sid: string) => f.srv.db.agendaItem.count({ where: { sittingId: sid } });

describe("CLERK-5 import of draft deliberations", () => {
  it("CLERK-5 previews every field of the seed draft and saves nothing", async () => {
    const sid = await emptySitting(f);
    const r = await importInto(sid, [{ name: "deliberation-2022-0245.md", text: SEED }], true);
    expect(r.status).toBe(200);
    const out = data<ImportOutcome>(r);
    // The budget's year is asked, never guessed: without it the file waits.
    expect(out.importable).toBe(false);
    expect(out.created).toEqual([]);
    const [file] = out.files;
    expect(file).toMatchObject({ name: "deliberation-2022-0245.md", encoding: "utf-8", budgetYear: null, importable: false, order: null });
    const d = file!.deliberation;
    expect(d).toMatchObject({
      sittingDate: "2022-10-03",
      sittingTime: "18:00",
      order: 9,
      identifier: "2022-0245",
      title: "Adhésion à l'association Démocratie Ouverte",
      rapporteurs: ["Mme Ombelyne DAGICOUR"],
      commission: "Commission Démocratie, citoyenneté et fonctionnement institutionnel",
      service: "Direction générale des services Mission Participation citoyenne",
      attachments: [],
      actesCode: "9.1",
      actesLabel: "Autres domaines de competences des communes",
      budgetArticle: "6281",
      budgetName: "Principal",
      amounts: [2500],
    });
    expect(d.expose).toMatch(/^La municipalité en place à Poitiers/);
    expect(d.proposals).toHaveLength(3);
    expect(d.proposals[0]).toContain("Démocratie ouverte à partir de l'année 2022 pour un montant de 2 500 €");
    // A remark (the demo sitting already lists 2022-0245), and the budget's year to give.
    expect(file!.problems.map((p) => [p.field, p.blocking])).toEqual([
      ["identifier", false],
      ["budgetYear", true],
    ]);
    expect(file!.problems[1]!.fr).toContain("budget Principal sans exercice");
    const withYear = data<ImportOutcome>(await importInto(sid, [{ name: "deliberation-2022-0245.md", text: SEED, ...YEAR }], true));
    expect(withYear.files[0]).toMatchObject({ importable: true, order: 9, budgetYear: "2022" });
    expect(await itemCount(sid)).toBe(0);
  });

  it("CLERK-5 creates the item at its N°ordre with every field", async () => {
    const sid = await emptySitting(f);
    const r = await importInto(sid, [{ name: "deliberation-2022-0245.md", text: SEED, ...YEAR }], false);
    expect(r.status).toBe(201);
    const out = data<ImportOutcome>(r);
    expect(out.created).toHaveLength(1);
    expect(out.created[0]).toMatchObject({ order: 9, identifier: "2022-0245" });
    const sitting = data<ClerkSitting>(await call(f.srv.url, "GET", `/api/clerk/sittings/${sid}`, f.clerk));
    expect(sitting.items).toHaveLength(1);
    expect(sitting.items[0]).toMatchObject({
      order: 9,
      identifier: "2022-0245",
      kind: "ordinary",
      title: "Adhésion à l'association Démocratie Ouverte",
      rapporteurs: ["Mme Ombelyne DAGICOUR"],
      commission: "Commission Démocratie, citoyenneté et fonctionnement institutionnel",
      actesCode: "9.1",
      actesNature: "DE",
      budgetArticle: "6281",
      budgetName: "Principal",
      budgetYear: "2022",
      amounts: [2500],
      called: false,
    });
    expect(sitting.items[0]!.proposals).toHaveLength(3);
    expect(sitting.items[0]!.expose).toContain("Démocratie ouverte (DO)");
  });

  it("CLERK-5 a file without its Titre line is reported and nothing is created, even with a good file beside it", async () => {
    const sid = await emptySitting(f);
    const other = SEED.replace("N°ordre 9", "N°ordre 10").replace("2022-0245", "2022-0246");
    const preview = await importInto(
      sid,
      [
        { name: "sans-titre.md", text: WITHOUT_TITLE },
        { name: "bon.md", text: other, ...YEAR },
      ],
      true,
    );
    const files = data<ImportOutcome>(preview).files;
    expect(files[0]!.importable).toBe(false);
    expect(files[0]!.order).toBeNull();
    expect(files[0]!.problems.find((p) => p.blocking)).toMatchObject({ field: "title", en: "missing field: Titre", fr: "Champ manquant : Titre" });
    expect(files[1]!.importable).toBe(true);
    const r = await importInto(
      sid,
      [
        { name: "sans-titre.md", text: WITHOUT_TITLE },
        { name: "bon.md", text: other, ...YEAR },
      ],
      false,
    );
    expect(r.status).toBe(400);
    expect(r.json.error?.text?.fr).toContain("sans-titre.md");
    expect(data<ImportOutcome>(r).files[0]!.problems.some((p) => p.field === "title" && p.blocking)).toBe(true);
    expect(await itemCount(sid)).toBe(0);
  });

  it("CLERK-5 random text is not a deliberation: reported, nothing created", async () => {
    const sid = await emptySitting(f);
    const r = await importInto(sid, [{ name: "notes.txt", text: "Penser à acheter du café.\nRéunion jeudi." }], false);
    expect(r.status).toBe(400);
    const problems = data<ImportOutcome>(r).files[0]!.problems;
    expect(problems.filter((p) => p.blocking).map((p) => p.field)).toEqual(expect.arrayContaining(["input", "sittingDate", "order", "identifier", "title"]));
    expect(problems[0]!.fr).toMatch(/^Aucune structure de délibération reconnue/);
    expect(await itemCount(sid)).toBe(0);
  });

  it("CLERK-5 a taken N°ordre appends the item; an identifier already on the agenda blocks; another date blocks", async () => {
    const sid = await emptySitting(f);
    await importInto(sid, [{ name: "a.md", text: SEED, ...YEAR }], false);
    const again = await importInto(sid, [{ name: "a.md", text: SEED, ...YEAR }], true);
    expect(data<ImportOutcome>(again).files[0]!.problems.find((p) => p.blocking)?.en).toBe(
      "Identifier 2022-0245 is already item 9 of this sitting: edit or remove that item first",
    );
    const sameOrder = SEED.replace("2022-0245", "2022-0250");
    const r = await importInto(sid, [{ name: "b.md", text: sameOrder, ...YEAR }], false);
    expect(r.status).toBe(201);
    expect(data<ImportOutcome>(r).created[0]).toMatchObject({ order: 10, identifier: "2022-0250" });
    expect(data<ImportOutcome>(r).files[0]!.problems.some((p) => p.field === "order" && !p.blocking)).toBe(true);

    const otherDay = await emptySitting(f, "2022-11-14");
    const wrongDate = await importInto(otherDay, [{ name: "c.md", text: SEED }], true);
    expect(data<ImportOutcome>(wrongDate).files[0]!.problems.find((p) => p.blocking)?.fr).toBe(
      "Le projet est pour la séance du 03/10/2022, cette séance est celle du 14/11/2022",
    );
  });

  it("CLERK-5 two files with the same identifier block the second; the demo agenda's use of it elsewhere only warns", async () => {
    const sid = await emptySitting(f);
    const r = await importInto(
      sid,
      [
        { name: "un.md", text: SEED, ...YEAR },
        { name: "deux.md", text: SEED, ...YEAR },
      ],
      true,
    );
    const files = data<ImportOutcome>(r).files;
    expect(files[0]!.importable).toBe(true);
    // The demo sitting already holds 2022-0245: a deferred item keeps its number, so only a warning.
    expect(files[0]!.problems.some((p) => p.field === "identifier" && !p.blocking && p.en.includes("2022-10-03"))).toBe(true);
    expect(files[1]!.importable).toBe(false);
    expect(files[1]!.problems.find((p) => p.blocking)?.fr).toBe("L'identifiant 2022-0245 est aussi celui du fichier un.md");
  });

  it("CLERK-5 refuses malformed bodies, too many or too large files, changing nothing", async () => {
    const sid = await emptySitting(f);
    const bad = [
      { files: [], dryRun: true },
      { files: [{ name: "a.md", text: SEED }] },
      { files: [{ name: "a.md", text: SEED }], dryRun: "no" },
      { files: [{ name: "a.md", text: SEED, extra: 1 }], dryRun: false },
      { files: Array.from({ length: 21 }, (_, i) => ({ name: `${i}.md`, text: SEED })), dryRun: false },
      { files: [{ name: "big.md", text: "x".repeat(500_001) }], dryRun: false },
    ];
    for (const body of bad) {
      const r = await call(f.srv.url, "POST", `/api/clerk/sittings/${sid}/import`, f.clerk, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json.ok).toBe(false);
    }
    expect(await itemCount(sid)).toBe(0);
  });

  it("CLERK-1 import is for the clerk of the sitting's council only", async () => {
    const sid = await emptySitting(f);
    const body = [{ name: "a.md", text: SEED }];
    expect((await importInto(sid, body, false, "")).status).toBe(401);
    expect((await importInto(sid, body, false, f.councillor)).status).toBe(403);
    const other = await importInto(sid, body, false, f.otherClerk);
    expect(other.status).toBe(403);
    expect(other.json.error?.code).toBe("wrong-sitting");
    expect(await itemCount(sid)).toBe(0);
  });

  it("CLERK-3 nothing is imported once the sitting is opened", async () => {
    const sid = await emptySitting(f);
    await f.srv.db.sitting.update({ where: { id: sid }, data: { status: "opened" } });
    const r = await importInto(sid, [{ name: "a.md", text: SEED }], false);
    expect(r.status).toBe(409);
    expect(r.json.error?.code).toBe("wrong-state");
    expect(await itemCount(sid)).toBe(0);
  });
});
