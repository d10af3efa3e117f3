// DEBATE-*: the debate in Chromium, from a real council's start (setup, a roster imported, phones
// paired): three councillors ask for the floor from their phones (one a point of order), the mayor
// gives the floor in order from the console; the countdown is the same (±1 s) on the speaker's
// phone, the console and the wall screen; an overrun shows on every screen; the server is killed
// mid-speech and the timer resumes where it was; the minutes hold one block per speech with the
// speaker's name and Paris time, and the procès-verbal lists the speaking time per group.
import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { freePort, startChildServer, type ChildServer } from "../tests/helpers/child-server";
import { freshTemplateFile } from "./fresh-database";

const CLERK_PASSWORD = "ardoise-violon-marée-lanterne";
const MAYOR_PASSWORD = "boussole-paprika-hangar-glycine";
const HEADERS = { "Content-Type": "application/json", "x-seance-client": "1" };
const PHONE = { width: 390, height: 844 };
const ENV = { SEANCE_DEMO: "0", SEANCE_PAGES: "1" };
const OFFLINE = "Connexion perdue";

const ROSTER = [
  "civility;firstName;lastName;role;group;seat;mandateStart",
  "M.;Paul;ARNOUX;adjoint;Ensemble pour la ville;2;2020-07-03",
  "Mme;Lucie;BERTIN;conseiller;Ensemble pour la ville;3;2020-07-03",
  "M.;Karim;CHERIF;conseiller;Ville en commun;4;2020-07-03",
  "Mme;Anne;DUVAL;conseiller;Ville en commun;5;2020-07-03",
  "M.;Éric;FAURE;conseiller;Agir ensemble;6;2020-07-03",
  "Mme;Nadia;GARNIER;conseiller;Agir ensemble;7;2020-07-03",
  "M.;Hugo;LEROY;conseiller;Ensemble pour la ville;8;2020-07-03",
].join("\n");

let server: ChildServer;
/** Shared by the second test (the desk): the sitting the first one held, and the clerk's context. */
let held: { sittingId: string; clerk: BrowserContext; leroy: string } | null = null;
let dbFile: string;
let port: number;
const contexts: BrowserContext[] = [];

async function api(
  ctx: BrowserContext,
  method: "GET" | "POST" | "PATCH",
  path: string,
  data?: unknown,
): Promise<{ ok: boolean; data: unknown; error?: unknown }> {
  const r = await ctx.request.fetch(`${server.url}${path}`, { method, headers: HEADERS, ...(data !== undefined ? { data } : {}) });
  return (await r.json()) as { ok: boolean; data: unknown };
}

/** Today on the Paris clock (the sitting is held today). */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
/** "18h42" on the Paris clock. */
const parisClock = (ms: number) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" }).format(new Date(ms)).replace(":", "h");

async function expectAccessible(page: Page, name: string) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

async function newContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, baseURL: server.url });
  contexts.push(ctx);
  return ctx;
}

test.beforeAll(async () => {
  dbFile = freshTemplateFile();
  execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/setup.ts",
      ...["--council-name", "Ville de Montreuil-Bellay", "--commune", "Montreuil-Bellay", "--siren", "214902157", "--siret", "21490215700004"],
      ...["--population", "3900", "--departement", "49", "--clerk-login", "greffe"],
      ...["--mayor-civility", "Mme", "--mayor-first-name", "Claire", "--mayor-last-name", "Moreau", "--mayor-login", "maire"],
    ],
    { env: { ...process.env, DATABASE_URL: `file:${dbFile}`, SEANCE_CLERK_PASSWORD: CLERK_PASSWORD, SEANCE_MAYOR_PASSWORD: MAYOR_PASSWORD }, stdio: "pipe" },
  );
  port = await freePort();
  server = await startChildServer({ dbFile, port, env: ENV });
});
test.afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.kill("SIGTERM");
});

