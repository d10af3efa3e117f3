// CROWD-5 at the server's edge: the public wall's page and files (server/http/wall-page.ts), served
// from a build folder this test writes itself (the real build is the end-to-end test's).
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderWallPage, WALL_NAMESPACES } from "../../app/public/[sittingId]/wall-render";
import type { WallData } from "../../app/public/[sittingId]/wall-root";
import { createWallPages } from "../../server/http/wall-page";
import { projectPublic, type PublicView } from "../../core/sitting/projection";
import { IDS, newSitting, play, president } from "../unit/sitting/fixture";
import { securityHeaders } from "../../server/http/security-headers";

const SCRIPT = 'console.log("wall island");'.repeat(50);
const STYLE = ".bg-ink{background:#0b1b2b}";
let root: string;
let server: Server;
let base: string;

// A sitting with three members present, as the public's screens hold it.
const HEADER = {
  councilName: "Conseil municipal de Ville-Test",
  commune: "Ville-Test",
  date: "2022-10-03",
  time: "18:00",
  place: "Salle",
  rapporteursByItem: {},
};
const LIVE: PublicView = projectPublic(
  IDS.slice(0, 3).reduce((s, id) => play(s, president, { type: "rollcall:mark", memberId: id, status: "present" }), newSitting()),
  HEADER,
);
const viewOf = (sittingId: string) => Promise.resolve(sittingId === "s-live" ? LIVE : null);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "seance-wall-"));
  const dir = path.join(root, ".next", "wall", "static");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "island-ABC.js"), SCRIPT);
  fs.writeFileSync(path.join(dir, "island-ABC.js.gz"), gzipSync(SCRIPT));
  fs.writeFileSync(path.join(dir, "wall-123.css"), STYLE);
  fs.writeFileSync(path.join(root, ".next", "wall", "manifest.json"), JSON.stringify({ script: "/_wall/island-ABC.js", style: "/_wall/wall-123.css" }));
  const wall = await createWallPages(root, false, viewOf);
  server = createServer((req, res) => {
    securityHeaders(res, false);
    void wall.handle(req, res, new URL(req.url ?? "/", "http://localhost")).then((answered) => {
      if (!answered) res.writeHead(404).end("not the wall's");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(root, { recursive: true, force: true });
});

describe("CROWD-5 the public wall's page", () => {
  it("is the screen's first state with its data, its own script and style, and no inline script", () => {
    const html = renderWallPage("s-1", "fr", { script: "/_wall/island-ABC.js", style: "/_wall/wall-123.css" });
    expect(html.startsWith('<!DOCTYPE html><html lang="fr">')).toBe(true);
    expect(html).toContain('<script type="module" src="/_wall/island-ABC.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/_wall/wall-123.css">');
    expect(html).toContain("Chargement…");
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.every((attrs) => /\bsrc=/.test(attrs) || attrs.includes('type="application/json"'))).toBe(true);
    const json = /<script type="application\/json" id="wall-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    // Nothing in the data can end its element early.
    expect(json).not.toContain("<");
    const data = JSON.parse(json) as WallData;
    expect(data).toMatchObject({ sittingId: "s-1", locale: "fr", timeZone: "Europe/Paris" });
    expect(Object.keys(data.messages).sort()).toEqual([...WALL_NAMESPACES].sort());
    expect(Object.values(data.messages).every((ns) => ns && typeof ns === "object")).toBe(true);
  });

  it("CROWD-6 shows the sitting as the public's screens hold it, before any script has run, and gives the island that view to start from", async () => {
    const html = await (await fetch(`${base}/public/s-live`)).text();
    const screen = /<div id="wall">(.*?)<\/div><script type="application\/json"/s.exec(html)?.[1] ?? "";
    expect(screen).not.toContain("Chargement…");
    expect(screen).toContain('data-testid="public-screen"');
    expect(screen).toContain("Conseil municipal de Ville-Test");
    // The attendance counts, rendered: three present.
    expect(screen).toMatch(/data-count="present"[^>]*>3</);
    const json = /<script type="application\/json" id="wall-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    const data = JSON.parse(json) as WallData;
    expect(data.view).toEqual(LIVE);
    // A sitting this server does not know: the screen's "loading" state, its socket says the rest.
    const unknown = await (await fetch(`${base}/public/s-unknown`)).text();
    expect(/<div id="wall">(.*?)<\/div><script/s.exec(unknown)?.[1]).toContain("Chargement…");
    expect((JSON.parse(/id="wall-data">(.*?)<\/script>/s.exec(unknown)?.[1] ?? "") as WallData).view).toBeNull();
  });

  it("is in English for a reader who chose it, with its policy allowing this origin's scripts only", async () => {
    const res = await fetch(`${base}/public/s-1`, { headers: { cookie: "other=1; NEXT_LOCALE=en" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self';/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Loading");
  });

  it("leaves what is not a sitting's wall to the rest of the server", async () => {
    for (const p of [
      "/public/",
      "/public/a%3Cb",
      "/public/constructor",
      "/public/s-1/extra",
      "/_wall/missing.js",
      "/_wall/..%2Fmanifest.json",
      "/_wall/manifest.json",
    ])
      expect((await fetch(`${base}${p}`)).status, p).toBe(404);
    expect((await fetch(`${base}/public/s-1`, { method: "POST" })).status).toBe(404);
  });
});

describe("CROWD-5 the public wall's files", () => {
  it("are sent gzipped to a browser that accepts it, whole otherwise, and kept a year", async () => {
    const gz = await fetch(`${base}/_wall/island-ABC.js`, { headers: { "accept-encoding": "gzip" }, decompress: false } as RequestInit);
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(gz.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const body = Buffer.from(await gz.arrayBuffer());
    // fetch may already have inflated it; either way the script is what was built.
    expect((body[0] === 0x1f ? gunzipSync(body) : body).toString()).toBe(SCRIPT);
    const css = await fetch(`${base}/_wall/wall-123.css`, { headers: { "accept-encoding": "identity" } });
    expect(css.headers.get("content-encoding")).toBeNull();
    expect(await css.text()).toBe(STYLE);
    const head = await fetch(`${base}/_wall/wall-123.css`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("must have been built: the server says how when they are missing", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "seance-wall-none-"));
    try {
      await expect(createWallPages(empty, false, viewOf)).rejects.toThrow(/npm run build/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
