// SEC-8..SEC-13: the basics. Passwords hashed with scrypt and no secret in the database file; the
// sign-in cookie's flags; forged tokens identify nobody; cross-site mutations refused; sign-in and
// pairing rate-limited; security headers on every reply; demo sign-in absent when demo mode is off.
// (No secret in the client bundle and the dependency audit run after the build: scripts/check-bundle.ts,
// scripts/check-audit.ts.)
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { openDatabase } from "../../server/db/client";
import { createSeanceServer } from "../../server/app";
import { AUTH_COOKIE } from "../../server/auth/sessions";
import { DEMO_PASSWORDS, seedDemo } from "../../server/seed/demo";
import { DEMO_SITTING_ID } from "../../server/seed/roster";
import { freshDatabaseFile, startTestServer, type TestServer } from "../helpers/test-server";
import {
  forgedTokens,
  OTHER_PASSWORDS,
  rawRequest,
  refusalProblem,
  roleCookies,
  seedOtherCouncil,
  stateDigest,
  type OtherCouncil,
  type RawReply,
} from "./security-fixtures";

let srv: TestServer;
let other: OtherCouncil;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
let port: string;

beforeAll(async () => {
  srv = await startTestServer();
  other = await seedOtherCouncil(srv);
  cookies = await roleCookies(srv);
  port = new URL(srv.url).port;
});
afterAll(async () => {
  await srv?.stop();
});