/** The clerk prepares the sitting through the API: roster, speaking times, a sitting, one item, three phones. */
async function prepare(browser: Browser) {
  const clerk = await newContext(browser, { width: 1366, height: 900 });
  expect((await api(clerk, "POST", "/api/auth/signin", { login: "greffe", password: CLERK_PASSWORD })).ok).toBe(true);
  expect((await api(clerk, "POST", "/api/clerk/members/import", { csv: ROSTER, dryRun: false })).ok).toBe(true);
  expect((await api(clerk, "PATCH", "/api/clerk/council/settings", { speechSeconds: 60, pointOfOrderSeconds: 6, rapporteurSeconds: 0 })).ok).toBe(true);
  const members = (await api(clerk, "GET", "/api/clerk/members")).data as { id: string; lastName: string }[];
  const id = (last: string) => members.find((m) => m.lastName === last)!.id;
  const date = today();
  const sitting = await api(clerk, "POST", "/api/clerk/sittings", {
    date,
    time: "18:00",
    place: "Salle du conseil",
    convocationDate: date,
    secretaryIds: [id("LEROY")],
  });
  const sittingId = (sitting.data as { sittingId: string }).sittingId;
  const item = await api(clerk, "POST", `/api/clerk/sittings/${sittingId}/items`, {
    identifier: "2026_0101",
    title: "Aménagement de la place du marché",
    rapporteurs: ["M. Paul ARNOUX"],
  });
  expect(item.ok).toBe(true);
  const phones: Record<string, Page> = {};
  const leroy = ((await api(clerk, "POST", "/api/clerk/pairings", { memberId: id("LEROY") })).data as { code: string }).code;
  for (const last of ["CHERIF", "FAURE", "DUVAL"]) {
    const code = ((await api(clerk, "POST", "/api/clerk/pairings", { memberId: id(last) })).data as { code: string }).code;
    const ctx = await newContext(browser, PHONE);
    const page = await ctx.newPage();
    await page.goto(`/pair?code=${code}`);
    await page.getByRole("button", { name: "Appairer" }).click();
    await page.waitForURL((u) => u.pathname !== "/signin");
    await page.goto(`/councillor/${sittingId}`);
    phones[last] = page;
  }
  return { clerk, sittingId, phones, leroy };
}

const timer = (p: Page) => p.getByTestId("speech-timer");
async function remaining(pages: Page[]): Promise<number[]> {
  return Promise.all(pages.map(async (p) => Number(await timer(p).getAttribute("data-remaining"))));
}
async function expectInStep(pages: Page[], what: string): Promise<number> {
  for (const p of pages) await expect(timer(p), what).toBeVisible({ timeout: 15_000 });
  const r = await remaining(pages);
  expect(Math.max(...r) - Math.min(...r), `${what}: ${r.join(", ")}`).toBeLessThanOrEqual(1);
  return r[0]!;
}

test.describe.configure({ mode: "serial" });

