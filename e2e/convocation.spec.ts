// #19, Done-when 1: the weeks before a sitting, from an empty council set up as a real install
// (npm run setup, no demo). The clerk imports the roster, convenes a sitting, imports two drafts,
// adds an item and sends the convocation; two members acknowledge it on their phones; one sends
// apologies with a proxy; a local SMTP sink (started here) received one message per member with the
// ordre du jour attached; the roll call starts with the apology and the proxy filled in. CONV-9
// CONV-10 CONV-11 CONV-14; screenshots in docs/screens/ (CONV-13 the printed convocation).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { addDays } from "../core/convocation/calendar";
import { frenchDayDate } from "../core/convocation/documents";
import { freePort, startChildServer, type ChildServer } from "../tests/helpers/child-server";
import { attachmentNames, startSmtpSink, type SmtpSink } from "../tests/convocation/smtp-sink";
import { freshTemplateFile } from "./fresh-database";

const CLERK_PASSWORD = "ardoise-violon-marée-lanterne";
const MAYOR_PASSWORD = "boussole-paprika-hangar-glycine";
const SCREENS = path.join(process.cwd(), "docs", "screens");
const PHONE = { width: 390, height: 844 };
// CONV-16: the clerk's laptop and a councillor abroad are not on Paris time; the screens show the
// council's clock (Europe/Paris here), never the device's.
test.use({ timezoneId: "America/New_York" });
const ABROAD = "Asia/Tokyo";
const paris = (iso: string) => new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" }).format(new Date(iso));
const D = addDays(new Date().toISOString().slice(0, 10), 14);
const [y, m, d] = D.split("-");
const ROSTER = [
  "civilité;prénom;nom;fonction;rang;groupe;siège;début de mandat;courriel",
  "Mme;Léonore;MONCOND'HUY;maire;0;Majorité;1;2020-07-03;maire@poitiers.test",
  "Mme;Ombelyne;DAGICOUR;adjoint;1;Majorité;2;2020-07-03;dagicour@poitiers.test",
  "M.;Bastien;ARNAUD;adjoint;2;Majorité;3;2020-07-03;arnaud@poitiers.test",
  "Mme;Coralie;BREUILLÉ;conseiller;0;Majorité;4;2020-07-03;breuille@poitiers.test",
  "M.;Anthony;BROTTIER;conseiller;0;Opposition;5;2020-07-03;brottier@poitiers.test",
  "Mme;Laurence;VALLOIS-ROUET;conseiller;0;Opposition;6;2020-07-03;vallois@poitiers.test",
  "M.;Ludovic;GAILLARD;conseiller;0;Opposition;7;2020-07-03;gaillard@poitiers.test",
].join("\n");

let server: ChildServer;
let sink: SmtpSink;

/** The seed draft, dated for this sitting, under another number and title (and no budget to ask for). */
function draft(order: number, identifier: string, title: string): string {
  const seed = fs.readFileSync(path.join(process.cwd(), "prisma", "seed-data", "deliberation-2022-0245.md"), "utf8");
  const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seance-drafts-")), `${identifier}.md`);
  fs.writeFileSync(
    file,
    seed
      .replace("3 octobre 2022", `${Number(d)} ${months[Number(m) - 1]} ${y}`)
      .replace("N°ordre 9", `N°ordre ${order}`)
      .replace("N° identifiant 2022-0245", `N° identifiant ${identifier}`)
      .replace("Adhésion à l'association Démocratie Ouverte", title)
      .replace(" du budget Principal", ""),
  );
  return file;
}

test.beforeAll(async () => {
  sink = await startSmtpSink();
  const dbFile = freshTemplateFile();
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/setup.ts",
      ...["--council-name", "Ville de Poitiers", "--commune", "Poitiers", "--siren", "218601946", "--siret", "21860194600013"],
      ...["--population", "88291", "--departement", "86", "--clerk-login", "greffe"],
      ...["--mayor-civility", "Mme", "--mayor-first-name", "Léonore", "--mayor-last-name", "Moncond'huy", "--mayor-login", "maire"],
    ],
    { env: { ...process.env, DATABASE_URL: `file:${dbFile}`, SEANCE_CLERK_PASSWORD: CLERK_PASSWORD, SEANCE_MAYOR_PASSWORD: MAYOR_PASSWORD }, stdio: "pipe" },
  );
  server = await startChildServer({
    dbFile,
    port: await freePort(),
    env: { SEANCE_DEMO: "0", SEANCE_PAGES: "1", SEANCE_SMTP_URL: sink.url, SEANCE_MAIL_FROM: "Mairie de Poitiers <assemblees@poitiers.test>" },
  });
});
test.afterAll(async () => {
  await server?.kill("SIGTERM");
  await sink?.close();
});

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel("Identifiant").fill(login);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

