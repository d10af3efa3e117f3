// SEC-5, SEC-6, SEC-7: every HTTP endpoint × every role (anonymous, the public holding a stale cookie,
// councillor, mandataire, secretary, president, clerk, and the clerk and president of another
// council), across sittings and councils; the public data the same for everyone and free of private
// fields; the minutes' Yjs websocket per role, read and write, before and after publication.
// Figures go to reports/permission-figures.json.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { PublicView } from "../../core/sitting/projection";
import { AUTH_COOKIE } from "../../server/auth/sessions";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, type TestServer, startTestServer, urnTotals } from "../helpers/test-server";
import { paragraphUpdate, sendRawFrame, syncUpdateFrame, tryConnect, yClient } from "../helpers/yjs-client";
import {
  OTHER_COUNCIL,
  rawRequest,
  refusalProblem,
  ROLES,
  roleCookies,
  seedOtherCouncil,
  stateDigest,
  writeFigures,
  type OtherCouncil,
  type RawReply,
  type RoleName,
} from "./security-fixtures";

let srv: TestServer;
let other: OtherCouncil;
let cookies: Record<RoleName, string | null>;
/** A second session per role, spent by the sign-out cells: signing out revokes the session (SEC-22). */
let signoutCookies: Record<RoleName, string | null>;
/**
 * L: live sitting (item 0 decided by public ballot, item 1 under an open secret ballot); M: held and
 * closed, its minutes; C: convened, agenda editable; H: a later sitting, held, where M's minutes are
 * approved (approval is voted at a sitting held, never at one only convened).
 */
let L: { sittingId: string; itemIds: string[]; secretVoteId: string };
let M: string;
let C: { sittingId: string; itemIds: string[] };
let H: string;
let president: Client;
/** The agenda item the clerk's allowed POST creates in C, then deletes (refused roles try it first). */
let createdItem = "";
const figures = { httpCells: 0, refused: 0, allowed: 0, publicSame: 0, skipped: [] as string[], yjsCells: 0, endpoints: 0 };
/** Strings that must never reach a client in any reply. */
const SECRETS: string[] = ["passwordHash", "codeHash", "scrypt$", DEMO_PASSWORDS.clerk, DEMO_PASSWORDS.president];

const SIGNED_OUT: readonly RoleName[] = ["anonymous", "public"];
const OTHER_COUNCIL_ROLES: readonly RoleName[] = ["other-council-clerk", "other-council-president"];

beforeAll(async () => {
  srv = await startTestServer();
  other = await seedOtherCouncil(srv);
  cookies = await roleCookies(srv);
  signoutCookies = await roleCookies(srv);
  const secret = await srv.db.appSetting.findUnique({ where: { key: "auth-secret" } });
  if (secret) SECRETS.push(secret.value);
  const clerk = cookies.clerk ?? "";
  const live = await createSittingAs(srv.url, clerk);
  M = (await createSittingAs(srv.url, clerk)).sittingId;
  C = await createSittingAs(srv.url, clerk, { date: "2022-11-14", convocationDate: "2022-11-07" });
  H = (await createSittingAs(srv.url, clerk, { date: "2022-11-21", convocationDate: "2022-11-14" })).sittingId;

  president = new Client(srv.url, live.sittingId, cookies.president ?? "");
  const m02 = new Client(srv.url, live.sittingId, cookies.councillor ?? "");
  const m03 = new Client(srv.url, live.sittingId, await demoSignIn(srv.url, "u-m03"));
  await president.markPresent(30, [5]);
  await president.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
  await president.sendOk({ type: "sitting:open" });
  const [item0, item1] = live.itemIds;
  if (!item0 || !item1) throw new Error("the copied agenda has fewer than two items");
  await president.sendOk({ type: "item:call", itemId: item0 });
  const publicVote = String((await president.sendOk({ type: "vote:open", itemId: item0, mode: "public" })).voteId);
  await m02.sendOk({ type: "ballot:cast", voteId: publicVote, choice: "pour" });
  await m03.sendOk({ type: "ballot:cast", voteId: publicVote, choice: "contre" });
  await president.sendOk({ type: "vote:close", voteId: publicVote });
  await president.sendOk({ type: "vote:proclaim", voteId: publicVote });
  await president.sendOk({ type: "item:call", itemId: item1 });
  const secretVoteId = String((await president.sendOk({ type: "vote:open", itemId: item1, mode: "secret" })).voteId);
  await m02.sendOk({ type: "ballot:cast", voteId: secretVoteId, choice: "contre" });
  await m03.sendOk({ type: "ballot:cast", voteId: secretVoteId, choice: "pour" });
  L = { sittingId: live.sittingId, itemIds: live.itemIds, secretVoteId };
  m02.close();
  m03.close();
  // M is held and closed so its minutes can be approved at H (held too), then published.
  const mp = new Client(srv.url, M, cookies.president ?? "");
  await mp.sendOk({ type: "sitting:open" });
  await mp.sendOk({ type: "sitting:close" });
  mp.close();
  const hp = new Client(srv.url, H, cookies.president ?? "");
  await hp.sendOk({ type: "sitting:open" });
  hp.close();
  // An annex on C's first item and one on the other council's: the clerk's DELETE cells remove them.
  const annex = { name: "annexe.pdf", mediaType: "application/pdf", size: 9, sha256: "0".repeat(64), bytes: Buffer.from("%PDF-1.4\n") };
  await srv.db.annex.create({ data: { id: "a-matrix", itemId: C.itemIds[0] ?? "", ...annex } });
  await srv.db.annex.create({ data: { id: "a-matrix-other", itemId: other.itemId, ...annex } });
});

