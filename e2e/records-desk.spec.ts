// REC-17 in Chromium: after a sitting held over the real protocol, the clerk records an act's
// publication dates from the records desk (checked as typed), publishes it, and downloads the
// extract's PDF, the list of deliberations and the SCDL file by their links — no URL typed.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { chairOf, markPresent } from "./chair-socket";
import { contextAs, freshSitting } from "./helpers";

async function expectAccessible(page: Page, name: string) {
  const r = await new AxeBuilder({ page }).include("#registre").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

async function downloaded(page: Page, link: ReturnType<Page["getByRole"]>): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent("download");
  await link.click();
  const d = await waiting;
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

test("REC-17 the clerk records the publication dates from the records desk and downloads the extract PDF, the list and the SCDL file", async ({
  browser,
  request,
  baseURL,
}) => {
  const { sittingId, itemIds } = await freshSitting(request);
  const items = (await (await request.get(`/api/clerk/sittings/${sittingId}`)).json()) as { data: { items: { id: string; identifier: string }[] } };
  const seed = items.data.items.find((it) => it.identifier === "2022-0245")!;
  expect(itemIds).toContain(seed.id);
  // The sitting is held: 30 present, the seed item adopted by show of hands, the sitting closed.
  const chair = await chairOf(baseURL!, sittingId);
  await markPresent(chair, 30);
  await chair.send({ type: "sitting:open" });
  await chair.send({ type: "item:call", itemId: seed.id });
  const voteId = String((await chair.send({ type: "vote:open", itemId: seed.id, mode: "show-of-hands" })).voteId);
  await chair.send({ type: "vote:record-hands", voteId, tally: { pour: 26, contre: 2, abstention: 2, nppv: 0 }, presidentVote: "pour" });
  await chair.send({ type: "vote:close", voteId });
  await chair.send({ type: "vote:proclaim", voteId });
  await chair.send({ type: "sitting:close" });
  chair.close();

  const ctx = await contextAs(browser, "u-clerk", { width: 1440, height: 1000 });
  const page = await ctx.newPage();
  await page.goto("/clerk");
  await page.getByRole("link", { name: "Registre et publication" }).click();
  await page.getByRole("combobox", { name: "Séance du registre" }).selectOption(sittingId);
  const row = page.getByTestId("records-acts").locator('[data-item="2022-0245"]');
  await expect(row).toContainText("Adhésion à l'association Démocratie Ouverte");
  await expect(row).toContainText("086-218601946-20221003-2022_0245-DE (prévisionnel)");

  // Typed: posted and received — for Poitiers (over 3,500 inhabitants) not exécutoire yet, and said so at once.
  const dates = row.getByRole("form", { name: "Dates de publicité de l'acte 2022-0245" });
  await dates.getByLabel("Affiché le").fill("2022-10-04");
  await dates.getByLabel("Reçu en préfecture le").fill("2022-10-04");
  await expect(dates.getByTestId("attestation")).toContainText("L'affichage seul ne rend pas l'acte exécutoire.");
  // An identifier of another date is refused as typed; the form cannot be saved.
  await dates.getByLabel("Identifiant de télétransmission (ACTES)").fill("086-218601946-20221004-2022_0245-DE");
  await expect(dates).toContainText("n'est pas celui d'un acte de cette séance");
  await expect(dates.getByRole("button", { name: "Enregistrer les dates" })).toBeDisabled();
  await dates.getByLabel("Identifiant de télétransmission (ACTES)").fill("086-218601946-20221003-2022_0245-DE");
  await dates.getByRole("button", { name: "Enregistrer les dates" }).click();
  await expect(page.getByText("Dates de l'acte 2022-0245 enregistrées.")).toBeVisible();
  await expectAccessible(page, "records desk");

  // Published online on 5 October: the act becomes exécutoire, its extract is frozen.
  const publish = row.getByRole("form", { name: "Publication de l'acte 2022-0245" });
  await publish.getByLabel("Mis en ligne le").fill("2022-10-05");
  await publish.getByRole("button", { name: "Publier l'extrait" }).click();
  // Publishing renders the PDF in Chromium on the server: allow for its first start.
  await expect(page.getByText("Acte 2022-0245 publié (version 1).")).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("Version 1 publiée le 05/10/2022");
  await expect(row.getByTestId("attestation")).toContainText("Acte certifié exécutoire le 5 octobre 2022");

  // The extract's PDF, the list and the open data, each by its link.
  const extract = await downloaded(page, row.getByRole("link", { name: "Extrait 2022-0245 (PDF)" }));
  expect(extract.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const list = await downloaded(page, page.getByTestId("records-list").getByRole("link", { name: "Liste (PDF)" }));
  expect(list.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const scdl = await downloaded(page, page.getByRole("link", { name: "Télécharger le fichier SCDL (CSV)" }));
  expect(scdl.name).toMatch(/\.csv$/);
  const csv = scdl.bytes.toString("utf8");
  expect(csv.split("\n")[0]).toBe(
    "COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL",
  );
  const ours = csv.split("\n").find((l) => l.includes(`/records/sittings/${sittingId}/`));
  expect(ours).toMatch(/^Ville de Poitiers,21860194600013,2022-0245,2022-10-03,9\.1,.*,PREF086,2022-10-04,30,30,26,2,2,http/);
  await ctx.close();
});
