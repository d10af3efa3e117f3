// Builds the public wall's browser side, without Next.js (`npm run build` runs it after `next build`;
// the development server runs it at start): the island's script (React, the screen, its socket) and
// the style sheet (Tailwind over app/globals.css, as Next.js builds it), each with a gzipped copy,
// and a manifest the server reads (server/http/wall-page.ts). Output in .next/wall/.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";
import type { WallAssets } from "../app/public/[sittingId]/wall-render";
import { WALL_DIR, WALL_MANIFEST, WALL_URL } from "../server/http/wall-page";

function writeWithGzip(dir: string, name: string, body: Buffer): void {
  fs.writeFileSync(path.join(dir, name), body);
  fs.writeFileSync(path.join(dir, `${name}.gz`), gzipSync(body, { level: 9 }));
}

/** The island's bundle: what the browser runs. Its inputs are also what CROWD-5 checks the wall's messages against. */
export function islandBuild(root: string, minify: boolean): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ["app/public/[sittingId]/wall-island.tsx"],
    bundle: true,
    minify,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    // The wall's components read their messages through next-intl's hooks, which are use-intl's:
    // in the browser they come from use-intl itself, without Next.js's router behind them.
    alias: { "next-intl": "use-intl" },
    define: { "process.env.NODE_ENV": minify ? '"production"' : '"development"' },
    legalComments: "linked",
    // "use client" means nothing here: the whole bundle is the client.
    logOverride: { "module-level-directive": "silent" },
  };
}

export async function buildWall(root: string = process.cwd(), opts: { minify?: boolean } = {}): Promise<WallAssets> {
  const minify = opts.minify ?? true;
  const out = path.join(root, WALL_DIR);
  const staticDir = path.join(out, "static");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(staticDir, { recursive: true });

  const js = await build({ ...islandBuild(root, minify), write: false, outdir: staticDir, entryNames: "island-[hash]" });
  let script = "";
  for (const file of js.outputFiles) {
    const name = path.basename(file.path);
    writeWithGzip(staticDir, name, Buffer.from(file.contents));
    if (name.endsWith(".js")) script = name;
  }

  const source = path.join(root, "app", "globals.css");
  const css = await postcss([tailwind({ base: root, optimize: minify })]).process(fs.readFileSync(source, "utf8"), { from: source });
  const cssBody = Buffer.from(css.css);
  const style = `wall-${createHash("sha256").update(cssBody).digest("hex").slice(0, 12)}.css`;
  writeWithGzip(staticDir, style, cssBody);

  const manifest: WallAssets = { script: `${WALL_URL}${script}`, style: `${WALL_URL}${style}` };
  fs.writeFileSync(path.join(out, WALL_MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  buildWall()
    .then((m) => {
      const kb = (url: string) => (fs.statSync(path.join(WALL_DIR, "static", `${path.basename(url)}.gz`)).size / 1024).toFixed(1);
      console.log(`build-wall: ${m.script} (${kb(m.script)} kB gzipped), ${m.style} (${kb(m.style)} kB gzipped)`);
    })
    .catch((err: unknown) => {
      console.error(`build-wall: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