function post(path: string, body: unknown, headers: Record<string, string>): Promise<RawReply> {
  return rawRequest(srv.url, { method: "POST", path, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** The database as bytes on disk: the main file and its write-ahead log. */
function databaseBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

describe("passwords and codes at rest", () => {
  it("SEC-8 passwords are scrypt hashes with their own salts; no password or pairing code is in the database file", async () => {
    // Signed in and paired through the real API first, so the plaintexts have passed through the server.
    const issued = await post("/api/clerk/pairings", { memberId: "m07" }, { "x-seance-client": "1", cookie: cookies.clerk ?? "" });
    expect(issued.status).toBe(200);
    const code = (JSON.parse(issued.text) as { data: { code: string } }).data.code;
    const staff = await srv.db.user.findMany({ where: { passwordHash: { not: null } } });
    expect(staff.length).toBeGreaterThanOrEqual(4);
    const salts = new Set<string>();
    for (const u of staff) {
      const parts = (u.passwordHash ?? "").split("$");
      expect(parts.slice(0, 4), u.login).toEqual(["scrypt", "16384", "8", "1"]);
      expect(Buffer.from(parts[4] ?? "", "base64").length, `${u.login} salt bytes`).toBe(16);
      expect(Buffer.from(parts[5] ?? "", "base64").length, `${u.login} key bytes`).toBe(32);
      salts.add(parts[4] ?? "");
    }
    expect(salts.size, "one salt per password").toBe(staff.length);
    const councillors = await srv.db.user.findMany({ where: { role: "councillor" } });
    expect(
      councillors.every((u) => u.passwordHash === null),
      "councillors sign in by pairing only",
    ).toBe(true);
    const pairing = await srv.db.devicePairing.findFirstOrThrow({ where: { memberId: "m07" } });
    expect(pairing.codeHash).toMatch(/^[0-9a-f]{64}$/);
    await srv.db.$executeRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
    const bytes = databaseBytes(srv.dbFile);
    for (const secret of [DEMO_PASSWORDS.clerk, DEMO_PASSWORDS.president, OTHER_PASSWORDS.clerk, OTHER_PASSWORDS.president, code]) {
      expect(bytes.includes(Buffer.from(secret, "utf8")), `"${secret}" in the database file`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, "utf16le")), `"${secret}" (UTF-16) in the database file`).toBe(false);
    }
  });
});

describe("the sign-in cookie", () => {
  const flags = (r: RawReply) => {
    const set = [r.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith(`${AUTH_COOKIE}=`)) ?? "";
    return set.split(";").map((p) => p.trim().split("=")[0]?.toLowerCase() ?? "");
  };
  const signIn = (host: string) => post("/api/auth/signin", { login: "maire", password: DEMO_PASSWORDS.president }, { "x-seance-client": "1", host });

  it("SEC-9 is HttpOnly and SameSite=Lax on localhost, and Secure as well under any other host name", async () => {
    const local = await signIn(`127.0.0.1:${port}`);
    expect(local.status).toBe(200);
    expect(flags(local)).toEqual(expect.arrayContaining([AUTH_COOKIE, "path", "httponly", "samesite", "max-age"]));
    expect(String(local.headers["set-cookie"])).toMatch(/SameSite=Lax/);
    expect(flags(local)).not.toContain("secure");
    const remote = await signIn("seance.example.fr");
    expect(remote.status).toBe(200);
    expect(flags(remote)).toEqual(expect.arrayContaining(["httponly", "samesite", "secure"]));
    // The demo link, pairing and sign-out set or clear the same cookie with the same flags.
    const demo = await rawRequest(srv.url, { method: "GET", path: "/demo/signin?as=u-m10", headers: { host: "seance.example.fr" } });
    expect(demo.status).toBe(303);
    expect(flags(demo)).toEqual(expect.arrayContaining(["httponly", "samesite", "secure"]));
    const out = await post("/api/auth/signout", {}, { "x-seance-client": "1", host: "seance.example.fr" });
    expect(flags(out)).toEqual(expect.arrayContaining(["httponly", "samesite", "secure", "max-age"]));
    expect(String(out.headers["set-cookie"])).toMatch(/Max-Age=0/);
  });

  it("SEC-9 a token the server did not sign, or that expired, identifies nobody (HTTP and Socket.IO)", async () => {
    for (const token of await forgedTokens(srv)) {
      const me = await rawRequest(srv.url, { method: "GET", path: "/api/auth/me", headers: { cookie: `${AUTH_COOKIE}=${token}` } });
      expect(JSON.parse(me.text), token).toEqual({ ok: true, data: null });
      const overview = await rawRequest(srv.url, { method: "GET", path: "/api/clerk/overview", headers: { cookie: `${AUTH_COOKIE}=${token}` } });
      expect(overview.status, token).toBe(401);
      const socket = connect(srv.url, { transports: ["websocket"], extraHeaders: { cookie: `${AUTH_COOKIE}=${token}`, origin: srv.url }, reconnection: false });
      const hello = await new Promise<{ role: string }>((resolve) => socket.once("hello", resolve));
      socket.close();
      expect(hello.role, token).toBe("public");
    }
  });
});

describe("cross-site requests", () => {
  const MUTATIONS = (): { method: string; path: string; body: unknown }[] => [
    { method: "POST", path: "/api/clerk/pairings", body: { memberId: "m11" } },
    { method: "POST", path: "/api/clerk/sittings", body: { date: "2022-12-12", time: "18:00", place: "Salle", convocationDate: "2022-12-05" } },
    { method: "PATCH", path: "/api/clerk/council/settings", body: { revealMode: "at-close" } },
    { method: "POST", path: "/api/clerk/members/import", body: { csv: "x", dryRun: false } },
    { method: "PATCH", path: `/api/clerk/sittings/${DEMO_SITTING_ID}`, body: { place: "Ailleurs" } },
    { method: "POST", path: `/api/clerk/sittings/${DEMO_SITTING_ID}/items`, body: { identifier: "2022-0998", title: "Intrus" } },
    { method: "DELETE", path: "/api/clerk/items/i-2022-0243", body: {} },
    { method: "POST", path: `/api/clerk/sittings/${DEMO_SITTING_ID}/minutes/publish`, body: {} },
    { method: "POST", path: "/api/clerk/items/i-2022-0243/publication", body: { postedOn: "2022-10-10" } },
    { method: "POST", path: "/api/auth/signout", body: {} },
    { method: "POST", path: "/api/auth/signin", body: { login: "greffe", password: DEMO_PASSWORDS.clerk } },
  ];

  it("SEC-10 a cookie-carrying mutation from another origin, or with no origin at all, is refused (403) and changes nothing", async () => {
    const before = await stateDigest(srv.db);
    let refused = 0;
    for (const m of MUTATIONS()) {
      const foreigners: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: `http://127.0.0.1:${port}.evil.example` },
        {},
        { "sec-fetch-site": "cross-site" },
      ];
      for (const foreign of foreigners) {
        const r = await rawRequest(srv.url, {
          method: m.method,
          path: m.path,
          headers: { "content-type": "application/json", cookie: cookies.clerk ?? "", ...foreign },
          body: JSON.stringify(m.body),
        });
        const label = `${m.method} ${m.path} ${JSON.stringify(foreign)}`;
        expect(r.status, label).toBe(403);
        expect(refusalProblem(r.text), label).toBeNull();
        expect(r.headers["set-cookie"], label).toBeUndefined();
        refused += 1;
      }
    }
    expect(await stateDigest(srv.db)).toEqual(before);
    expect(refused).toBe(MUTATIONS().length * 5);
    // The same request from this origin goes through (the check is not refusing everything).
    const ok = await rawRequest(srv.url, {
      method: "PATCH",
      path: `/api/clerk/sittings/${DEMO_SITTING_ID}`,
      headers: { "content-type": "application/json", cookie: cookies.clerk ?? "", origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ place: "Hôtel de Ville de Poitiers — salle du Conseil municipal" }),
    });
    expect(ok.status).toBe(200);
  });
});

