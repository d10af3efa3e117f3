// CROWD-5: the public wall is light enough for the whole town's phones. Served without Next.js's
// runtime (server/http/wall-page.ts), it downloads at most 120 kB of gzipped script on a first visit,
// carries no inline script (its policy is `script-src 'self'`), and still follows the sitting live,
// in both languages, without a console error (a message missing from the wall's catalogue is one).
import { expect, test, type Page } from "@playwright/test";
import { chairOf, closeSitting, councillorOf, openOnItem } from "./chair-socket";
import { freshSitting } from "./helpers";
import { firstLoadScripts } from "./page-weight";

/** What the page says on its console as errors or warnings, and its uncaught errors, as they come. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

test("CROWD-5 the public wall: at most 120 kB of script, no inline script, live and bilingual without a console error", async ({
  browser,
  baseURL,
  request,
}) => {
  const { sittingId: SID } = await freshSitting(request);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems = consoleProblems(page);

  const weight = await firstLoadScripts(page, `${baseURL}/public/${SID}`);
  expect(weight.gzipKB, `scripts: ${weight.largest.map((l) => `${l.file} ${l.gzipKB.toFixed(1)} kB`).join(", ")}`).toBeLessThanOrEqual(120);
  expect(weight.urls.filter((u) => u.startsWith("/_next/"))).toEqual([]);
  await expect(page.getByRole("heading", { name: "Ville de Poitiers" })).toBeVisible();

  // The page itself: a policy without 'unsafe-inline' scripts, and no script it would have to allow.
  const res = await page.request.get(`/public/${SID}`);
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
  const html = await res.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)].map((m) => m[0]);
  expect(inline).toEqual([]);

  // Live: the chair marks a councillor present; the wall counts them without a reload.
  const present = page.locator('[data-count="present"]');
  const before = Number(await present.textContent());
  const chair = await chairOf(baseURL ?? "", SID);
  try {
    const sitting = (await (await page.request.get(`/api/public/sittings/${SID}`)).json()) as { data: { roster: { id: string; attendance: string }[] } };
    const absent = sitting.data.roster.find((m) => m.attendance !== "present");
    expect(absent, "a member not yet present").toBeTruthy();
    await chair.send({ type: "rollcall:mark", memberId: absent?.id ?? "", status: "present" });
    await expect(present).toHaveText(String(before + 1));
  } finally {
    chair.close();
  }

  // English and back: every word on the wall comes from the catalogue it was served with.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("Current item")).toBeVisible();
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByText("Point en cours")).toBeVisible();
  expect(problems).toEqual([]);
  await context.close();
});

test("CROWD-6 the wall's first HTML shows the sitting before any script has run; the island takes it over without a console error, a running speech's clock included", async ({
  browser,
  baseURL,
  request,
}) => {
  const { sittingId: SID, itemIds } = await freshSitting(request);
  const chair = await chairOf(baseURL ?? "", SID);
  const PRESENT = 30;
  try {
    await openOnItem(chair, itemIds[0] ?? "", PRESENT);
    await chair.send({ type: "floor:give", memberId: "m02" });
  } finally {
    chair.close();
  }

  // A phone whose script has not run (slow network, or none at all): the sitting is on the page.
  const still = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const bare = await still.newPage();
  await bare.goto(`/public/${SID}`);
  await expect(bare.getByRole("heading", { name: "Ville de Poitiers" })).toBeVisible();
  await expect(bare.locator('[data-count="present"]')).toHaveText(String(PRESENT));
  await expect(bare.getByTestId("sitting-status")).toHaveText("Séance ouverte");
  await expect(bare.getByTestId("current-speaker")).toBeVisible();
  await expect(bare.getByText("Chargement…")).toHaveCount(0);
  // Not said to be offline while nothing has tried to connect.
  await expect(bare.getByRole("alert")).toHaveCount(0);
  await still.close();

  // With its script: the island takes that HTML over as it is (React says so on the console when it
  // cannot), then the speech's clock runs.
  const live = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await live.newPage();
  const problems = consoleProblems(page);
  await page.goto(`/public/${SID}`);
  await expect(page.getByTestId("speech-timer")).toBeVisible();
  const elapsed = async () => Number(await page.getByTestId("speech-timer").getAttribute("data-elapsed"));
  const first = await elapsed();
  await expect.poll(elapsed, { timeout: 10_000 }).toBeGreaterThan(first);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(problems).toEqual([]);
  await live.close();
  // Leave no sitting in progress behind (the roster cannot be imported while one is).
  await closeSitting(baseURL ?? "", SID, [{ type: "floor:end" }]);
});

test("SCREEN-7 WORDS-1 a proclaimed result on a 390 px phone: each tile's word fits its tile, and the tally is named in French", async ({
  browser,
  baseURL,
  request,
}) => {
  const { sittingId: SID, itemIds } = await freshSitting(request);
  const chair = await chairOf(baseURL ?? "", SID);
  try {
    await openOnItem(chair, itemIds[0] ?? "");
    const opened = await chair.send({ type: "vote:open", itemId: itemIds[0] ?? "", mode: "public", reveal: "live", allowChange: false });
    const councillor = await councillorOf(baseURL ?? "", SID, "u-m02");
    try {
      await councillor.send({ type: "ballot:cast", voteId: String(opened.voteId), choice: "abstention" });
    } finally {
      councillor.close();
    }
    await chair.send({ type: "vote:close", voteId: String(opened.voteId) });
    await chair.send({ type: "vote:proclaim", voteId: String(opened.voteId) });
  } finally {
    chair.close();
  }
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto(`/public/${SID}`);
  const tally = page.getByLabel("Décompte");
  await expect(tally).toBeVisible();
  await expect(tally.locator('[data-choice="abstention"]')).toHaveText("1");
  // No word wider than its tile (they ran into each other at four tiles a row).
  const overflowing = await tally
    .locator("dt")
    .evaluateAll((dts) =>
      dts
        .filter((dt) => dt.scrollWidth > dt.clientWidth + 1 || dt.getBoundingClientRect().right > (dt.parentElement?.getBoundingClientRect().right ?? 0) + 1)
        .map((dt) => dt.textContent),
    );
  expect(overflowing).toEqual([]);
  await phone.close();
  // Leave no sitting in progress behind (the roster cannot be imported while one is).
  await closeSitting(baseURL ?? "", SID);
});

test("SCREEN-8 before the opening the wall gives the published agenda its wide column: every title whole at 1080p", async ({ browser }) => {
  // The demo sitting: convened, its ordre du jour published, not yet opened (no spec before this one opens it).
  const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await wall.newPage();
  await page.goto("/public/s-2022-10-03");
  await expect(page.getByTestId("sitting-status")).toHaveText("Convoquée");
  await expect(page.getByText("La séance n'est pas encore ouverte")).toBeVisible();
  const titles = page.locator('section[aria-labelledby="agenda"] li span[title]');
  await expect(titles).toHaveCount(5);
  const cut = await titles.evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.getAttribute("title")));
  expect(cut).toEqual([]);
  await wall.close();
});