async function expectAccessible(page: Page, name: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

/** The clerk issues a pairing code on the screen; the member's phone pairs with it. */
async function pairPhone(browser: Browser, clerk: Page, firstName: string, lastName: string): Promise<Page> {
  await clerk.getByRole("button", { name: `Créer un code — ${firstName} ${lastName}` }).click();
  const card = clerk.getByTestId("pairing").filter({ hasText: lastName });
  await expect(card).toHaveCount(1);
  const code = (await card.getByTestId("pairing-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  const ctx = await browser.newContext({ viewport: PHONE, timezoneId: ABROAD });
  const phone = await ctx.newPage();
  await phone.goto(`${server.url}/signin?code=${code}`);
  await phone.getByRole("button", { name: "Appairer", exact: true }).click();
  await phone.waitForURL((u) => u.pathname.startsWith("/councillor/"));
  return phone;
}

test("CONV-9 CONV-10 CONV-11 CONV-14 CONV-16 from an empty council: convene, import, send, acknowledge, apologies with a proxy, and the roll call starts from them", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, "greffe", CLERK_PASSWORD);
  await page.waitForURL((u) => u.pathname === "/clerk");

  // The roster, with its e-mail addresses, headed in French.
  await page.getByLabel("Importer une liste (CSV)").setInputFiles({ name: "elus.csv", mimeType: "text/csv", buffer: Buffer.from(ROSTER) });
  await page.getByRole("button", { name: "Enregistrer la liste" }).click();
  await expect(page.getByText("Liste enregistrée : 6 création(s), 1 mise(s) à jour.")).toBeVisible();

  // A sitting, from a council with none.
  const form = page.getByRole("form", { name: "Convoquer une nouvelle séance" });
  await form.getByLabel("Date", { exact: true }).fill(D);
  await form.getByLabel("Heure").fill("18:00");
  await form.getByLabel("Lieu").fill("Hôtel de Ville — salle du Conseil");
  await form.getByLabel("Date de la convocation").fill(addDays(D, -7));
  await form.getByRole("button", { name: "Créer la séance" }).click();
  await expect(page.getByText(`Séance du ${d}/${m}/${y} créée.`)).toBeVisible();

  // Two drafts, then an item typed in.
  await page
    .getByLabel("Fichiers à importer")
    .setInputFiles([
      draft(1, `${y}-0101`, "Adhésion à l'association Démocratie Ouverte"),
      draft(2, `${y}-0102`, "Budget participatif : règlement de la troisième édition"),
    ]);
  await expect(page.getByText("2 fichiers lus, prêts à importer.")).toBeVisible();
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByText("2 points importés.")).toBeVisible();
  await page.getByRole("button", { name: "Ajouter un point" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Identifiant").fill(`${y}-0103`);
  await dialog.getByLabel("Objet (titre)").fill("Dénomination de la place Simone-Veil");
  await dialog.getByLabel(/^Note explicative de synthèse/).fill("Proposition de dénommer « place Simone-Veil » la place située devant la médiathèque.");
  await dialog.getByRole("button", { name: "Ajouter le point" }).click();
  await expect(dialog).toBeHidden();

  // The convocation: the delay is met, e-mail is on; send it.
  const panel = page.getByTestId("convocation");
  await expect(panel.getByTestId("delay")).toContainText("jours francs pour 5 requis");
  await expect(panel).toContainText("Courriel activé, expéditeur : Mairie de Poitiers");
  await panel.getByRole("button", { name: "Envoyer la convocation" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
  await expect(panel.getByText(/Convocation envoyée le .* à 7 élus \(7 courriels\)\./)).toBeVisible();

  // The SMTP sink: one message per member, each with the ordre du jour attached.
  await sink.until(7);
  expect(sink.messages.map((mail) => mail.to[0]).sort()).toEqual(
    ["arnaud", "breuille", "brottier", "dagicour", "gaillard", "maire", "vallois"].map((n) => `${n}@poitiers.test`),
  );
  for (const mail of sink.messages) expect(attachmentNames(mail.raw)).toContain(`ordre-du-jour-${D}.pdf`);
  await expect(panel.getByTestId("recipients").locator("tbody tr").filter({ hasText: "envoyé" })).toHaveCount(7, { timeout: 30_000 });
  await panel.getByRole("button", { name: "Publier l'ordre du jour" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
  await expect(panel.getByRole("button", { name: /Ordre du jour publié le/ })).toBeVisible();
  await expectAccessible(page, "clerk's convocation");

  // CONV-13 the printed convocation, as a member who asked for paper receives it: its first page as an image.
  const href = await panel.getByRole("link", { name: "Convocation (PDF)" }).getAttribute("href");
  const pdf = await page.request.get(`${server.url}${href}`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const pdfFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seance-pdf-")), "convocation.pdf");
  fs.writeFileSync(pdfFile, await pdf.body());
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdfFile, path.join(SCREENS, "convocation-pdf")]);

  // Two members acknowledge on their phones; one reads an item's text; one sends apologies with a proxy.
  const dagicour = await pairPhone(browser, page, "Ombelyne", "DAGICOUR");
  const [acked] = await Promise.all([
    dagicour.waitForResponse((r) => r.url().endsWith("/convocation/ack")),
    dagicour.getByRole("button", { name: "J'accuse réception de la convocation" }).click(),
  ]);
  const ackedAt = ((await acked.json()) as { data: { acknowledgedAt: string } }).data.acknowledgedAt;
  await expect(dagicour.getByText(`Réception accusée le ${paris(ackedAt)}`)).toBeVisible();
  await expect(dagicour.getByRole("heading", { name: `${frenchDayDate(D)} à 18h00, Hôtel de Ville — salle du Conseil` })).toBeVisible();
  const item = dagicour.getByRole("article", { name: "Adhésion à l'association Démocratie Ouverte" });
  await item.getByText("Lire le point").click();
  await expect(item).toContainText("La municipalité en place à Poitiers");
  await expectAccessible(dagicour, "councillor's convocation");
  await item.getByRole("heading").scrollIntoViewIfNeeded();
  await item.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8));
  await dagicour.screenshot({ path: path.join(SCREENS, "convocation-phone-item.png") });
  await dagicour.evaluate(() => window.scrollTo(0, 0));
  await dagicour.screenshot({ path: path.join(SCREENS, "convocation-phone.png") });

  const arnaud = await pairPhone(browser, page, "Bastien", "ARNAUD");
  await arnaud.getByRole("button", { name: "J'accuse réception de la convocation" }).click();
  await expect(arnaud.getByText(/Réception accusée le/)).toBeVisible();
  await arnaud.getByLabel("Donner pouvoir à").selectOption({ label: "Mme Coralie BREUILLÉ" });
  await arnaud.getByRole("button", { name: "Donner pouvoir", exact: true }).click();
  await expect(arnaud.getByText("Vous avez donné pouvoir à Mme Coralie BREUILLÉ.")).toBeVisible();

  // The clerk sees who acknowledged and who declared what.
  await page.reload();
  const rows = page.getByTestId("recipients");
  await expect(rows.locator('tr:has-text("DAGICOUR")')).toContainText(`${paris(ackedAt)} (appareil)`);
  await expect(rows.locator('tr:has-text("ARNAUD")')).toContainText("Pouvoir à Mme Coralie BREUILLÉ");
  await expect(page.getByTestId("forecast")).toContainText("pouvoirs 1");
  await page.getByTestId("convocation").screenshot({ path: path.join(SCREENS, "convocation-clerk.png") });

  // The mayor's console before the opening: the roll call starts with the apology and the proxy.
  const mayorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const mayor = await mayorCtx.newPage();
  await signIn(mayor, "maire", MAYOR_PASSWORD);
  await mayor.waitForURL((u) => u.pathname.startsWith("/president/"));
  await expect(mayor.getByTestId("expected-quorum")).toContainText("Quorum attendu");
  await expect(mayor.getByTestId("expected-quorum")).toContainText("pouvoirs 1");
  await expect(mayor.locator("[data-member]").filter({ hasText: "ARNAUD" })).toContainText("Excusé·e");
  // The proxy is usable once its holder is in the room.
  const holder = mayor.locator("[data-member]").filter({ hasText: "BREUILLÉ" });
  await holder.click();
  await expect(holder).toContainText("Présent·e");
  await mayor.getByRole("tab", { name: "Pouvoirs" }).click();
  await expect(mayor.getByRole("tabpanel")).toContainText("Bastien ARNAUD");
  await expect(mayor.getByRole("tabpanel")).toContainText("BREUILLÉ");
  await mayorCtx.close();
});