afterAll(async () => {
  president?.close();
  writeFigures("permission-figures.json", { ...figures, roles: ROLES.length, cells: figures.httpCells + figures.yjsCells });
  await srv?.stop();
});

function call(role: RoleName, method: string, path: string, body?: unknown): Promise<RawReply> {
  const cookie = path === "/api/auth/signout" ? signoutCookies[role] : cookies[role];
  return rawRequest(srv.url, {
    method,
    path,
    headers: { "x-seance-client": "1", ...(cookie ? { cookie } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** The first server-sent event of a stream (the projection at connection), then the stream is closed. */
function firstEvent(role: RoleName, path: string): Promise<RawReply> {
  const cookie = cookies[role];
  return new Promise((resolve, reject) => {
    const req = http.get(`${srv.url}${path}`, { headers: cookie ? { cookie } : {} }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        const end = text.indexOf("\n\n", text.indexOf("data: "));
        if (text.includes("data: ") && end >= 0) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: text.slice(0, end) });
        }
      });
    });
    req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
  });
}

function noSecrets(r: RawReply, what: string): void {
  for (const s of SECRETS) expect(r.text.includes(s), `${what} leaks ${s.slice(0, 12)}…`).toBe(false);
  expect(r.text).not.toMatch(new RegExp(`${AUTH_COOKIE}=[A-Za-z0-9]`));
}

// ───────────────────────── public data ─────────────────────────

