// SEC-17 a real install starts empty and is set up by `npm run setup`; the demo passwords never
// work outside demo mode. SEC-18 accounts: strength-checked passwords, changed by their owners,
// created, disabled and reset by the clerk. SEC-22 server-side sessions: sign-out, device revocation
// and expiry end access at once. SEC-23 a copy of the database signs nobody in. SEC-26 (pairing)
// limits count failures, so a chamber pairing from one address is never locked out.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { SignJWT } from "jose";
import { io as connect } from "socket.io-client";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";
import { DEMO_PASSWORDS, seedDemo } from "../../server/seed/demo";
import { freePort, startChildServer } from "../helpers/child-server";
import {
  Client,
  cookieOf,
  createSittingAs,
  demoSignIn,
  freshDatabaseFile,
  pairDevice,
  signInWithPassword,
  startTestServer,
  type TestServer,
} from "../helpers/test-server";

const run = promisify(execFile);
const GOOD = "ardoise-violon-marée-lanterne";
const GOOD_2 = "boussole-paprika-hangar-glycine";

function json(url: string, method: string, p: string, cookie?: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${p}`, {
    method,
    headers: { "x-seance-client": "1", ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function me(url: string, cookie: string): Promise<{ userId: string } | null> {
  return ((await (await json(url, "GET", "/api/auth/me", cookie)).json()) as { data: { userId: string } | null }).data;
}

function signIn(url: string, login: string, password: string): Promise<Response> {
  return json(url, "POST", "/api/auth/signin", undefined, { login, password });
}

const SETUP_FLAGS = [
  "--council-name",
  "Ville de Poitiers",
  "--commune",
  "Poitiers",
  "--siren",
  "218601946",
  "--siret",
  "21860194600013",
  "--population",
  "88291",
  "--departement",
  "86",
  "--clerk-login",
  "greffe",
  "--mayor-civility",
  "Mme",
  "--mayor-first-name",
  "Léonore",
  "--mayor-last-name",
  "Moncond'huy",
  "--mayor-login",
  "maire",
];

function setup(dbFile: string, env: Record<string, string>, args: string[] = SETUP_FLAGS) {
  return run(process.execPath, ["--import", "tsx", "scripts/setup.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? 1, out: `${err.stdout ?? ""}${err.stderr ?? ""}` }),
  );
}

describe("SEC-17 a real council's server", () => {
  it("SEC-17 starts empty without demo mode: no account exists, the demo passwords sign nobody in", async () => {
    const dbFile = freshDatabaseFile();
    const server = await startChildServer({ dbFile, port: await freePort(), env: { SEANCE_DEMO: "0" } });
    try {
      expect(server.output()).toContain('No council yet: set one up with "npm run setup"');
      for (const [login, password] of [
        ["greffe", DEMO_PASSWORDS.clerk],
        ["maire", DEMO_PASSWORDS.president],
      ] as const)
        expect((await signIn(server.url, login, password)).status, login).toBe(401);
      const db = await openDatabase(`file:${dbFile}`);
      expect(await db.user.count()).toBe(0);
      expect(await db.council.count()).toBe(0);
      await db.$disconnect();
      expect((await fetch(`${server.url}/demo/signin?as=u-clerk`, { redirect: "manual" })).status).toBe(404);
    } finally {
      await server.kill("SIGTERM");
    }
  });

  it("SEC-17 `npm run setup` refuses weak passwords and bad identifiers, then sets up the council and its two accounts", async () => {
    const dbFile = freshDatabaseFile();
    const weak = await setup(dbFile, { SEANCE_CLERK_PASSWORD: "poitiers2022", SEANCE_MAYOR_PASSWORD: GOOD });
    expect(weak.code).toBe(1);
    expect(weak.out).toMatch(/clerk: .*(too easy|at least 12)/);
    const badSiret = await setup(dbFile, { SEANCE_CLERK_PASSWORD: GOOD, SEANCE_MAYOR_PASSWORD: GOOD_2 }, [
      ...SETUP_FLAGS.slice(0, 7),
      "21860194600014",
      ...SETUP_FLAGS.slice(8),
    ]);
    expect(badSiret.code).toBe(1);
    expect(badSiret.out).toContain("siret");
    const ok = await setup(dbFile, { SEANCE_CLERK_PASSWORD: GOOD, SEANCE_MAYOR_PASSWORD: GOOD_2 });
    expect(ok.out).toContain('Council "poitiers" set up');
    expect(ok.code).toBe(0);
    const again = await setup(dbFile, { SEANCE_CLERK_PASSWORD: GOOD, SEANCE_MAYOR_PASSWORD: GOOD_2 });
    expect(again.code).toBe(1);
    expect(again.out).toContain("already holds a council");

    const server = await startChildServer({ dbFile, port: await freePort(), env: { SEANCE_DEMO: "0" } });
    try {
      expect((await signIn(server.url, "greffe", DEMO_PASSWORDS.clerk)).status).toBe(401);
      const clerk = cookieOf(await signIn(server.url, "greffe", GOOD));
      const council = (await (await json(server.url, "GET", "/api/clerk/council", clerk)).json()) as {
        data: { council: { siren: string; population: number } };
      };
      expect(council.data.council).toMatchObject({ siren: "218601946", population: 88291 });
      const mayor = cookieOf(await signIn(server.url, "maire", GOOD_2));
      expect(await me(server.url, mayor)).toMatchObject({ role: "president", displayName: "Mme Léonore MONCOND'HUY" });
    } finally {
      await server.kill("SIGTERM");
    }
  });

  it("SEC-17 outside demo mode the server refuses to start while an account holds a demo password, and says what to run", async () => {
    const dbFile = freshDatabaseFile();
    const db = await openDatabase(`file:${dbFile}`);
    await seedDemo(db);
    await db.$disconnect();
    const attempt = await startChildServer({ dbFile, port: await freePort(), env: { SEANCE_DEMO: "0" } }).then(
      () => "started",
      (err: Error) => err.message,
    );
    expect(attempt).toContain('still have the published demo password — set a new one with "npm run setup -- password greffe"');
    const fixed = await setup(dbFile, { SEANCE_NEW_PASSWORD: GOOD }, ["password", "greffe"]);
    expect(fixed.code).toBe(0);
    const stillMayor = await startChildServer({ dbFile, port: await freePort(), env: { SEANCE_DEMO: "0" } }).then(
      () => "started",
      (err: Error) => err.message,
    );
    expect(stillMayor).toContain('"maire"');
  });
});

describe("with the demo council", () => {
  let srv: TestServer;
  let clerk: string;
  beforeAll(async () => {
    srv = await startTestServer();
    clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it("SEC-22 signing out ends the session on the server: the old cookie identifies nobody", async () => {
    const mayor = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
    expect(await me(srv.url, mayor)).not.toBeNull();
    expect((await json(srv.url, "POST", "/api/auth/signout", mayor)).status).toBe(200);
    expect(await me(srv.url, mayor)).toBeNull();
    expect((await json(srv.url, "GET", "/api/clerk/council", mayor)).status).toBe(401);
  });

  it("SEC-22 the clerk sees each paired device and revokes it: its open socket drops at once", async () => {
    const device = await pairDevice(srv.url, clerk, "m12");
    const socket = connect(srv.url, { transports: ["websocket"], extraHeaders: { cookie: device, origin: srv.url }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const list = (await (await json(srv.url, "GET", "/api/clerk/devices", clerk)).json()) as { data: { sessionId: string; memberId: string }[] };
    const mine = list.data.find((d) => d.memberId === "m12");
    expect(mine).toBeDefined();
    const dropped = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
    expect((await json(srv.url, "POST", `/api/clerk/devices/${mine!.sessionId}/revoke`, clerk)).status).toBe(200);
    expect(await dropped).toBe("io server disconnect");
    expect(await me(srv.url, device)).toBeNull();
    const after = (await (await json(srv.url, "GET", "/api/clerk/devices", clerk)).json()) as { data: { memberId: string }[] };
    expect(after.data.some((d) => d.memberId === "m12")).toBe(false);
  });

  it("SEC-22 a new pairing code cancels the member's older unused codes", async () => {
    const issue = async () =>
      ((await (await json(srv.url, "POST", "/api/clerk/pairings", clerk, { memberId: "m13" })).json()) as { data: { code: string } }).data.code;
    const first = await issue();
    const second = await issue();
    expect((await json(srv.url, "POST", "/api/auth/pair", undefined, { code: first })).status).toBe(401);
    expect((await json(srv.url, "POST", "/api/auth/pair", undefined, { code: second })).status).toBe(200);
  });

  it("SEC-22 an open socket and an open minutes connection end when their session ends", async () => {
    const { sittingId } = await createSittingAs(srv.url, clerk);
    const device = await pairDevice(srv.url, clerk, "m14");
    const who = await me(srv.url, device);
    await srv.db.session.updateMany({ where: { userId: who!.userId, revokedAt: null }, data: { expiresAt: new Date(Date.now() + 1500) } });
    const socket = connect(srv.url, { transports: ["websocket"], extraHeaders: { cookie: device, origin: srv.url }, reconnection: false });
    const minutes = new WebSocket(`${srv.url.replace(/^http/, "ws")}/yjs/minutes-${sittingId}`, { headers: { cookie: device, origin: srv.url } });
    const [ended, closed] = await Promise.all([
      new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason))),
      new Promise<number>((resolve) => minutes.once("close", (code) => resolve(code))),
    ]);
    expect(ended).toBe("io server disconnect");
    expect(closed).toBe(4403);
  });

  it("SEC-18 owners change their password (strength checked); other sessions of theirs end", async () => {
    const a = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
    const b = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
    const weak = await json(srv.url, "POST", "/api/auth/password", a, { current: DEMO_PASSWORDS.president, next: "maire-2022!" });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { code: string } }).error.code).toBe("weak-password");
    expect((await json(srv.url, "POST", "/api/auth/password", a, { current: "pas-le-bon", next: GOOD })).status).toBe(401);
    expect((await json(srv.url, "POST", "/api/auth/password", a, { current: DEMO_PASSWORDS.president, next: GOOD })).status).toBe(200);
    expect(await me(srv.url, a)).not.toBeNull();
    expect(await me(srv.url, b)).toBeNull();
    expect((await signIn(srv.url, "maire", GOOD)).status).toBe(200);
  });

  it("SEC-18 the clerk creates an account (its owner must choose a password first), disables it (its sessions end) and resets it", async () => {
    const weak = await json(srv.url, "POST", "/api/clerk/accounts", clerk, {
      login: "secretariat",
      displayName: "Secrétariat",
      role: "secretary",
      password: "secretariat",
    });
    expect(weak.status).toBe(400);
    const created = await json(srv.url, "POST", "/api/clerk/accounts", clerk, {
      login: "secretariat",
      displayName: "Secrétariat",
      role: "secretary",
      password: GOOD,
    });
    expect(created.status).toBe(201);
    const account = ((await created.json()) as { data: { id: string; mustChangePassword: boolean } }).data;
    expect(account.mustChangePassword).toBe(true);
    const s = await signInWithPassword(srv.url, "secretariat", GOOD);
    // Until a new password is chosen, nothing else opens.
    expect((await json(srv.url, "GET", "/api/clerk/council", s)).status).toBe(403);
    expect((await json(srv.url, "POST", "/api/auth/password", s, { current: GOOD, next: GOOD_2 })).status).toBe(200);
    expect(((await (await json(srv.url, "GET", "/api/auth/me", s)).json()) as { data: { mustChangePassword: boolean } }).data.mustChangePassword).toBe(false);

    expect((await json(srv.url, "POST", `/api/clerk/accounts/${account.id}/disable`, clerk)).status).toBe(200);
    expect(await me(srv.url, s)).toBeNull();
    expect((await signIn(srv.url, "secretariat", GOOD_2)).status).toBe(401);
    expect((await json(srv.url, "POST", `/api/clerk/accounts/${account.id}/enable`, clerk)).status).toBe(200);
    const s2 = await signInWithPassword(srv.url, "secretariat", GOOD_2);
    expect((await json(srv.url, "POST", `/api/clerk/accounts/${account.id}/reset-password`, clerk, { password: "cactus-horizon-lampadaire-sel" })).status).toBe(
      200,
    );
    expect(await me(srv.url, s2)).toBeNull();
    const s3 = await signInWithPassword(srv.url, "secretariat", "cactus-horizon-lampadaire-sel");
    expect(((await (await json(srv.url, "GET", "/api/auth/me", s3)).json()) as { data: { mustChangePassword: boolean } }).data.mustChangePassword).toBe(true);
    // The clerk cannot lock themself out.
    const self = ((await (await json(srv.url, "GET", "/api/auth/me", clerk)).json()) as { data: { userId: string } }).data.userId;
    expect((await json(srv.url, "POST", `/api/clerk/accounts/${self}/disable`, clerk)).status).toBe(409);
  });

  it("SEC-23 the database holds no key: the cookie key and pairing codes need the key file beside it (mode 0600)", async () => {
    expect(await srv.db.appSetting.findMany({ where: { key: { contains: "secret" } } })).toEqual([]);
    const keyFile = path.join(path.dirname(srv.dbFile), "seance.key");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    // Whatever an attacker finds in the database, a token signed with it names nobody.
    for (const row of await srv.db.appSetting.findMany()) {
      const forged = await new SignJWT({ sid: "x" })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("u-clerk")
        .setExpirationTime("1h")
        .sign(Buffer.from(row.value, "base64"));
      expect(await me(srv.url, `seance_auth=${forged}`)).toBeNull();
    }
    // A pairing code is stored as an HMAC with the server key, not as a hash anyone can recompute.
    const issued = (await (await json(srv.url, "POST", "/api/clerk/pairings", clerk, { memberId: "m15" })).json()) as { data: { code: string } };
    const plainHash = createHash("sha256").update(issued.data.code).digest("hex");
    expect(await srv.db.devicePairing.count({ where: { codeHash: plainHash } })).toBe(0);
    expect(await srv.db.devicePairing.count({ where: { memberId: "m15", usedAt: null, revokedAt: null } })).toBe(1);
  });

  it("SEC-26 53 councillors pairing from the town hall's one address within a minute all succeed; guessing is still stopped", async () => {
    // A server of its own: the failures counted by the tests above must not be on this address's slate.
    const own = await startTestServer();
    const srv = own;
    const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
    const codes: string[] = [];
    for (let seat = 1; seat <= 53; seat++) {
      const id = `m${String(seat).padStart(2, "0")}`;
      const r = await json(srv.url, "POST", "/api/clerk/pairings", clerk, { memberId: id });
      codes.push(((await r.json()) as { data: { code: string } }).data.code);
    }
    const statuses = [];
    for (const code of codes) statuses.push((await json(srv.url, "POST", "/api/auth/pair", undefined, { code })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(53);
    // A spoofed X-Forwarded-For does not spread failures over many "addresses" (no trusted proxy here).
    for (let i = 0; i < 10; i++) {
      const r = await fetch(`${srv.url}/api/auth/pair`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-seance-client": "1", "x-forwarded-for": `203.0.113.${i}` },
        body: JSON.stringify({ code: `WRONG${i}AA` }),
      });
      expect(r.status).toBe(401);
    }
    expect((await json(srv.url, "POST", "/api/auth/pair", undefined, { code: "WRONGXAA" })).status).toBe(429);
    await own.stop();
  });

  it("SEC-17 demo passwords sign in on a demo server only", async () => {
    expect((await signIn(srv.url, "greffe", DEMO_PASSWORDS.clerk)).status).toBe(200);
    expect(await demoSignIn(srv.url, "u-m10")).toMatch(/^seance_auth=/);
  });
});

describe("a session's end on the server's clock", () => {
  it("SEC-22 an open socket's commands are refused once its session has ended on the server's clock (the clock the sessions were issued with)", async () => {
    let ahead = 0;
    const server = await startTestServer({ clock: { now: () => new Date(Date.now() + ahead) } });
    try {
      const clerkCookie = await signInWithPassword(server.url, "greffe", DEMO_PASSWORDS.clerk);
      const { sittingId } = await createSittingAs(server.url, clerkCookie);
      const chair = new Client(server.url, sittingId, await signInWithPassword(server.url, "maire", DEMO_PASSWORDS.president));
      expect((await chair.subscribe()).ok).toBe(true);
      await chair.sendOk({ type: "rollcall:mark", memberId: "m02", status: "present" });
      // A staff session lasts 12 hours: 13 hours later on the server's clock it has ended.
      ahead = 13 * 3600 * 1000;
      const r = await chair.send({ type: "rollcall:mark", memberId: "m03", status: "present" });
      expect(r.ok ? "accepted" : r.error.code).toBe("not-signed-in");
      chair.close();
    } finally {
      await server.stop();
    }
  });

  it("SEC-22 an open minutes connection lasts as long as its session on the server's clock, not the machine's", async () => {
    // The server's clock is 12 hours minus 1.5 s behind the machine's: a staff session issued now
    // ends 12 hours from now on the server's clock, which is 1.5 s from now on the machine's.
    const behind = 12 * 3600 * 1000 - 1500;
    const server = await startTestServer({ clock: { now: () => new Date(Date.now() - behind) } });
    try {
      const clerkCookie = await signInWithPassword(server.url, "greffe", DEMO_PASSWORDS.clerk);
      const { sittingId } = await createSittingAs(server.url, clerkCookie);
      const minutes = new WebSocket(`${server.url.replace(/^http/, "ws")}/yjs/minutes-${sittingId}`, { headers: { cookie: clerkCookie, origin: server.url } });
      await new Promise<void>((resolve, reject) => {
        minutes.once("open", () => resolve());
        minutes.once("error", reject);
      });
      let closedWith: number | null = null;
      minutes.once("close", (code) => (closedWith = code));
      await new Promise((r) => setTimeout(r, 3000));
      expect(closedWith).toBeNull();
      minutes.close();
    } finally {
      await server.stop();
    }
  });
});
