// CLERK-10/11: the clerk's setup screen in Chromium — import a draft deliberation through the file
// input (preview, then import), edit and reorder the agenda, and round-trip the roster through CSV
// with its preview. Leaves the roster as it found it, for the other specs' quorum counts.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { parseCsv, toCsv } from "../core/records/csv";
import { contextAs, freshSitting } from "./helpers";

const SEED = path.join(process.cwd(), "prisma", "seed-data", "deliberation-2022-0245.md");

async function expectAccessible(page: Page, name: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

test("CLERK-10 imports a draft deliberation with a preview, then edits and reorders the agenda", async ({ browser, request }) => {
  const { sittingId } = await freshSitting(request);
  const ctx = await contextAs(browser, "u-clerk", { width: 1366, height: 900 });
  const page = await ctx.newPage();
  await page.goto("/clerk");
  await page.getByRole("combobox", { name: "Séance", exact: true }).selectOption(sittingId);
  const agenda = page.getByTestId("agenda");
  await expect(agenda.locator('[data-item="2022-0245"]')).toBeVisible();

  // The fresh sitting copied the demo agenda, which holds the seed item: remove it first.
  await page.getByRole("button", { name: "Retirer le point n° 9" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByText("« Adhésion à l'association Démocratie Ouverte » a été retiré de l'ordre du jour.")).toBeVisible();
  await expect(agenda.locator('[data-item="2022-0245"]')).toHaveCount(0);

  await page.getByLabel("Fichiers à importer").setInputFiles(SEED);
  const preview = page.getByTestId("import-preview");
  // The draft names the Principal budget without its year: the preview asks for it (REC-18).
  await expect(preview).toContainText("Fichier lu en UTF-8.");
  await page.getByLabel("Exercice du budget Principal").fill("2022");
  await page.getByLabel("Exercice du budget Principal").press("Enter");
  await expect(page.getByText("1 fichier lu, prêt à importer.")).toBeVisible();
  await expect(preview).toContainText("Adhésion à l'association Démocratie Ouverte");
  await expect(preview).toContainText("Mme Ombelyne DAGICOUR");
  await expect(preview).toContainText("Commission Démocratie, citoyenneté et fonctionnement institutionnel");
  await expect(preview).toContainText("de donner votre accord sur l'adhésion à l'association Démocratie ouverte");
  await expect(preview).toContainText("d'autoriser Madame la Maire ou son représentant à signer tout document");
  await expect(preview).toContainText("9.1");
  await expect(preview).toContainText("À vérifier");
  await expectAccessible(page, "clerk's import preview");

  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByText("1 point importé.")).toBeVisible();
  await expect(preview).toHaveCount(0);
  const row = agenda.locator('[data-item="2022-0245"]');
  await expect(row).toContainText("Adhésion à l'association Démocratie Ouverte");
  await expect(row.locator("td").first()).toHaveText("9");

  // The edit dialog: focus goes in, the budget year is filled, focus comes back to its button.
  const edit = page.getByRole("button", { name: "Modifier le point n° 9" });
  await edit.click();
  const dialog = page.getByRole("dialog", { name: "Modifier le point n° 9" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Objet (titre)")).toHaveValue("Adhésion à l'association Démocratie Ouverte");
  await dialog.getByLabel("Exercice").fill("2022");
  await dialog.getByRole("button", { name: "Enregistrer le point" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Point « Adhésion à l'association Démocratie Ouverte » enregistré.")).toBeVisible();
  await expect(edit).toBeFocused();

  // A bad identifier: the refusal names the field, and shows beside the button just pressed (CLERK-3).
  await edit.click();
  await dialog.getByLabel("Identifiant").fill("cantine tarifs !");
  await dialog.getByRole("button", { name: "Enregistrer le point" }).click();
  const refusal = dialog.getByRole("alert");
  await expect(refusal).toContainText("Requête invalide — identifier : ");
  await expect(refusal).toBeInViewport();
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();

  // Up/down: item 7 goes one step down and keeps the keyboard focus.
  await expect(agenda.locator("tbody tr").first()).toHaveAttribute("data-item", "2022-0243");
  await page.getByRole("button", { name: "Descendre le point n° 7" }).click();
  await expect(agenda.locator("tbody tr").first()).toHaveAttribute("data-item", "2022-0244");
  await expect(agenda.locator("tbody tr").nth(1)).toHaveAttribute("data-item", "2022-0243");
  await expect(agenda.locator("tbody tr").nth(1).locator("td").first()).toHaveText("8");
  await ctx.close();
});

test("CLERK-11 exports the roster as CSV and imports it back with a preview", async ({ browser }) => {
  const ctx = await contextAs(browser, "u-clerk", { width: 1366, height: 900 });
  const page = await ctx.newPage();
  await page.goto("/clerk");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter la liste (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^elus-.+\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const original = bytes.toString("utf8");
  const records = parseCsv(original).records.map((r) => r.cells);
  expect(records[0]).toEqual([
    "identifiant",
    "civilité",
    "prénom",
    "nom",
    "fonction",
    "rang",
    "groupe",
    "siège",
    "date de naissance",
    "début de mandat",
    "fin de mandat",
    "courriel",
    "convocation papier",
  ]);
  const m50 = records.findIndex((cells) => cells[0] === "m50");
  const edited = (role: string, group: string) =>
    toCsv(
      records.map((cells, i) => (i === m50 ? cells.map((c, j) => (j === 4 ? role : j === 6 ? group : c)) : cells)),
      { delimiter: ";", bom: true },
    );
  const upload = (name: string, text: string) =>
    page.getByLabel("Importer une liste (CSV)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
  const previewBox = page.getByTestId("roster-preview");
  const save = page.getByRole("button", { name: "Enregistrer la liste" });

  // A wrong role: the problem is shown with its line, and nothing can be saved.
  await upload("elus-faux.csv", edited("conseillère", "Non-inscrits"));
  await expect(previewBox).toContainText(`Bloquant ligne ${m50 + 1} — Fonction « conseillère » inconnue`);
  await expect(save).toBeDisabled();

  await upload("elus.csv", edited(records[m50]![4]!, "Non-inscrits"));
  await expect(previewBox).toContainText("0 création(s), 1 mise(s) à jour, 52 inchangé(s)");
  await expect(previewBox).toContainText("Mise à jour");
  await expect(previewBox).toContainText("group");
  await expectAccessible(page, "clerk's roster preview");
  await save.click();
  await expect(page.getByText("Liste enregistrée : 0 création(s), 1 mise(s) à jour.")).toBeVisible();
  const row = page
    .getByTestId("roster")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`${records[m50]![3]}$`) }) });
  await expect(row).toContainText("Non-inscrits");

  // Back as it was, through the same screen.
  await upload("elus-origine.csv", original);
  await expect(previewBox).toContainText("1 mise(s) à jour");
  await save.click();
  await expect(row).toContainText(records[m50]![6]!);
  await ctx.close();
});