test("DEBATE-1 DEBATE-2 DEBATE-4 DEBATE-7 DEBATE-9 DEBATE-10 three phones ask for the floor; the countdown is in step on three screens, overruns, survives a server restart; the minutes and the PV follow", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { clerk, sittingId, phones, leroy } = await prepare(browser);
  held = { sittingId, clerk, leroy };
  const [cherif, faure, duval] = [phones.CHERIF!, phones.FAURE!, phones.DUVAL!];

  const mayorCtx = await newContext(browser, { width: 1194, height: 834 });
  const mayor = await mayorCtx.newPage();
  await mayor.goto(`/signin?next=${encodeURIComponent(`/president/${sittingId}`)}`);
  await mayor.getByLabel("Identifiant").fill("maire");
  await mayor.getByLabel("Mot de passe", { exact: true }).fill(MAYOR_PASSWORD);
  await mayor.getByRole("button", { name: "Se connecter" }).click();
  await mayor.waitForURL((u) => u.pathname === `/president/${sittingId}`);
  const wall = await (await newContext(browser, { width: 1920, height: 1080 })).newPage();
  await wall.goto(`/public/${sittingId}`);

  await test.step("the mayor takes the roll call, opens the sitting and calls the item", async () => {
    await mayor.getByRole("button", { name: "Tous présents" }).click();
    // "Tous présents" marks the members one by one: the item is called once all are in (the quorum of its call).
    await expect(mayor.getByTestId("quorum-banner")).toContainText("Quorum atteint : 8 présents");
    await mayor.getByRole("button", { name: "Ouvrir la séance" }).click();
    await mayor.getByRole("dialog").getByRole("button", { name: "Confirmer" }).click();
    await expect(wall.getByTestId("sitting-status")).toHaveText("Séance ouverte");
    await mayor.getByRole("tab", { name: "Ordre du jour" }).click();
    await mayor.getByRole("button", { name: /Appeler ce point/ }).click();
    await expect(mayor.getByTestId("debate-panel")).toBeVisible();
    // DEBATE-5: the rapporteur is offered first.
    await expect(mayor.locator("[data-rapporteur]")).toContainText("M. Paul ARNOUX");
  });

  await test.step("three phones ask; the point of order goes first on every screen", async () => {
    await cherif.getByRole("button", { name: "Demander la parole" }).click();
    await expect(cherif.getByText("Demande de parole enregistrée : n° 1 dans la liste")).toBeVisible();
    await faure.getByRole("button", { name: "Demander la parole" }).click();
    await duval.getByRole("button", { name: "Rappel au règlement" }).click();
    await expect(duval.getByText("Rappel au règlement demandé : n° 1 dans la liste")).toBeVisible();
    await expect(cherif.getByText("Demande de parole enregistrée : n° 2 dans la liste")).toBeVisible();
    await expect(mayor.getByTestId("speakers-list").locator("li")).toHaveText([/Anne DUVAL/, /Karim CHERIF/, /Éric FAURE/]);
    await expect(wall.getByTestId("next-speakers").locator("li")).toHaveText([/Paul ARNOUX/, /Anne DUVAL/, /Karim CHERIF/]);
    await expectAccessible(cherif, "phone with a request");
  });

  const given: number[] = [];
  const giveFirst = async () => {
    await mayor
      .getByTestId("speakers-list")
      .locator("li")
      .first()
      .getByRole("button", { name: /Donner la parole/ })
      .click();
    given.push(Date.now());
  };

  await test.step("the point of order: in step on three screens, then overrun on every screen", async () => {
    await giveFirst();
    await expect(duval.getByTestId("my-floor")).toBeVisible();
    await expectInStep([duval, mayor, wall], "point of order");
    for (const p of [duval, mayor, wall]) await expect(timer(p)).toHaveAttribute("data-overrun", "yes", { timeout: 15_000 });
    for (const p of [duval, mayor, wall]) await expect(timer(p)).toContainText("Temps de parole dépassé");
    await expectInStep([duval, mayor, wall], "overrun");
    await expectAccessible(wall, "wall screen during an overrun");
  });

  await test.step("the next speaker; the server is killed mid-speech and the timer resumes where it was", async () => {
    await giveFirst();
    await expect(cherif.getByTestId("my-floor")).toBeVisible();
    const before = await expectInStep([cherif, mayor, wall], "second speech");
    const at = Date.now();
    expect(before).toBeGreaterThan(50);
    await expectAccessible(mayor, "console during a speech");
    await expectAccessible(cherif, "speaker's phone");
    await server.kill("SIGKILL");
    const offline = (p: Page) => p.getByRole("alert").filter({ hasText: OFFLINE });
    for (const p of [cherif, mayor]) await expect(offline(p)).toBeVisible({ timeout: 15_000 });
    server = await startChildServer({ dbFile, port, env: ENV });
    // The phone and the console reconnect by themselves; the wall screen is reloaded.
    await wall.reload();
    for (const p of [cherif, mayor, wall]) await expect(offline(p)).toHaveCount(0, { timeout: 30_000 });
    const fromServer = (await (await fetch(`${server.url}/api/public/sittings/${sittingId}`)).json()) as {
      data: { debate: { current: { name: string } | null } };
    };
    expect(fromServer.data.debate.current?.name).toBe("M. Karim CHERIF");
    const after = await expectInStep([cherif, mayor, wall], "after the restart");
    const expected = before - (Date.now() - at) / 1000;
    expect(Math.abs(after - expected), `before ${before}, after ${after}, expected ${expected.toFixed(1)}`).toBeLessThanOrEqual(2);
  });

  await test.step("the third speaker, added time, the end of the speech", async () => {
    await giveFirst();
    await expect(faure.getByTestId("my-floor")).toBeVisible();
    const r0 = await expectInStep([faure, mayor, wall], "third speech");
    await mayor.getByRole("button", { name: "+1 min" }).click();
    await expect.poll(async () => Number(await timer(wall).getAttribute("data-remaining"))).toBeGreaterThan(r0 + 50);
    await expectInStep([faure, mayor, wall], "time added");
    await mayor.getByRole("button", { name: "Fin de l'intervention" }).click();
    await expect(wall.getByTestId("current-speaker")).toHaveCount(0);
    await expect(faure.getByTestId("my-floor")).toHaveCount(0);
  });

  await test.step("the minutes hold one block per speech with the name and Paris time; the PV lists time per group", async () => {
    const desk = await clerk.newPage();
    await desk.goto(`/minutes/${sittingId}`);
    const speeches = desk.locator(".ProseMirror [data-sitting-fact]", { hasText: "prend la parole" });
    await expect(speeches).toHaveCount(3);
    const texts = await speeches.allInnerTexts();
    const who = [
      "Mme Anne DUVAL, groupe Ville en commun, prend la parole pour un rappel au règlement à",
      "M. Karim CHERIF, groupe Ville en commun, prend la parole à",
      "M. Éric FAURE, groupe Agir ensemble, prend la parole à",
    ];
    texts.forEach((text, i) => {
      expect(text).toContain(who[i]);
      const hhmm = /à (\d{2}h\d{2})\.$/.exec(text.trim())?.[1];
      expect([parisClock(given[i]! - 60_000), parisClock(given[i]!), parisClock(given[i]! + 60_000)]).toContain(hhmm);
    });
    await expect(desk.getByTestId("desk-facts")).toContainText("M. Éric FAURE, groupe Agir ensemble");
    const pv = await clerk.request.get(`${server.url}/records/sittings/${sittingId}/minutes`);
    expect(pv.status()).toBe(200);
    const html = await pv.text();
    expect(html).toContain("<h2>Temps de parole</h2>");
    expect(html).toMatch(/<td>Ville en commun<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>Agir ensemble<\/td><td class="num">1<\/td>/);
    expect(html).toMatch(/<td>Rappels au règlement<\/td><td class="num">1<\/td>/);
  });
});