describe("public data is the same for everyone and carries nothing private", () => {
  const PUBLIC_GETS = () => [
    "/api/health",
    "/api/public/sittings",
    `/api/public/sittings/${L.sittingId}`,
    `/api/public/sittings/${L.sittingId}/agenda`,
    `/api/public/sittings/${other.sittingId}`,
    `/api/public/sittings/${other.sittingId}/agenda`,
    `/records/sittings/${L.sittingId}/deliberations`,
    `/records/sittings/${L.sittingId}/items/${L.itemIds[0] ?? ""}/extract`,
    "/records/councils/poitiers/scdl.csv",
    "/api/public/records",
    `/api/public/sittings/${L.sittingId}/records`,
    `/records/councils/${OTHER_COUNCIL}/scdl.csv`,
    "/api/demo/links",
  ];

  it("SEC-6 every public endpoint gives every role byte-identical data, with no private field", async () => {
    figures.skipped.push("PDF variants of the public extracts and list: not fetched (Chromium); the same route code serves them");
    for (const path of [...PUBLIC_GETS(), `/api/public/sittings/${L.sittingId}/events`]) {
      const replies: string[] = [];
      for (const role of ROLES) {
        const r = path.endsWith("/events") ? await firstEvent(role, path) : await call(role, "GET", path);
        expect(r.status, `${role} GET ${path}`).toBe(200);
        noSecrets(r, `${role} GET ${path}`);
        replies.push(r.text);
        figures.httpCells += 1;
        figures.allowed += 1;
      }
      expect(new Set(replies).size, `GET ${path} differs between roles`).toBe(1);
      expect(replies[0]?.length ?? 0, `GET ${path} is empty`).toBeGreaterThan(0);
      figures.publicSame += 1;
      figures.endpoints += 1;
    }
  });

  it("SEC-6 an open secret ballot shows neither totals nor who voted what, over HTTP, SSE and sockets alike", async () => {
    const r = await call("anonymous", "GET", `/api/public/sittings/${L.sittingId}`);
    const view = (JSON.parse(r.text) as { data: PublicView }).data;
    expect(view.vote).toMatchObject({ id: L.secretVoteId, mode: "secret", status: "open", tally: null, names: null, ballotsCast: 2 });
    expect(r.text).not.toMatch(/"urn"|"choice"/);
    const urn = await urnTotals(srv.db, srv.server.keys.urn, L.secretVoteId);
    expect(urn.pour + urn.contre).toBe(2); // the totals exist, in the urn only
    // The same projection reaches every role's socket, whatever their private views.
    for (const role of ROLES) {
      const c = new Client(srv.url, L.sittingId, cookies[role] ?? undefined);
      const sub = await c.subscribe();
      c.close();
      expect(sub.ok, role).toBe(true);
      if (!sub.ok) continue;
      expect(sub.data.view, role).toEqual(view);
      expect(JSON.stringify(sub.data.me ?? {}), role).not.toMatch(/"choice":"(pour|contre)"/);
      figures.publicSame += 1;
    }
  });

  it("SEC-6 a secret ballot's extract gives totals only; a public ballot's names the voters", async () => {
    await president.sendOk({ type: "vote:close", voteId: L.secretVoteId });
    await president.sendOk({ type: "vote:proclaim", voteId: L.secretVoteId });
    const view = (JSON.parse((await call("anonymous", "GET", `/api/public/sittings/${L.sittingId}`)).text) as { data: PublicView }).data;
    expect(view.vote).toMatchObject({ id: L.secretVoteId, status: "proclaimed", names: null });
    expect(view.vote?.tally).toMatchObject({ pour: 1, contre: 1 });
    const secretExtract = await call("anonymous", "GET", `/records/sittings/${L.sittingId}/items/${L.itemIds[1] ?? ""}/extract`);
    expect(secretExtract.status).toBe(200);
    expect(secretExtract.text).toContain("au scrutin secret");
    expect(secretExtract.text).not.toContain('class="names"');
    const publicExtract = await call("anonymous", "GET", `/records/sittings/${L.sittingId}/items/${L.itemIds[0] ?? ""}/extract`);
    expect(publicExtract.text).toContain('class="names"');
  });
});

// ───────────────────────── Yjs minutes ─────────────────────────

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const WRITERS: readonly RoleName[] = ["secretary", "president", "clerk"];
const OWN_READERS: readonly RoleName[] = ["councillor", "mandataire"];

/**
 * Each role opens the minutes as the editor would (writer, reader or public, as the server grants).
 * A writer writes a marker, then sets an awareness field: the checker sees awareness after any update
 * sent before it on the same connection, so once it sees the field the marker is in its document.
 * Anyone else sends what a hostile client would, a sync update frame: the server refuses it and
 * closes the connection (4403) before applying anything (SEC-16). Once a version of the minutes is
 * approved, nobody writes any more (SEC-24).
 */
async function yjsMatrix(phase: "before" | "after"): Promise<void> {
  const checker = await yClient(srv.url, M, cookies.clerk ?? undefined);
  await checker.synced();
  try {
    for (const role of ROLES) {
      const mayRead = WRITERS.includes(role) || OWN_READERS.includes(role) || phase === "after";
      const mayWrite = WRITERS.includes(role) && phase === "before";
      const opened = await tryConnect(srv.url, M, cookies[role] ?? undefined);
      expect(opened, `${role} opens the minutes ${phase} publication`).toBe(mayRead ? "open" : 403);
      figures.yjsCells += 2; // read and write
      if (!mayRead) continue; // refused at the door: neither reads nor writes
      const c = await yClient(srv.url, M, cookies[role] ?? undefined);
      await c.synced();
      const marker = `written-by-${role}-${phase}`;
      if (mayWrite) {
        expect(c.role, role).toBe("writer");
        c.doc.getXmlFragment("default").push([new Y.XmlText(marker)]);
        c.provider.awareness.setLocalStateField("probe", marker);
        await until(() => [...checker.provider.awareness.getStates().values()].some((s) => (s as { probe?: string }).probe === marker), `${role}'s awareness`);
      } else {
        expect(c.role, role).not.toBe("writer");
        expect(await sendRawFrame(srv.url, M, syncUpdateFrame(paragraphUpdate(marker)), cookies[role] ?? undefined), `${role}'s update frame`).toBe(4403);
      }
      expect(checker.doc.getXmlFragment("default").toString().includes(marker), `${role} writes ${phase} publication`).toBe(mayWrite);
      c.close();
    }
  } finally {
    checker.close();
  }
}

