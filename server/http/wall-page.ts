// The public wall, served without Next.js so that a phone in the public gallery downloads about
// 100 kB of script rather than 170: GET /public/:sittingId is the page rendered here with the sitting
// as it is (app/public/[sittingId]/wall-render.tsx), GET /_wall/<file> its script and style sheet, built by
// scripts/build-wall.ts into .next/wall/ (read once, at start; served gzipped and immutable).
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { PublicView } from "../../core/sitting/projection";
import { IdSchema } from "../../core/vocabulary";
import type { Locale } from "../../i18n/request";
import type { WallAssets } from "../../app/public/[sittingId]/wall-render";
import { contentSecurityPolicy } from "./security-headers";

/** Where `npm run build` puts the wall (scripts/build-wall.ts), relative to the project: the manifest, and the files in static/. */
export const WALL_DIR = path.join(".next", "wall");
export const WALL_MANIFEST = "manifest.json";
/** Where the browser fetches the wall's files. */
export const WALL_URL = "/_wall/";

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer | null;
}

export interface WallPages {
  /** Answers the wall's page and files; false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

/** A sitting's public view as the public's screens hold it now; null when this server does not know the sitting. */
export type PublicViewOf = (sittingId: string) => Promise<PublicView | null>;

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};
const PAGE = /^\/public\/([^/]+)\/?$/;
const ASSET = new RegExp(`^${WALL_URL}([A-Za-z0-9._-]+)$`);

function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const gz = path.join(dir, `${name}.gz`);
    assets.set(name, { type, body: fs.readFileSync(path.join(dir, name)), gzip: fs.existsSync(gz) ? fs.readFileSync(gz) : null });
  }
  return assets;
}

// The language the reader chose, as i18n/request.ts reads it for the Next.js pages.
const localeOf = (req: IncomingMessage): Locale => (/(?:^|;\s*)NEXT_LOCALE=en(?:;|$)/.test(req.headers.cookie ?? "") ? "en" : "fr");

/** The wall as built by `npm run build` (or just now, by the development server). */
export async function createWallPages(root: string, dev: boolean, viewOf: PublicViewOf): Promise<WallPages> {
  const manifestFile = path.join(root, WALL_DIR, WALL_MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`the public wall is not built (${manifestFile} is missing): run \`npm run build\``);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as WallAssets;
  const assets = readAssets(path.join(root, WALL_DIR, "static"));
  const { renderWallPage } = await import("../../app/public/[sittingId]/wall-render");

  return {
    async handle(req, res, url) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const asset = ASSET.exec(url.pathname);
      if (asset) {
        const a = assets.get(asset[1] ?? "");
        if (!a) return false;
        const gzip = !!a.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
        const body = gzip && a.gzip ? a.gzip : a.body;
        res.writeHead(200, {
          "Content-Type": a.type,
          "Content-Length": body.length,
          "Cache-Control": "public, max-age=31536000, immutable",
          Vary: "Accept-Encoding",
          ...(gzip ? { "Content-Encoding": "gzip" } : {}),
        });
        res.end(req.method === "HEAD" ? undefined : body);
        return true;
      }
      const page = PAGE.exec(url.pathname);
      const sittingId = IdSchema.safeParse(page?.[1] ?? "");
      // Not a sitting's identifier: Next.js answers with its "not found" page.
      if (!page || !sittingId.success) return false;
      // The sitting as the public's screens hold it: the page shows it before its script has run, and
      // the screen then asks only for what changed since (the view's seq).
      const html = Buffer.from(renderWallPage(sittingId.data, localeOf(req), manifest, await viewOf(sittingId.data)));
      res.setHeader("Content-Security-Policy", contentSecurityPolicy(dev, { inlineScripts: false }));
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": html.length, "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : html);
      return true;
    },
  };
}