describe("rate limits", () => {
  let fresh: TestServer;
  beforeAll(async () => {
    // Its own server: the limits count per server, and this one must start at zero.
    fresh = await startTestServer();
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it("SEC-11 the 11th sign-in attempt in a minute is refused with 429, even with the right password", async () => {
    const attempt = (password: string) =>
      rawRequest(fresh.url, {
        method: "POST",
        path: "/api/auth/signin",
        headers: { "content-type": "application/json", "x-seance-client": "1" },
        body: JSON.stringify({ login: "greffe", password }),
      });
    for (let i = 1; i <= 10; i++) expect((await attempt(`wrong-${i}`)).status, `attempt ${i}`).toBe(401);
    const eleventh = await attempt(DEMO_PASSWORDS.clerk);
    expect(eleventh.status).toBe(429);
    expect(JSON.parse(eleventh.text)).toMatchObject({ ok: false, error: { code: "rate-limited" } });
    expect(eleventh.headers["set-cookie"]).toBeUndefined();
  });

  it("SEC-11 the 11th pairing attempt in a minute is refused with 429", async () => {
    const attempt = (code: string) =>
      rawRequest(fresh.url, {
        method: "POST",
        path: "/api/auth/pair",
        headers: { "content-type": "application/json", "x-seance-client": "1" },
        body: JSON.stringify({ code }),
      });
    for (let i = 1; i <= 10; i++) expect((await attempt(`WRONG${String(i).padStart(3, "2")}`)).status, `attempt ${i}`).toBe(401);
    const eleventh = await attempt("WRONG999");
    expect(eleventh.status).toBe(429);
    expect(refusalProblem(eleventh.text)).toBeNull();
  });
});

describe("security headers", () => {
  it("SEC-12 every kind of reply carries the CSP (frame-ancestors 'none'), nosniff, a referrer policy and X-Frame-Options", async () => {
    const replies: [string, RawReply][] = [
      ["JSON", await rawRequest(srv.url, { method: "GET", path: "/api/health" })],
      ["JSON refusal", await rawRequest(srv.url, { method: "GET", path: "/api/clerk/overview" })],
      ["unknown API path", await rawRequest(srv.url, { method: "GET", path: "/api/nothing-here" })],
      ["bad request target", await rawRequest(srv.url, { method: "GET", path: "//" })],
      ["cross-site refusal", await rawRequest(srv.url, { method: "POST", path: "/api/auth/signout", headers: { origin: "https://evil.example" } })],
      ["HTML record", await rawRequest(srv.url, { method: "GET", path: `/records/sittings/${DEMO_SITTING_ID}/deliberations` })],
      ["CSV", await rawRequest(srv.url, { method: "GET", path: "/records/councils/poitiers/scdl.csv" })],
      ["redirect", await rawRequest(srv.url, { method: "GET", path: "/demo/signin?as=u-m10" })],
      ["other council's record", await rawRequest(srv.url, { method: "GET", path: `/records/sittings/${other.sittingId}/minutes` })],
    ];
    for (const [what, r] of replies) {
      const csp = String(r.headers["content-security-policy"] ?? "");
      expect(csp, what).toContain("frame-ancestors 'none'");
      expect(csp, what).toContain("default-src 'self'");
      expect(csp, what).toContain("object-src 'none'");
      expect(r.headers["x-content-type-options"], what).toBe("nosniff");
      expect(r.headers["referrer-policy"], what).toBeTruthy();
      expect(r.headers["x-frame-options"], what).toBe("DENY");
      expect(r.headers["x-powered-by"], what).toBeUndefined();
    }
  });
});

describe("demo mode off", () => {
  it("SEC-13 without SEANCE_DEMO there is no one-click sign-in and no list of accounts", async () => {
    const file = freshDatabaseFile();
    const db = await openDatabase(`file:${file}`);
    await seedDemo(db);
    const quiet = { info: () => undefined, error: () => undefined };
    const server = await createSeanceServer({
      db,
      databaseUrl: `file:${file}`,
      dev: false,
      demo: false,
      dir: process.cwd(),
      withoutPages: true,
      logger: quiet,
    });
    const base = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
    try {
      for (const path of ["/demo/signin?as=u-clerk", "/demo/signin?as=u-president&to=/president/x", "/api/demo/links"]) {
        const r = await rawRequest(base, { method: "GET", path });
        expect(r.status, path).toBe(404);
        expect(r.headers["set-cookie"], path).toBeUndefined();
        expect(r.text, path).not.toContain("u-clerk");
      }
    } finally {
      await server.close();
      await db.$disconnect();
    }
  });
});
