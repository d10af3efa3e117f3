// MIN-e2e: two secretaries write the same minutes at once in Chromium; carets and text cross;
// the server restarts and nothing typed is lost; an editor offline merges on return.
import { expect, test, type Page } from "@playwright/test";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { freePort, startChildServer, type ChildServer } from "../tests/helpers/child-server";

let server: ChildServer;
let port: number;
const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seance-e2e-min-")), "seance.db");
const SID = "s-2022-10-03";

test.beforeAll(async () => {
  port = await freePort();
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: "pipe",
  });
  server = await startChildServer({ dbFile, port, env: { SEANCE_PAGES: "1" } });
});
test.afterAll(async () => {
  await server?.kill("SIGTERM");
});

async function editorAs(browser: import("@playwright/test").Browser, user: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/demo/signin?as=${user}&to=/minutes/${SID}`);
  await expect(page.getByTestId("sync-status")).toHaveAttribute("data-synced", "yes", { timeout: 15_000 });
  return page;
}

/** The document's text without the collaborators' caret labels. */
async function docText(page: Page): Promise<string> {
  return page.locator(".ProseMirror").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.innerText;
  });
}

async function typeAtEnd(page: Page, text: string) {
  const editor = page.locator(".ProseMirror");
  await editor.click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text, { delay: 5 });
}

test("MIN-e2e-1 two editors type at once, see each other's text and caret, and survive a server restart", async ({ browser }) => {
  const a = await editorAs(browser, "u-m28");
  const b = await editorAs(browser, "u-clerk");
  // Both type at the same time, each in a paragraph of their own.
  await typeAtEnd(a, "Intervention de M. ARNAUD : ");
  await typeAtEnd(b, "Le greffe note : ");
  await Promise.all([a.keyboard.type("sur le budget.", { delay: 15 }), b.keyboard.type("la question de Mme HAMON.", { delay: 15 })]);
  for (const p of [a, b]) {
    await expect.poll(() => docText(p)).toContain("Intervention de M. ARNAUD : sur le budget.");
    await expect.poll(() => docText(p)).toContain("Le greffe note : la question de Mme HAMON.");
  }
  // Each sees the other's named caret.
  await expect(a.locator(".collaboration-carets__label", { hasText: "Service des assemblées" })).toBeVisible();
  await expect(b.locator(".collaboration-carets__label", { hasText: "Camille CHARRON" })).toBeVisible();
  await expect(a.getByTestId("peers")).toContainText("Service des assemblées");

  await server.kill("SIGKILL");
  await expect(a.getByTestId("sync-status")).toHaveAttribute("data-synced", "no");
  server = await startChildServer({ dbFile, port, env: { SEANCE_PAGES: "1" } });
  for (const p of [a, b]) await expect(p.getByTestId("sync-status")).toHaveAttribute("data-synced", "yes", { timeout: 20_000 });
  // A fresh reader after the restart gets everything.
  const c = await editorAs(browser, "u-president");
  await expect.poll(() => docText(c)).toContain("Intervention de M. ARNAUD : sur le budget.");
  await expect.poll(() => docText(c)).toContain("Le greffe note : la question de Mme HAMON.");
  for (const p of [a, b, c]) await p.context().close();
});

test("MIN-e2e-2 an editor offline keeps typing and merges on return without losing either side", async ({ browser }) => {
  const a = await editorAs(browser, "u-m28");
  const b = await editorAs(browser, "u-clerk");
  await a.context().setOffline(true);
  await expect(a.getByTestId("sync-status")).toHaveAttribute("data-synced", "no");
  await typeAtEnd(a, "Texte écrit hors ligne par la secrétaire.");
  await typeAtEnd(b, "Texte écrit en ligne par le greffe.");
  await expect(b.locator(".ProseMirror")).not.toContainText("Texte écrit hors ligne");
  await a.context().setOffline(false);
  await expect(a.getByTestId("sync-status")).toHaveAttribute("data-synced", "yes", { timeout: 15_000 });
  for (const p of [a, b]) {
    await expect.poll(() => docText(p)).toContain("Texte écrit hors ligne par la secrétaire.");
    await expect.poll(() => docText(p)).toContain("Texte écrit en ligne par le greffe.");
  }
  for (const p of [a, b]) await p.context().close();
});

test("MIN-e2e-3 a councillor reads the minutes but cannot type", async ({ browser }) => {
  const r = await editorAs(browser, "u-m02");
  await expect(r.getByText("Lecture seule")).toBeVisible();
  await expect(r.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  await r.context().close();
});