describe("the minutes over the Yjs websocket", () => {
  it("SEC-7 before publication: writers write, the council's councillors only read, everyone else is refused at the door", async () => {
    await yjsMatrix("before");
  });
});

// ───────────────────────── HTTP matrix ─────────────────────────

type Kind =
  /** The clerk of the target's council only; path-targeted at this council's sitting or item. */
  | "clerk"
  /** The clerk only, acting on their own council (so another council's clerk acts on theirs). */
  | "clerk-council"
  /** Anyone reads their own answer (identity, access, sign-out). */
  | "self"
  /** Members of the sitting's council read the draft minutes; others are refused until publication. */
  | "minutes-read"
  /** Everyone is refused alike: a wrong password or pairing code. */
  | "wrong-credentials"
  /** Demo mode only: one-click sign-in is open to anyone by design (off on a real council's server). */
  | "demo";

interface Endpoint {
  method: string;
  path: () => string;
  body?: () => unknown;
  kind: Kind;
  /** The same request aimed at the other council's sitting or item (refused to this council's roles). */
  foreign?: () => string;
  /** Another council's clerk is refused with this status when the body names this council's data. */
  otherClerkStatus?: number;
  /** Allowed cells not run (PDF rendering needs Chromium; the HTML route covers the rule). */
  skipAllowed?: string;
}

