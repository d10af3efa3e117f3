// Shared set-up for the security suites (SEC-*): a second council with its own clerk, president and
// sitting, every role's sign-in cookie, a digest of the tables a refused request must leave alone,
// a raw HTTP caller (it sets Host, Origin and bodies that fetch would not), and the shape checks that
// every refusal must pass.
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { SignJWT } from "jose";
import { REJECTIONS } from "../../core/sitting/protocol";
import { AUTH_COOKIE } from "../../server/auth/sessions";
import { hashPassword } from "../../server/auth/passwords";
import type { Db } from "../../server/db/client";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { demoSignIn, pairDevice, signInWithPassword, type TestServer } from "../helpers/test-server";

export const OTHER_COUNCIL = "liguge";
export const OTHER_PASSWORDS = { clerk: "autre-greffe", president: "autre-maire" } as const;

/** Every kind of caller the HTTP and Yjs matrices try. */
export const ROLES = [
  "anonymous",
  "public",
  "councillor",
  "mandataire",
  "secretary",
  "president",
  "clerk",
  "other-council-clerk",
  "other-council-president",
] as const;
export type RoleName = (typeof ROLES)[number];

export interface OtherCouncil {
  sittingId: string;
  itemId: string;
}

async function postJson(url: string, pathname: string, cookie: string, body: unknown): Promise<{ status: number; json: { ok: boolean; data?: unknown } }> {
  const res = await fetch(`${url}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { ok: boolean; data?: unknown } };
}

/**
 * Another council (Ligugé) with a clerk, a president, a councillor and a sitting with one item, made
 * through the real API where one exists, so cross-council requests have real ids to aim at.
 */
export async function seedOtherCouncil(srv: TestServer): Promise<OtherCouncil> {
  await srv.db.council.create({
    data: { id: OTHER_COUNCIL, name: "Commune de Ligugé", commune: "Ligugé", siren: "218601334", siret: "21860133400014", departement: "86" },
  });
  for (const [id, seat, role, lastName] of [
    ["x01", 1, "maire", "MAIRE"],
    ["x02", 2, "conseiller", "CONSEILLER"],
  ] as const) {
    await srv.db.member.create({
      data: { id, councilId: OTHER_COUNCIL, civility: "M.", firstName: "Autre", lastName, role, seat, mandateStart: "2020-01-01" },
    });
  }
  await srv.db.user.create({
    data: {
      id: "u-x-clerk",
      councilId: OTHER_COUNCIL,
      login: "greffe-liguge",
      displayName: "Greffe Ligugé",
      role: "clerk",
      passwordHash: await hashPassword(OTHER_PASSWORDS.clerk),
    },
  });
  await srv.db.user.create({
    data: {
      id: "u-x-pres",
      councilId: OTHER_COUNCIL,
      login: "maire-liguge",
      displayName: "Maire Ligugé",
      role: "president",
      memberId: "x01",
      passwordHash: await hashPassword(OTHER_PASSWORDS.president),
    },
  });
  const clerk = await demoSignIn(srv.url, "u-x-clerk");
  const sitting = await postJson(srv.url, "/api/clerk/sittings", clerk, {
    date: "2022-10-10",
    time: "19:00",
    place: "Mairie de Ligugé",
    convocationDate: "2022-10-03",
    secretaryIds: ["x02"],
  });
  if (sitting.status !== 201) throw new Error(`other council: sitting not created (${sitting.status})`);
  const sittingId = (sitting.json.data as { sittingId: string }).sittingId;
  const item = await postJson(srv.url, `/api/clerk/sittings/${sittingId}/items`, clerk, { identifier: "2022-0012", title: "Tarifs de la cantine" });
  if (item.status !== 201) throw new Error(`other council: item not created (${item.status} ${JSON.stringify(item.json)})`);
  return { sittingId, itemId: (item.json.data as { itemId: string }).itemId };
}

/** A sign-in token the server signed itself but that expired an hour ago (a stale browser). */
export async function expiredToken(srv: TestServer, userId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: "s-expired" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(srv.server.keys.cookie);
}

/** Tokens an attacker could make without the server's key: none may identify anyone. */
export async function forgedTokens(srv: TestServer): Promise<string[]> {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const later = Math.floor(Date.now() / 1000) + 3600;
  const otherKey = new TextEncoder().encode("not-the-server-key-not-the-server-key!!");
  const signed = async (key: Uint8Array, sub: string, alg = "HS256") =>
    new SignJWT({}).setProtectedHeader({ alg }).setSubject(sub).setExpirationTime(later).sign(key);
  const good = await signed(srv.server.keys.cookie, "u-clerk");
  const [h, p] = good.split(".");
  return [
    `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: "u-clerk", exp: later })}.`,
    await signed(otherKey, "u-clerk"),
    await signed(srv.server.keys.cookie, "u-clerk", "HS512"),
    await signed(srv.server.keys.cookie, "u-nobody"),
    `${h}.${b64({ sub: "u-president", exp: later })}.${good.split(".")[2] ?? ""}`,
    `${h}.${p}.`,
    await expiredToken(srv, "u-clerk"),
  ];
}

/** Every role's cookie (null: no cookie). Councillors pair a device as in real life. */
export async function roleCookies(srv: TestServer): Promise<Record<RoleName, string | null>> {
  const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  return {
    anonymous: null,
    // "The public" holding a cookie that identifies nobody: the server's own token, expired.
    public: `${AUTH_COOKIE}=${await expiredToken(srv, "u-clerk")}`,
    councillor: await pairDevice(srv.url, clerk, "m02"),
    mandataire: await demoSignIn(srv.url, "u-m04"),
    secretary: await demoSignIn(srv.url, "u-m28"),
    president: await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president),
    clerk,
    "other-council-clerk": await signInWithPassword(srv.url, "greffe-liguge", OTHER_PASSWORDS.clerk),
    "other-council-president": await signInWithPassword(srv.url, "maire-liguge", OTHER_PASSWORDS.president),
  };
}

/** One hash per table a refused request must not touch (named, so a failure says which changed). */
export async function stateDigest(db: Db): Promise<Record<string, string>> {
  const tables: Record<string, Promise<unknown[]>> = {
    Council: db.council.findMany({ orderBy: { id: "asc" } }),
    Member: db.member.findMany({ orderBy: { id: "asc" } }),
    User: db.user.findMany({ orderBy: { id: "asc" } }),
    DevicePairing: db.devicePairing.findMany({ orderBy: { id: "asc" } }),
    Sitting: db.sitting.findMany({ orderBy: { id: "asc" } }),
    AgendaItem: db.agendaItem.findMany({ orderBy: { id: "asc" } }),
    SittingEvent: db.sittingEvent.findMany({ orderBy: { id: "asc" } }),
    // A refused command keeps its refusal as its receipt (SIT-11: one stored reply per command id);
    // only accepted commands count as a change.
    CommandReceipt: db.commandReceipt
      .findMany({ orderBy: [{ sittingId: "asc" }, { commandId: "asc" }] })
      .then((rows) => rows.filter((r) => !r.reply.startsWith('{"ok":false'))),
    Ballot: db.ballot.findMany({ orderBy: [{ voteId: "asc" }, { memberId: "asc" }, { onBehalfOf: "asc" }] }),
    SecretUrn: db.secretUrn.findMany({ orderBy: { voteId: "asc" } }),
    SecretSignature: db.secretSignature.findMany({ orderBy: [{ voteId: "asc" }, { memberId: "asc" }, { onBehalfOf: "asc" }] }),
    AppSetting: db.appSetting.findMany({ orderBy: { key: "asc" } }),
    Annex: db.annex.findMany({ orderBy: { id: "asc" } }),
    PublishedRecord: db.publishedRecord.findMany({ orderBy: [{ sittingId: "asc" }, { record: "asc" }, { itemId: "asc" }, { version: "asc" }] }),
  };
  const out: Record<string, string> = {};
  for (const [name, rows] of Object.entries(tables))
    out[name] = createHash("sha256")
      .update(JSON.stringify(await rows))
      .digest("hex")
      .slice(0, 16);
  return out;
}

export async function lastSeqs(db: Db): Promise<Record<string, number>> {
  const rows = await db.sitting.findMany({ select: { id: true, lastSeq: true }, orderBy: { id: "asc" } });
  return Object.fromEntries(rows.map((r) => [r.id, r.lastSeq]));
}

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Already encoded: sent as the request target, byte for byte. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A plain node:http request on loopback: any Host, Origin, method or body; reads the whole reply. */
export function rawRequest(base: string, r: RawRequest, agent?: http.Agent): Promise<RawReply> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: Number(u.port),
        method: r.method,
        path: r.path,
        headers: { ...(r.body !== undefined ? { "content-length": String(Buffer.byteLength(r.body)) } : {}), ...r.headers },
        ...(agent ? { agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`no reply to ${r.method} ${r.path.slice(0, 80)}`)));
    req.on("error", reject);
    req.end(r.body);
  });
}

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD, as in UTF-8). */
export function encodeSegment(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const REJECTION_CODES = new Set(Object.keys(REJECTIONS));

/** What is wrong with a JSON refusal body, or null when it is `{ ok: false, error: { code, message } }` with a listed code. */
export function refusalProblem(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  if (typeof body !== "object" || body === null || !("ok" in body) || body.ok !== false) return `not a refusal: ${text.slice(0, 120)}`;
  const error = "error" in body ? body.error : null;
  if (typeof error !== "object" || error === null || !("code" in error) || !("message" in error)) return `no error object: ${text.slice(0, 120)}`;
  if (typeof error.code !== "string" || !REJECTION_CODES.has(error.code)) return `code not in REJECTIONS: ${String(error.code)}`;
  if (error.code === "internal") return `internal error: ${text.slice(0, 200)}`;
  if (typeof error.message !== "string" || !error.message.includes(" / ")) return `message is not a French / English sentence: ${String(error.message)}`;
  return null;
}

/** Signs of an internal error leaking to the client: a stack frame, an exception name, a file path. */
export function leakProblem(text: string): string | null {
  const m = /(\bat [\w.<>]+ \(|\bError:|TypeError|ReferenceError|PrismaClient|node_modules|\/work\/|\.ts:\d+)/.exec(text);
  return m ? `leaks "${m[0]}" in ${text.slice(Math.max(0, m.index - 60), m.index + 60)}` : null;
}

/** Writes a figures file under reports/ (git-ignored) for docs/RELIABILITY.md to quote. */
export function writeFigures(name: string, figures: Record<string, unknown>): void {
  const dir = path.join(process.cwd(), "reports");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `${JSON.stringify({ ...figures, writtenAt: new Date().toISOString() }, null, 2)}\n`);
}
