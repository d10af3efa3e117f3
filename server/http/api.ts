// The HTTP API: sign-in, pairing, demo links, the public open-data API (JSON and server-sent
// events) and the clerk's actions. Each handler: who asks → parse → one call → reply.
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import QRCode from "qrcode";
import { z } from "zod";
import { describeZodError } from "../../core/sitting/protocol";
import { projectPublic } from "../../core/sitting/projection";
import type { Db } from "../db/client";
import { readDurability } from "../db/client";
import { verifyPassword } from "../auth/passwords";
import { RateLimiter } from "../auth/rate-limit";
import { authCookie, clearAuthCookie, identify, signAuthToken, type AuthKeys } from "../auth/tokens";
import type { RoomRegistry, SittingRoom } from "../realtime/sitting-room";
import { UnknownSittingError } from "../store/sitting-store";
import { minutesAccess } from "../yjs/minutes-ws";
import { createSitting, CreateSittingSchema } from "../clerk/sittings";
import { BodyError, clientAddress, readJson, sendError, sendJson } from "./respond";
import { clerkCouncil } from "./clerk-guard";

export interface ApiDeps {
  db: Db;
  keys: AuthKeys;
  rooms: RoomRegistry;
  demo: boolean;
  secureCookies: (req: IncomingMessage) => boolean;
}

const SignInSchema = z.strictObject({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) });
const PairSchema = z.strictObject({ code: z.string().min(4).max(32) });
const IssuePairingSchema = z.strictObject({ memberId: z.string().min(1).max(64) });
const SittingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const PAIR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const STAFF_TTL = 12 * 3600;
const DEVICE_TTL = 30 * 24 * 3600;

export function homeFor(role: string, sittingId: string | null): string {
  const sid = sittingId ?? "";
  switch (role) {
    case "clerk":
      return "/clerk";
    case "president":
      return sid ? `/president/${sid}` : "/";
    case "secretary":
      return sid ? `/minutes/${sid}` : "/";
    default:
      return sid ? `/councillor/${sid}` : "/";
  }
}

function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function hashPairingCode(code: string): string {
  return createHash("sha256")
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ""))
    .digest("hex");
}

