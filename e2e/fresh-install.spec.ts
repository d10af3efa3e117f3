// Where a real council starts: a server without demo mode on an empty database, set up with
// `npm run setup`. SEC-17 nobody signs in with the demo passwords; CLERK-12 the clerk, from a council
// with no sitting at all, convenes the first one from the clerk's screen; SEC-21 signing in never
// sends anyone to another site; SEC-18 the clerk creates a secretary's account, whose owner must
// choose a password first.
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { freePort, startChildServer, type ChildServer } from "../tests/helpers/child-server";
import { freshTemplateFile } from "./fresh-database";

const CLERK_PASSWORD = "ardoise-violon-marée-lanterne";
const MAYOR_PASSWORD = "boussole-paprika-hangar-glycine";
let server: ChildServer;

test.beforeAll(async () => {
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
  server = await startChildServer({ dbFile, port: await freePort(), env: { SEANCE_DEMO: "0", SEANCE_PAGES: "1" } });
});
test.afterAll(async () => {
  await server?.kill("SIGTERM");
});

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel("Identifiant").fill(login);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("SEC-17 a fresh install: the demo password is refused, with a sentence in French only", async ({ page }) => {
  await page.goto(`${server.url}/signin`);
  await signIn(page, "greffe", "greffe-demo");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toHaveText("Identifiant ou mot de passe incorrect");
});

test("SEC-21 a `next` that leaves the site (/\\evil.example) is ignored after signing in", async ({ page }) => {
  await page.goto(`${server.url}/signin?next=%2F%5Cevil.example`);
  await signIn(page, "greffe", CLERK_PASSWORD);
  await page.waitForURL((u) => u.pathname === "/clerk");
  expect(new URL(page.url()).origin).toBe(server.url);
});

test("CLERK-12 from a council with no sitting, the clerk convenes the first one from the clerk's screen", async ({ page }) => {
  await page.goto(`${server.url}/signin?next=%2Fclerk`);
  await signIn(page, "greffe", CLERK_PASSWORD);
  await page.waitForURL((u) => u.pathname === "/clerk");
  const form = page.getByRole("form", { name: "Convoquer une nouvelle séance" });
  await expect(page.getByText("Aucune séance pour l’instant : commencez par convoquer la première.")).toBeVisible();
  await expect(form).toBeVisible();
  await form.getByLabel("Date", { exact: true }).fill("2026-12-14");
  await form.getByLabel("Heure").fill("18:00");
  await form.getByLabel("Lieu").fill("Hôtel de Ville — salle du Conseil");
  await form.getByLabel("Date de la convocation").fill("2026-12-07");
  await expect(form.getByLabel("Président de séance")).toHaveValue(/m-/);
  await form.getByRole("button", { name: "Créer la séance" }).click();
  await expect(page.getByText("Séance du 14/12/2026 créée.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Séance", exact: true })).toContainText("14/12/2026 18:00 — Hôtel de Ville — salle du Conseil");
  await expect(page.getByText("Aucun point pour l'instant : ajoutez-en un ou importez des projets de délibération.")).toBeVisible();
});

test("SEC-18 the clerk creates a secretary's account; its owner chooses a password before anything else", async ({ browser, page }) => {
  await page.goto(`${server.url}/signin?next=%2Fclerk`);
  await signIn(page, "greffe", CLERK_PASSWORD);
  await page.waitForURL((u) => u.pathname === "/clerk");
  const create = page.getByRole("form", { name: "Créer le compte" });
  await create.getByLabel("Identifiant").fill("secretariat");
  await create.getByLabel("Nom affiché").fill("Secrétariat général");
  await create.getByLabel("Mot de passe provisoire (12 caractères au moins)").fill("cactus-horizon-lampadaire-sel");
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(page.getByText("Compte « secretariat » créé")).toBeVisible();
  await expect(page.getByTestId("accounts").locator('[data-login="secretariat"]')).toContainText("Doit changer son mot de passe");

  const ctx = await browser.newContext();
  const owner = await ctx.newPage();
  await owner.goto(`${server.url}/signin`);
  await signIn(owner, "secretariat", "cactus-horizon-lampadaire-sel");
  await owner.waitForURL((u) => u.pathname === "/account");
  await expect(owner.getByText("Votre mot de passe a été réinitialisé par le service des assemblées")).toBeVisible();
  await owner.getByLabel("Mot de passe actuel").fill("cactus-horizon-lampadaire-sel");
  await owner.getByLabel("Nouveau mot de passe (12 caractères au moins)").fill("tambour-lagune-origami-cerise");
  await owner.getByLabel("Le même, une seconde fois").fill("tambour-lagune-origami-cerise");
  await owner.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(owner.getByText("Mot de passe changé.")).toBeVisible();
  await ctx.close();
});