test("DEBATE-11 the secretaries' desk: toolbar and shortcuts, word count, the speakers and facts panel, each writer's caret", async ({ browser }) => {
  test.setTimeout(120_000);
  const { sittingId, clerk, leroy } = held!;
  // The sitting's secretary writes from a laptop paired like a councillor's device.
  const secretaryCtx = await newContext(browser, { width: 1366, height: 900 });
  const secretary = await secretaryCtx.newPage();
  await secretary.goto(`/pair?code=${leroy}`);
  await secretary.getByRole("button", { name: "Appairer" }).click();
  await secretary.waitForURL((u) => u.pathname !== "/signin");
  const desk = await clerk.newPage();
  for (const p of [secretary, desk]) {
    await p.goto(`/minutes/${sittingId}`);
    await expect(p.getByTestId("sync-status")).toHaveAttribute("data-synced", "yes", { timeout: 15_000 });
  }
  const editor = secretary.locator(".ProseMirror");
  const toolbar = secretary.getByRole("toolbar", { name: "Mise en forme" });
  await expect(secretary.getByTestId("desk-panel")).toContainText("Personne n'a la parole");
  await expect(secretary.getByTestId("desk-facts").locator("li")).toHaveCount(await desk.getByTestId("desk-facts").locator("li").count());
  const words = async () => Number(/\d+/.exec((await secretary.getByTestId("word-count").innerText()) || "0")?.[0] ?? "0");
  const before = await words();

  // At the end of the last paragraph, after a space: nine new words whatever it already holds.
  await editor.locator("p").last().click();
  await secretary.keyboard.press("End");
  await secretary.keyboard.type(" Réponse de la maire sur le calendrier des travaux");
  await expect.poll(words).toBe(before + 9);
  // Ctrl+B on the selection: bold, and the toolbar says so.
  await secretary.keyboard.press("Shift+Home");
  await secretary.keyboard.press("Control+b");
  await expect(editor.locator("strong", { hasText: "calendrier des travaux" })).toBeVisible();
  await expect(toolbar.getByRole("button", { name: "Gras" })).toHaveAttribute("aria-pressed", "true");
  // Ctrl+\ clears it; the toolbar turns it into a heading, then a list; undo and redo.
  await secretary.keyboard.press("Control+\\");
  await expect(editor.locator("strong", { hasText: "calendrier" })).toHaveCount(0);
  await toolbar.getByRole("button", { name: "Titre de section" }).click();
  await expect(editor.locator("h2", { hasText: "Réponse de la maire" })).toBeVisible();
  await toolbar.getByRole("button", { name: "Liste à puces" }).click();
  await expect(editor.locator("ul li", { hasText: "Réponse de la maire" })).toBeVisible();
  await secretary.keyboard.press("Control+z");
  await expect(editor.locator("ul li", { hasText: "Réponse de la maire" })).toHaveCount(0);
  await toolbar.getByRole("button", { name: "Rétablir" }).click();
  await expect(editor.locator("ul li", { hasText: "Réponse de la maire" })).toBeVisible();
  await secretary.keyboard.press("End");
  await toolbar.getByRole("button", { name: "Italique" }).click();
  await secretary.keyboard.type(" (à préciser)");
  await expect(editor.locator("em", { hasText: "(à préciser)" })).toBeVisible();

  // The clerk sees the text and the secretary's named caret; the secretary sees the clerk's.
  await expect(desk.locator(".ProseMirror")).toContainText("Réponse de la maire sur le calendrier des travaux (à préciser)");
  await expect(desk.locator(".collaboration-carets__label", { hasText: "LEROY" })).toBeVisible();
  await desk.locator(".ProseMirror p").last().click();
  await expect(secretary.locator(".collaboration-carets__label").first()).toBeVisible();
  // A fact of the panel brings its block into view.
  await secretary.getByTestId("desk-facts").getByRole("button").first().click();
  await expect(secretary.locator(".ProseMirror [data-sitting-fact]").first()).toBeInViewport();
  await expectAccessible(secretary, "secretaries' desk");
});
