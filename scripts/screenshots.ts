// Takes a screenshot of each screen at its intended size into docs/screens/ (run against a server
// started with the demo: `SEANCE_DEMO=1 npm start`, then `npx tsx scripts/screenshots.ts`).
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const SID = process.env.SITTING_ID ?? "s-2022-10-03";

async function shoot(browser: Browser, user: string | null, path: string, file: string, viewport: { width: number; height: number }, mobile = false) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile });
  const page = await ctx.newPage();
  if (user) await page.goto(`${BASE}/demo/signin?as=${user}`);
  await page.goto(`${BASE}${path}`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `docs/screens/${file}`, fullPage: false });
  await ctx.close();
}

async function main() {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const only = process.argv[2];
  const shots: [string | null, string, string, { width: number; height: number }, boolean][] = [
    [null, `/public/${SID}`, "public-1080p.png", { width: 1920, height: 1080 }, false],
    [null, `/public/${SID}`, "public-phone.png", { width: 390, height: 844 }, true],
    ["u-president", `/president/${SID}`, "president-tablet.png", { width: 1194, height: 834 }, false],
    ["u-m04", `/councillor/${SID}`, "councillor-phone.png", { width: 390, height: 844 }, true],
    ["u-clerk", `/clerk`, "clerk-laptop.png", { width: 1366, height: 900 }, false],
    ["u-m28", `/minutes/${SID}`, "minutes-laptop.png", { width: 1366, height: 900 }, false],
    [null, `/demo`, "demo.png", { width: 1366, height: 900 }, false],
  ];
  for (const s of shots) if (!only || s[2].includes(only)) await shoot(browser, ...s);
  await browser.close();
}

void main();
