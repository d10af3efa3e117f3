// First-load JavaScript of two screens, the browser way: the production server (server/index.ts,
// pages on) serves the page to Chromium, and every script response of the first load is gzipped
// and summed. This counts exactly what a phone downloads, whatever the build manifests look like.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../e2e/chromium";

export interface PageWeight {
  path: string;
  finalPath: string;
  scripts: number;
  rawKB: number;
  gzipKB: number;
  /** The heaviest scripts, to say where the weight is. */
  largest: { file: string; gzipKB: number }[];
}

export function ensureBuild(log: (m: string) => void): void {
  if (fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) return;
  log("no production build (.next/BUILD_ID): running next build…");
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}

async function weigh(browser: Browser, baseUrl: string, pagePath: string, cookie?: string): Promise<PageWeight> {
  // A fresh context: an empty cache, as a first visit.
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name, ...rest] = cookie.split("=");
      await context.addCookies([{ name: name ?? "", value: rest.join("="), url: baseUrl }]);
    }
    const page = await context.newPage();
    const bodies: Promise<{ file: string; body: Buffer } | null>[] = [];
    page.on("response", (res) => {
      const file = new URL(res.url()).pathname.split("/").pop() ?? "";
      if (res.request().resourceType() === "script" && res.ok())
        bodies.push(
          res.body().then(
            (body) => ({ file, body }),
            () => null,
          ),
        );
    });
    await page.goto(`${baseUrl}${pagePath}`, { waitUntil: "networkidle", timeout: 60_000 });
    const scripts = (await Promise.all(bodies)).filter((b): b is { file: string; body: Buffer } => b !== null);
    const got = scripts.map((s) => s.body);
    const largest = scripts
      .map((s) => ({ file: s.file, gzipKB: gzipSync(s.body).length / 1024 }))
      .sort((a, b) => b.gzipKB - a.gzipKB)
      .slice(0, 5);
    return {
      path: pagePath,
      finalPath: new URL(page.url()).pathname,
      scripts: got.length,
      rawKB: got.reduce((s, b) => s + b.length, 0) / 1024,
      gzipKB: got.reduce((s, b) => s + gzipSync(b).length, 0) / 1024,
      largest,
    };
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