export function createApi(deps: ApiDeps) {
  const signInLimiter = new RateLimiter(10, 60_000);
  const pairLimiter = new RateLimiter(10, 60_000);
  const sseClients = new Map<string, Set<ServerResponse>>();
  const watched = new Set<string>();

  async function currentSittingId(councilId: string): Promise<string | null> {
    const s = await deps.db.sitting.findFirst({ where: { councilId, status: { not: "closed" } }, orderBy: { date: "asc" } });
    return s?.id ?? (await deps.db.sitting.findFirst({ where: { councilId }, orderBy: { date: "desc" } }))?.id ?? null;
  }

  async function room(res: ServerResponse, id: string): Promise<SittingRoom | null> {
    if (!SittingIdSchema.safeParse(id).success) {
      sendError(res, 400, "bad-request", "sitting id");
      return null;
    }
    try {
      return await deps.rooms.get(id);
    } catch (err) {
      if (err instanceof UnknownSittingError) {
        sendError(res, 404, "unknown-sitting");
        return null;
      }
      throw err;
    }
  }

  function watchForSse(r: SittingRoom): void {
    if (watched.has(r.state.sittingId)) return;
    watched.add(r.state.sittingId);
    r.onChange((changed) => {
      const clients = sseClients.get(changed.state.sittingId);
      if (!clients?.size) return;
      const view = projectPublic(changed.state, changed.header);
      const frame = `id: ${view.seq}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`;
      for (const c of clients) c.write(frame);
    });
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = SignInSchema.safeParse(await readJson(req));
    if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
    if (!signInLimiter.take(`ip:${clientAddress(req)}`) || !signInLimiter.take(`login:${body.data.login}`)) return sendError(res, 429, "rate-limited");
    const user = await deps.db.user.findUnique({ where: { login: body.data.login } });
    const good = user?.passwordHash ? await verifyPassword(body.data.password, user.passwordHash) : false;
    if (!user || !good)
      return sendJson(res, 401, { ok: false, error: { code: "not-signed-in", message: "Identifiant ou mot de passe incorrect / Wrong login or password" } });
    const token = await signAuthToken(deps.keys, user.id, STAFF_TTL);
    const home = homeFor(user.role, await currentSittingId(user.councilId));
    sendJson(
      res,
      200,
      { ok: true, data: { role: user.role, home } },
      { "Set-Cookie": authCookie(token, { secure: deps.secureCookies(req), maxAgeSeconds: STAFF_TTL }) },
    );
  }

  async function pair(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = PairSchema.safeParse(await readJson(req));
    if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
    if (!pairLimiter.take(`ip:${clientAddress(req)}`)) return sendError(res, 429, "rate-limited");
    const now = new Date();
    const pairing = await deps.db.devicePairing.findUnique({ where: { codeHash: hashPairingCode(body.data.code) } });
    if (!pairing || pairing.usedAt || pairing.revokedAt || pairing.expiresAt < now) {
      return sendJson(res, 401, {
        ok: false,
        error: { code: "not-signed-in", message: "Code inconnu, expiré ou déjà utilisé / Unknown, expired or used code" },
      });
    }
    // One-time: only the request that flips usedAt wins.
    const used = await deps.db.devicePairing.updateMany({ where: { id: pairing.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return sendJson(res, 401, { ok: false, error: { code: "not-signed-in", message: "Code déjà utilisé / Code already used" } });
    const user = await deps.db.user.findFirst({ where: { memberId: pairing.memberId, role: "councillor" } });
    if (!user) return sendError(res, 404, "unknown-member");
    const token = await signAuthToken(deps.keys, user.id, DEVICE_TTL);
    const home = homeFor(user.role, await currentSittingId(user.councilId));
    sendJson(
      res,
      200,
      { ok: true, data: { role: user.role, home, name: user.displayName } },
      { "Set-Cookie": authCookie(token, { secure: deps.secureCookies(req), maxAgeSeconds: DEVICE_TTL }) },
    );
  }

  async function issuePairing(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const councilId = await clerkCouncil(deps, req, res);
    if (!councilId) return;
    const body = IssuePairingSchema.safeParse(await readJson(req));
    if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
    const member = await deps.db.member.findUnique({ where: { id: body.data.memberId } });
    if (!member || member.councilId !== councilId) return sendError(res, 404, "unknown-member");
    const code = Array.from({ length: 8 }, () => PAIR_ALPHABET[randomInt(PAIR_ALPHABET.length)]).join("");
    const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    // The row id must not carry the code: only its hash is kept, so a copy of the database pairs no device.
    await deps.db.devicePairing.create({ data: { id: `p-${randomUUID()}`, memberId: member.id, codeHash: hashPairingCode(code), expiresAt } });
    const proto = deps.secureCookies(req) ? "https" : "http";
    const url = `${proto}://${req.headers.host ?? "localhost"}/pair?code=${code}`;
    const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    sendJson(res, 200, {
      ok: true,
      data: { code, url, qrSvg, expiresAt: expiresAt.toISOString(), member: `${member.civility} ${member.firstName} ${member.lastName}` },
    });
  }

  async function clerkOverview(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const councilId = await clerkCouncil(deps, req, res);
    if (!councilId) return;
    const council = await deps.db.council.findUniqueOrThrow({ where: { id: councilId } });
    const members = await deps.db.member.findMany({ where: { councilId: council.id }, orderBy: { seat: "asc" } });
    const sittings = await deps.db.sitting.findMany({
      where: { councilId: council.id },
      orderBy: { date: "desc" },
      include: { items: { orderBy: { order: "asc" }, select: { id: true, order: true, identifier: true, title: true } } },
    });
    sendJson(res, 200, {
      ok: true,
      data: {
        council: {
          id: council.id,
          name: council.name,
          commune: council.commune,
          siren: council.siren,
          siret: council.siret,
          departement: council.departement,
          ruleSet: council.ruleSet,
          settings: JSON.parse(council.settings) as unknown,
        },
        members: members.map((m) => ({
          id: m.id,
          civility: m.civility,
          firstName: m.firstName,
          lastName: m.lastName,
          role: m.role,
          group: m.group,
          seat: m.seat,
        })),
        sittings: sittings.map((s) => ({ id: s.id, date: s.date, time: s.time, place: s.place, status: s.status, items: s.items })),
      },
    });
  }

  async function clerkCreateSitting(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const councilId = await clerkCouncil(deps, req, res);
    if (!councilId) return;
    const body = CreateSittingSchema.safeParse(await readJson(req));
    if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
    const r = await createSitting(deps.db, councilId, body.data);
    if ("error" in r) return sendError(res, 400, "bad-request", r.error);
    sendJson(res, 201, { ok: true, data: r });
  }

  async function demoLinks(res: ServerResponse): Promise<void> {
    const users = await deps.db.user.findMany({ include: { member: true }, orderBy: { login: "asc" } });
    const sittings = await deps.db.sitting.findMany({ orderBy: { date: "asc" } });
    const links = [];
    for (const u of users) {
      const sid = await currentSittingId(u.councilId);
      const sitting = sittings.find((s) => s.id === sid);
      const secretaries = sitting ? (JSON.parse(sitting.secretaryIds) as string[]) : [];
      const isSecretary = !!u.memberId && secretaries.includes(u.memberId);
      links.push({
        userId: u.id,
        role: isSecretary ? "secretary" : u.role,
        name: u.displayName,
        seat: u.member?.seat ?? null,
        href: `/demo/signin?as=${encodeURIComponent(u.id)}${isSecretary && sid ? `&to=${encodeURIComponent(`/minutes/${sid}`)}` : ""}`,
      });
    }
    const publicLinks = sittings.map((s) => ({ sittingId: s.id, date: s.date, href: `/public/${s.id}` }));
    sendJson(res, 200, { ok: true, data: { links, publicLinks } });
  }

  async function demoSignIn(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = url.searchParams.get("as") ?? "";
    const user = await deps.db.user.findUnique({ where: { id } });
    if (!user) return sendError(res, 404, "unknown-member");
    const to = url.searchParams.get("to");
    const home = to && /^\/[a-z]+\/[A-Za-z0-9_-]+$/.test(to) ? to : homeFor(user.role, await currentSittingId(user.councilId));
    const token = await signAuthToken(deps.keys, user.id, STAFF_TTL);
    res.writeHead(303, {
      Location: home,
      "Set-Cookie": authCookie(token, { secure: deps.secureCookies(req), maxAgeSeconds: STAFF_TTL }),
      "Cache-Control": "no-store",
    });
    res.end();
  }

  async function publicSittings(res: ServerResponse): Promise<void> {
    const rows = await deps.db.sitting.findMany({ include: { council: true }, orderBy: [{ date: "desc" }, { time: "desc" }] });
    sendJson(res, 200, {
      ok: true,
      data: rows.map((s) => ({
        id: s.id,
        council: s.council.name,
        date: s.date,
        time: s.time,
        place: s.place,
        status: s.status,
        secondConvocation: s.secondConvocation,
        url: `/public/${s.id}`,
      })),
    });
  }

  async function publicAgenda(res: ServerResponse, id: string): Promise<void> {
    if (!SittingIdSchema.safeParse(id).success) return sendError(res, 400, "bad-request", "sitting id");
    const items = await deps.db.agendaItem.findMany({ where: { sittingId: id }, orderBy: { order: "asc" } });
    sendJson(res, 200, {
      ok: true,
      data: items.map((it) => ({
        id: it.id,
        order: it.order,
        identifier: it.identifier,
        title: it.title,
        kind: it.kind,
        rapporteurs: JSON.parse(it.rapporteurs) as string[],
        commission: it.commission,
        service: it.service,
        expose: it.expose,
        proposals: JSON.parse(it.proposals) as string[],
        attachments: JSON.parse(it.attachments) as string[],
        actesCode: it.actesCode,
        actesLabel: it.actesLabel,
      })),
    });
  }

  function openSse(req: IncomingMessage, res: ServerResponse, r: SittingRoom): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    const view = projectPublic(r.state, r.header);
    res.write(`retry: 2000\nid: ${view.seq}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`);
    const sid = r.state.sittingId;
    let set = sseClients.get(sid);
    if (!set) sseClients.set(sid, (set = new Set()));
    set.add(res);
    watchForSse(r);
    const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
    req.on("close", () => {
      clearInterval(ping);
      set.delete(res);
    });
  }

  /** Returns true when the request was an API request (handled here). */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const p = url.pathname;
    const method = req.method ?? "GET";
    if (!p.startsWith("/api/") && p !== "/demo/signin") return false;
    try {
      if (p === "/api/health" && method === "GET") {
        sendJson(res, 200, { ok: true, data: { durability: await readDurability(deps.db) } });
      } else if (p === "/api/auth/signin" && method === "POST") await signIn(req, res);
      else if (p === "/api/auth/pair" && method === "POST") await pair(req, res);
      else if (p === "/api/auth/signout" && method === "POST")
        sendJson(res, 200, { ok: true, data: {} }, { "Set-Cookie": clearAuthCookie(deps.secureCookies(req)) });
      else if (p === "/api/auth/me" && method === "GET") {
        const actor = await identify(deps.db, deps.keys, req.headers.cookie);
        sendJson(res, 200, { ok: true, data: actor ? { ...actor, home: homeFor(actor.role, await currentSittingId(actor.councilId ?? "")) } : null });
      } else if (deps.demo && p === "/api/demo/links" && method === "GET") await demoLinks(res);
      else if (deps.demo && p === "/demo/signin" && method === "GET") await demoSignIn(req, res, url);
      else if (p === "/api/clerk/pairings" && method === "POST") await issuePairing(req, res);
      else if (p === "/api/clerk/overview" && method === "GET") await clerkOverview(req, res);
      else if (p === "/api/clerk/sittings" && method === "POST") await clerkCreateSitting(req, res);
      else if (p === "/api/public/sittings" && method === "GET") await publicSittings(res);
      else if (/^\/api\/sittings\/[A-Za-z0-9_-]{1,64}\/minutes-access$/.test(p) && method === "GET") {
        const sid = p.split("/")[3] ?? "";
        const actor = await identify(deps.db, deps.keys, req.headers.cookie);
        sendJson(res, 200, {
          ok: true,
          data: { access: await minutesAccess(deps.db, deps.keys, req.headers.cookie, sid), name: actor?.displayName ?? "Public" },
        });
      } else {
        const m = /^\/api\/public\/sittings\/([^/]+)(\/events|\/agenda)?$/.exec(p);
        if (m && method === "GET") {
          const id = decodePathSegment(m[1] ?? "");
          // A malformed escape (%E0%A4%A) is the client's mistake (400), not a server error.
          if (id === null) sendError(res, 400, "bad-request", "sitting id is not valid percent-encoding");
          else if (m[2] === "/agenda") await publicAgenda(res, id);
          else {
            const r = await room(res, id);
            if (r) {
              if (m[2] === "/events") openSse(req, res, r);
              else sendJson(res, 200, { ok: true, data: projectPublic(r.state, r.header) });
            }
          }
        } else sendError(res, 404, "bad-request", `no such endpoint: ${method} ${p}`);
      }
    } catch (err) {
      if (err instanceof BodyError) sendError(res, 400, "bad-request", err.message);
      else {
        console.error(`api ${method} ${p} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendError(res, 500, "internal");
        else res.end();
      }
    }
    return true;
  }

  return { handle };
}
