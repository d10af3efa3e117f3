// What a first visit to a page downloads in scripts, the browser way: every script response of the
// load, gzipped and summed, whatever the build manifests say. Used by the bench (`npm run bench`,
// bench/bundles.ts) and by the public wall's end-to-end test (CROWD-5).
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

export interface PageWeight {
  path: string;
  finalPath: string;
  scripts: number;
  rawKB: number;
  gzipKB: number;
  /** The heaviest scripts, to say where the weight is. */
  largest: { file: string; gzipKB: number }[];
  /** Every script's path on the server. */
  urls: string[];
}

/** Loads `url` in `page` (give it a fresh context: an empty cache, as a first visit) and weighs its scripts. */
export async function firstLoadScripts(page: Page, url: string): Promise<PageWeight> {
  const bodies: Promise<{ path: string; body: Buffer } | null>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script" && res.ok())
      bodies.push(
        res.body().then(
          (body) => ({ path: new URL(res.url()).pathname, body }),
          () => null,
        ),
      );
  });
  await page.goto(url, { waitUntil: "networkidle", timeout: 60_000 });
  const scripts = (await Promise.all(bodies)).filter((b): b is { path: string; body: Buffer } => b !== null);
  const gz = scripts.map((s) => ({ file: s.path.split("/").pop() ?? "", gzipKB: gzipSync(s.body).length / 1024 }));
  return {
    path: new URL(url).pathname,
    finalPath: new URL(page.url()).pathname,
    scripts: scripts.length,
    rawKB: scripts.reduce((s, b) => s + b.body.length, 0) / 1024,
    gzipKB: gz.reduce((s, g) => s + g.gzipKB, 0),
    largest: [...gz].sort((a, b) => b.gzipKB - a.gzipKB).slice(0, 5),
    urls: scripts.map((s) => s.path),
  };
}
