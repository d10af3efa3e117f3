// FOUND-*: the running server serves real pages, a Socket.IO handshake and a Yjs sync in Chromium.
import { expect, test } from "@playwright/test";
import { contextAs } from "./helpers";

test("FOUND-1 the public screen loads and follows the sitting over Socket.IO", async ({ page }) => {
  await page.goto("/public/s-2022-10-03");
  await expect(page.getByRole("heading", { name: "Ville de Poitiers" })).toBeVisible();
  // The status and the agenda only arrive through the socket subscription.
  await expect(page.getByTestId("sitting-status")).toHaveText(/Convoquée|Séance/);
  await expect(page.getByText("Adhésion à l'association Démocratie Ouverte")).toBeVisible();
});

test("FOUND-2 the minutes page completes a Yjs sync with the server", async ({ browser }) => {
  const ctx = await contextAs(browser, "u-m28");
  const page = await ctx.newPage();
  await page.goto("/minutes/s-2022-10-03");
  await expect(page.getByTestId("sync-status")).toHaveAttribute("data-synced", "yes", { timeout: 15_000 });
  await ctx.close();
});

test("FOUND-3 every demo link opens a real page", async ({ browser, page }) => {
  await page.goto("/demo");
  await expect(page.getByRole("heading", { name: /Séance — Démonstration/ })).toBeVisible();
  const targets: [string, RegExp][] = [
    ["u-president", /Console de la présidence/],
    ["u-clerk", /Service des assemblées/],
    ["u-m02", /Mme Ombelyne DAGICOUR/],
  ];
  for (const [user, heading] of targets) {
    const ctx = await contextAs(browser, user);
    const p = await ctx.newPage();
    await p.goto(`/demo/signin?as=${user}`);
    await expect(p.getByRole("heading", { name: heading }).first()).toBeVisible();
    await ctx.close();
  }
  const secretary = await contextAs(browser, "u-m28");
  const sp = await secretary.newPage();
  await sp.goto("/demo/signin?as=u-m28&to=/minutes/s-2022-10-03");
  await expect(sp.getByRole("heading", { name: /Procès-verbal/ })).toBeVisible();
  await secretary.close();
});

test("FOUND-4 pages check who is asking: a councillor cannot open the chair's console", async ({ browser }) => {
  const ctx = await contextAs(browser, "u-m02");
  const page = await ctx.newPage();
  await page.goto("/president/s-2022-10-03");
  await expect(page).toHaveURL(/\/signin\?next=/);
  await expect(page.getByText("Votre compte n'a pas accès à cette page.")).toBeVisible();
  await ctx.close();
});

test("FOUND-7 French by default, English as a full second language", async ({ page }) => {
  await page.goto("/public/s-2022-10-03");
  await expect(page.getByText("Point en cours")).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("Current item")).toBeVisible();
  await expect(page.getByTestId("sitting-status")).toHaveText(/Convened|Sitting/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByText("Point en cours")).toBeVisible();
});

test("FOUND-8 an address that leads nowhere says so in French, with the way home, and answers 404", async ({ page }) => {
  const res = await page.goto("/nothing-here");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(page.getByText("This page could not be found")).toHaveCount(0);
  await page.getByRole("link", { name: "Retour à l'accueil" }).click();
  await expect(page).toHaveURL(/\/$/);
});