function endpoints(): Endpoint[] {
  const [item0] = L.itemIds;
  const cItem = C.itemIds[0] ?? "";
  return [
    { method: "POST", path: () => "/api/auth/signin", body: () => ({ login: "greffe", password: "not-the-password" }), kind: "wrong-credentials" },
    { method: "POST", path: () => "/api/auth/pair", body: () => ({ code: "ZZZZ9999" }), kind: "wrong-credentials" },
    { method: "GET", path: () => "/api/auth/me", kind: "self" },
    { method: "POST", path: () => "/api/auth/signout", kind: "self" },
    { method: "GET", path: () => `/api/sittings/${M}/minutes-access`, kind: "self" },
    { method: "GET", path: () => "/demo/signin?as=u-m10", kind: "demo" },
    { method: "GET", path: () => `/records/sittings/${M}/minutes`, kind: "minutes-read", foreign: () => `/records/sittings/${other.sittingId}/minutes` },
    {
      method: "GET",
      path: () => `/records/sittings/${M}/minutes.pdf`,
      kind: "minutes-read",
      skipAllowed: "PDF rendering (the HTML route checks the same access)",
    },
    { method: "POST", path: () => "/api/clerk/pairings", body: () => ({ memberId: "m10" }), kind: "clerk-council", otherClerkStatus: 404 },
    { method: "GET", path: () => "/api/clerk/overview", kind: "clerk-council" },
    { method: "GET", path: () => "/api/clerk/council", kind: "clerk-council" },
    { method: "PATCH", path: () => "/api/clerk/council/settings", body: () => ({ revealMode: "live" }), kind: "clerk-council" },
    { method: "GET", path: () => "/api/clerk/members", kind: "clerk-council" },
    { method: "GET", path: () => "/api/clerk/members.csv", kind: "clerk-council" },
    { method: "POST", path: () => "/api/clerk/members/import", body: () => ({ csv: "nom;prénom\n", dryRun: true }), kind: "clerk-council" },
    {
      method: "POST",
      path: () => "/api/clerk/sittings",
      body: () => ({ date: "2022-12-12", time: "18:00", place: "Salle du Conseil", convocationDate: "2022-12-05", copyAgendaFrom: C.sittingId }),
      kind: "clerk-council",
      otherClerkStatus: 400,
    },
    { method: "GET", path: () => `/api/clerk/sittings/${C.sittingId}`, kind: "clerk", foreign: () => `/api/clerk/sittings/${other.sittingId}` },
    {
      method: "PATCH",
      path: () => `/api/clerk/sittings/${C.sittingId}`,
      body: () => ({ place: "Salle du Conseil" }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/items`,
      body: () => ({ identifier: "2022-0999", title: "Point ajouté par le greffe" }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/items`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/items/reorder`,
      // Every item of C in its current order (the clerk's allowed POST added one).
      body: async () => ({ itemIds: (await srv.db.agendaItem.findMany({ where: { sittingId: C.sittingId }, orderBy: { order: "asc" } })).map((i) => i.id) }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/items/reorder`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/import`,
      body: () => ({ files: [{ name: "projet.md", text: "# Projet\n" }], dryRun: true }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/import`,
    },
    {
      method: "PATCH",
      path: () => `/api/clerk/items/${cItem}`,
      body: () => ({ title: "Titre revu" }),
      kind: "clerk",
      foreign: () => `/api/clerk/items/${other.itemId}`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/items/${item0 ?? ""}/publication`,
      body: () => ({ postedOn: "2022-10-10" }),
      kind: "clerk",
      foreign: () => `/api/clerk/items/${other.itemId}/publication`,
    },
    { method: "DELETE", path: () => `/api/clerk/items/${createdItem}`, kind: "clerk", foreign: () => `/api/clerk/items/${other.itemId}` },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${M}/minutes/approve`,
      body: () => ({ atSittingId: H }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/minutes/approve`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${M}/minutes/publish`,
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/minutes/publish`,
    },
    // The records desk (REC-17).
    { method: "GET", path: () => `/api/clerk/sittings/${M}/records`, kind: "clerk", foreign: () => `/api/clerk/sittings/${other.sittingId}/records` },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${M}/deliberations/publish`,
      body: () => ({ publishedOn: "2022-10-05" }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/deliberations/publish`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/items/${item0 ?? ""}/publish`,
      body: () => ({ publishedOn: "2022-10-05" }),
      kind: "clerk",
      foreign: () => `/api/clerk/items/${other.itemId}/publish`,
      skipAllowed: "an act is published once its sitting is closed (REC-10, tests/records/official-records.test.ts)",
    },
    {
      method: "POST",
      path: () => `/api/clerk/items/${cItem}/annexes`,
      body: () => ({ name: "plan.pdf", dataBase64: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64") }),
      kind: "clerk",
      foreign: () => `/api/clerk/items/${other.itemId}/annexes`,
    },
    { method: "DELETE", path: () => "/api/clerk/annexes/a-matrix", kind: "clerk", foreign: () => "/api/clerk/annexes/a-matrix-other" },
    // The convocation (#19; CONV-9…12).
    {
      method: "GET",
      path: () => `/api/clerk/sittings/${C.sittingId}/convocation`,
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/convocation`,
    },
    {
      method: "PATCH",
      path: () => `/api/clerk/sittings/${C.sittingId}/convocation`,
      body: () => ({ letter: "Madame, Monsieur," }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/convocation`,
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/convocation/send`,
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/convocation/send`,
      skipAllowed: "a 2022 sitting is past its delay (CONV-2, tests/convocation/convocation.test.ts)",
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/agenda/publish`,
      body: () => ({}),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/agenda/publish`,
      skipAllowed: "publication follows a dispatch (CONV-12, tests/convocation/convocation.test.ts)",
    },
    {
      method: "POST",
      path: () => `/api/clerk/sittings/${C.sittingId}/declarations`,
      body: () => ({ memberId: "m10", intent: "apologies", scan: null }),
      kind: "clerk",
      foreign: () => `/api/clerk/sittings/${other.sittingId}/declarations`,
      skipAllowed: "declarations follow a dispatch (CONV-11, tests/convocation/convocation.test.ts)",
    },
  ];
}

interface Expected {
  allowed: boolean;
  statuses: number[];
}

const allowedCell = (e: Expected | "skip") => e !== "skip" && e.allowed;

function expectedFor(ep: Endpoint, role: RoleName, foreign: boolean): Expected | "skip" {
  const signedOut = SIGNED_OUT.includes(role);
  const deny = (statuses: number[]): Expected => ({ allowed: false, statuses });
  if (foreign) {
    // Aimed at the other council: its own roles are the mirror of this council's, already covered.
    if (OTHER_COUNCIL_ROLES.includes(role)) return "skip";
    if (ep.kind === "minutes-read") return deny([403]);
    return signedOut ? deny([401]) : role === "clerk" ? deny([403, 404]) : deny([403]);
  }
  switch (ep.kind) {
    case "wrong-credentials":
      return deny([401, 429]);
    case "self":
    case "demo":
      return { allowed: true, statuses: ep.kind === "demo" ? [303] : [200] };
    case "minutes-read":
      return signedOut || OTHER_COUNCIL_ROLES.includes(role) ? deny([403]) : { allowed: true, statuses: [200] };
    case "clerk":
    case "clerk-council":
      if (signedOut) return deny([401]);
      if (role === "clerk") return { allowed: true, statuses: [200, 201] };
      if (role === "other-council-clerk") {
        if (ep.kind === "clerk") return deny([403, 404]);
        return ep.otherClerkStatus ? deny([ep.otherClerkStatus]) : { allowed: true, statuses: [200, 201] };
      }
      return deny([403]);
  }
}

describe("HTTP permission matrix", () => {
  it(`SEC-5 every endpoint × ${ROLES.length} roles, this council's targets and the other's: forbidden cells are refused clearly and change nothing`, async () => {
    for (const ep of endpoints()) {
      figures.endpoints += 1;
      for (const foreign of ep.foreign ? [false, true] : [false]) {
        // Refused cells first, then the allowed ones (whose effects the refused cells must not see).
        const order = [...ROLES].sort((a, b) => Number(allowedCell(expectedFor(ep, a, foreign))) - Number(allowedCell(expectedFor(ep, b, foreign))));
        for (const role of order) {
          const exp = expectedFor(ep, role, foreign);
          const path = foreign && ep.foreign ? ep.foreign() : ep.path();
          const label = `${role} ${ep.method} ${path}`;
          if (exp === "skip") continue;
          if (exp.allowed && ep.skipAllowed) {
            figures.skipped.push(`${label}: ${ep.skipAllowed}`);
            continue;
          }
          const before = exp.allowed ? null : await stateDigest(srv.db);
          const r = await call(role, ep.method, path, await ep.body?.());
          figures.httpCells += 1;
          expect(exp.statuses, `${label} → ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
          noSecrets(r, label);
          if (!exp.allowed) {
            figures.refused += 1;
            expect(refusalProblem(r.text), label).toBeNull();
            expect(await stateDigest(srv.db), `${label} changed something`).toEqual(before);
            continue;
          }
          figures.allowed += 1;
          checkAllowed(ep, role, r, label);
          if (ep.method === "POST" && path.endsWith("/items") && role === "clerk")
            createdItem = (JSON.parse(r.text) as { data: { itemId: string } }).data.itemId;
        }
      }
    }
    expect(createdItem, "the clerk's item was created, then deleted").not.toBe("");
    expect(await srv.db.agendaItem.findUnique({ where: { id: createdItem } })).toBeNull();
    expect(figures.refused).toBeGreaterThan(150);
  }, 600_000); // bounded by the matrix (endpoints × roles), not by what a busy machine does in a minute
});

/** What an allowed cell must show: the caller's own data only. */
function checkAllowed(ep: Endpoint, role: RoleName, r: RawReply, label: string): void {
  const path = ep.path();
  if (path === "/api/auth/me") {
    const data = (JSON.parse(r.text) as { data: { role: string; councilId: string } | null }).data;
    if (SIGNED_OUT.includes(role)) expect(data, label).toBeNull();
    else expect(data?.councilId, label).toBe(OTHER_COUNCIL_ROLES.includes(role) ? OTHER_COUNCIL : "poitiers");
  } else if (path.endsWith("/minutes-access")) {
    const access = (JSON.parse(r.text) as { data: { access: string } }).data.access;
    const want = WRITERS.includes(role) ? "write" : OWN_READERS.includes(role) ? "read" : "none";
    expect(access, label).toBe(want);
  } else if (path === "/api/auth/signout") {
    expect(String(r.headers["set-cookie"] ?? ""), label).toContain(`${AUTH_COOKIE}=;`);
  } else if (role === "other-council-clerk") {
    // Acting on their own council: nothing of this council in the reply.
    expect(r.text, label).not.toMatch(/poitiers|"m10"|DAGICOUR/i);
  }
}

describe("after publication", () => {
  it("SEC-7 the published minutes open to everyone read-only; the approved version is frozen for the writers too (SEC-24)", async () => {
    const row = await srv.db.sitting.findUniqueOrThrow({ where: { id: M } });
    expect(row.minutesPublishedAt).not.toBeNull(); // the clerk's allowed publish cell above
    await yjsMatrix("after");
    for (const role of ROLES) {
      const r = await call(role, "GET", `/records/sittings/${M}/minutes`);
      expect(r.status, role).toBe(200);
      figures.httpCells += 1;
      figures.allowed += 1;
    }
  });
});
