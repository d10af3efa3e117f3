// First-load JavaScript of two screens, the browser way: the production server (server/index.ts,
// pages on) serves the page to Chromium, and every script response of the first load is gzipped
// and summed (e2e/page-weight.ts). This counts exactly what a phone downloads, whatever the build
// manifests look like.
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium";
import { firstLoadScripts, type PageWeight } from "../e2e/page-weight";

async function weigh(browser: Browser, baseUrl: string, pagePath: string, cookie?: string): Promise<PageWeight> {
  // A fresh context: an empty cache, as a first visit.
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name, ...rest] = cookie.split("=");
      await context.addCookies([{ name: name ?? "", value: rest.join("="), url: baseUrl }]);
    }
    return await firstLoadScripts(await context.newPage(), `${baseUrl}${pagePath}`);
  } finally {
    await context.close();
  }
}

export async function weighScreens(
  baseUrl: string,
  sittingId: string,
  councillorCookie: string,
): Promise<{ publicScreen: PageWeight; councillor: PageWeight }> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const publicScreen = await weigh(browser, baseUrl, `/public/${sittingId}`);
    const councillor = await weigh(browser, baseUrl, `/councillor/${sittingId}`, councillorCookie);
    return { publicScreen, councillor };
  } finally {
    await browser.close();
  }
}
