// HTTP edge of the clerk's setup screen: the roster (CSV export and import), the sittings' details
// and agenda, the import of draft deliberations, and the council's settings. Each handler: who asks
// (the clerk of this council only) → parse → one domain call → refresh the live rooms → reply.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { describeZodError, REJECTIONS } from "../../core/sitting/protocol";
import type { Db } from "../db/client";
import type { AuthKeys } from "../auth/tokens";
import type { RoomRegistry } from "../realtime/sitting-room";
import {
  createItem,
  CreateItemSchema,
  deleteItem,
  getClerkSitting,
  reorderItems,
  ReorderSchema,
  updateItem,
  UpdateItemSchema,
  updateSitting,
  UpdateSittingSchema,
} from "../clerk/agenda";
import type { ClerkRefusal } from "../clerk/clerk-result";
import { getCouncilSetup, updateCouncilSettings, UpdateSettingsSchema } from "../clerk/council-settings";
import { IMPORT_BODY_LIMIT, importDrafts, ImportDraftsSchema, notImported } from "../clerk/import-drafts";
import { exportRosterCsv, importRoster, listMembers, openSittingIds, ROSTER_BODY_LIMIT, RosterImportSchema } from "../clerk/roster";
import { BodyError, readJson, sendError, sendJson } from "./respond";
import { clerkCouncil } from "./clerk-guard";

export interface ClerkDeps {
  db: Db;
  keys: AuthKeys;
  rooms: RoomRegistry;
}

const ID = "([A-Za-z0-9_-]{1,64})";
const SITTING = new RegExp(`^/api/clerk/sittings/${ID}(/items|/items/reorder|/import)?$`);
const ITEM = new RegExp(`^/api/clerk/items/${ID}$`);

type Handler = (req: IncomingMessage, res: ServerResponse, councilId: string) => Promise<void>;

export function createClerkRoutes(deps: ClerkDeps) {
  function sendRefusal(res: ServerResponse, r: ClerkRefusal, data?: unknown): void {
    const base = REJECTIONS[r.code];
    sendJson(res, r.status, {
      ok: false,
      error: { code: r.code, message: `${base.fr} / ${base.en}`, detail: r.text.en, text: r.text },
      ...(data !== undefined ? { data } : {}),
    });
  }

  async function parse<T extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: T, limit?: number): Promise<z.infer<T> | null> {
    const body = schema.safeParse(await readJson(req, limit));
    if (body.success) return body.data;
    sendError(res, 400, "bad-request", describeZodError(body.error));
    return null;
  }

  /** Live views reload after a change; a failed reload must not undo a committed change. */
  async function refresh(sittingIds: readonly string[]): Promise<void> {
    for (const id of sittingIds) {
      try {
        await deps.rooms.refresh(id);
      } catch (err) {
        console.error(`refresh of ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** A sitting or item of another council is refused as such (403), an unknown one is 404. */
  async function ownsSitting(res: ServerResponse, councilId: string, sittingId: string): Promise<boolean> {
    const s = await deps.db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
    if (!s) sendError(res, 404, "unknown-sitting");
    else if (s.councilId !== councilId) sendError(res, 403, "wrong-sitting");
    return !!s && s.councilId === councilId;
  }
  async function ownsItem(res: ServerResponse, councilId: string, itemId: string): Promise<boolean> {
    const it = await deps.db.agendaItem.findUnique({ where: { id: itemId }, select: { sitting: { select: { councilId: true } } } });
    if (!it) sendError(res, 404, "unknown-item");
    else if (it.sitting.councilId !== councilId) sendError(res, 403, "wrong-sitting");
    return !!it && it.sitting.councilId === councilId;
  }

  const council: Handler = async (_req, res, councilId) => sendJson(res, 200, { ok: true, data: await getCouncilSetup(deps.db, councilId) });

  const settings: Handler = async (req, res, councilId) => {
    const body = await parse(req, res, UpdateSettingsSchema);
    if (!body) return;
    const r = await updateCouncilSettings(deps.db, councilId, body);
    if (!r.ok) return sendRefusal(res, r);
    await refresh(r.value.sittingIds);
    sendJson(res, 200, { ok: true, data: await getCouncilSetup(deps.db, councilId) });
  };

  const members: Handler = async (_req, res, councilId) => sendJson(res, 200, { ok: true, data: await listMembers(deps.db, councilId) });

  const membersCsv: Handler = async (_req, res, councilId) => {
    const csv = await exportRosterCsv(deps.db, councilId);
    res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="elus-${councilId.replace(/[^A-Za-z0-9_-]/g, "_")}.csv"`,
      "Cache-Control": "no-store",
    });
    res.end(csv);
  };

  const membersImport: Handler = async (req, res, councilId) => {
    const body = await parse(req, res, RosterImportSchema, ROSTER_BODY_LIMIT);
    if (!body) return;
    const r = await importRoster(deps.db, councilId, body);
    if (!r.ok) return sendRefusal(res, r);
    if (!body.dryRun && !r.value.applied) {
      const n = r.value.problems.length;
      return sendRefusal(
        res,
        {
          ok: false,
          status: 400,
          code: "bad-request",
          text: { fr: `Rien n'a été enregistré : ${n} problème(s) à corriger`, en: `Nothing was saved: ${n} problem(s) to fix` },
        },
        r.value,
      );
    }
    if (r.value.applied) await refresh(await openSittingIds(deps.db, councilId));
    sendJson(res, 200, { ok: true, data: r.value });
  };

  async function sitting(req: IncomingMessage, res: ServerResponse, councilId: string, sid: string, sub: string | undefined): Promise<void> {
    const method = req.method ?? "GET";
    if (!(await ownsSitting(res, councilId, sid))) return;
    if (sub === undefined && method === "GET") {
      const r = await getClerkSitting(deps.db, councilId, sid);
      return r.ok ? sendJson(res, 200, { ok: true, data: r.value }) : sendRefusal(res, r);
    }
    if (sub === undefined && method === "PATCH") {
      const body = await parse(req, res, UpdateSittingSchema);
      if (!body) return;
      const r = await updateSitting(deps.db, councilId, sid, body);
      if (!r.ok) return sendRefusal(res, r);
      await refresh([sid]);
      return sendJson(res, 200, { ok: true, data: {} });
    }
    if (sub === "/items" && method === "POST") {
      const body = await parse(req, res, CreateItemSchema);
      if (!body) return;
      const r = await createItem(deps.db, councilId, sid, body);
      if (!r.ok) return sendRefusal(res, r);
      await refresh([sid]);
      return sendJson(res, 201, { ok: true, data: r.value });
    }
    if (sub === "/items/reorder" && method === "POST") {
      const body = await parse(req, res, ReorderSchema);
      if (!body) return;
      const r = await reorderItems(deps.db, councilId, sid, body.itemIds);
      if (!r.ok) return sendRefusal(res, r);
      await refresh([sid]);
      return sendJson(res, 200, { ok: true, data: r.value });
    }
    if (sub === "/import" && method === "POST") {
      const body = await parse(req, res, ImportDraftsSchema, IMPORT_BODY_LIMIT);
      if (!body) return;
      const r = await importDrafts(deps.db, councilId, sid, body);
      if (!r.ok) return sendRefusal(res, r);
      if (!body.dryRun && !r.value.importable)
        return sendRefusal(res, { ok: false, status: 400, code: "bad-request", text: notImported(r.value.files) }, r.value);
      if (r.value.created.length) await refresh([sid]);
      return sendJson(res, body.dryRun ? 200 : 201, { ok: true, data: r.value });
    }
    sendError(res, 404, "bad-request", `no such endpoint: ${method} ${req.url ?? ""}`);
  }

  async function item(req: IncomingMessage, res: ServerResponse, councilId: string, itemId: string): Promise<void> {
    const method = req.method ?? "GET";
    if (!(await ownsItem(res, councilId, itemId))) return;
    if (method === "PATCH") {
      const body = await parse(req, res, UpdateItemSchema);
      if (!body) return;
      const r = await updateItem(deps.db, councilId, itemId, body);
      if (!r.ok) return sendRefusal(res, r);
      await refresh([r.value.sittingId]);
      return sendJson(res, 200, { ok: true, data: {} });
    }
    if (method === "DELETE") {
      const r = await deleteItem(deps.db, councilId, itemId);
      if (!r.ok) return sendRefusal(res, r);
      await refresh([r.value.sittingId]);
      return sendJson(res, 200, { ok: true, data: {} });
    }
    sendError(res, 404, "bad-request", `no such endpoint: ${method} ${req.url ?? ""}`);
  }

  /** Which handler a path and method name; null for paths other routes own (create, minutes, publication). */
  function route(p: string, method: string): ((req: IncomingMessage, res: ServerResponse, councilId: string) => Promise<void>) | null {
    if (p === "/api/clerk/council") return method === "GET" ? council : null;
    if (p === "/api/clerk/council/settings") return method === "PATCH" ? settings : null;
    if (p === "/api/clerk/members") return method === "GET" ? members : null;
    if (p === "/api/clerk/members.csv") return method === "GET" ? membersCsv : null;
    if (p === "/api/clerk/members/import") return method === "POST" ? membersImport : null;
    const s = SITTING.exec(p);
    if (s && ["GET", "PATCH", "POST"].includes(method)) {
      // POST on the sitting itself is not ours; GET/PATCH on its sub-paths neither.
      if ((s[2] === undefined) === (method === "POST")) return null;
      return (req, res, councilId) => sitting(req, res, councilId, s[1]!, s[2]);
    }
    const i = ITEM.exec(p);
    if (i && (method === "PATCH" || method === "DELETE")) return (req, res, councilId) => item(req, res, councilId, i[1]!);
    return null;
  }

  /** Returns true when the request was one of the clerk's setup routes (handled here). */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = req.method ?? "GET";
    const handler = route(url.pathname, method);
    if (!handler) return false;
    try {
      const councilId = await clerkCouncil(deps, req, res);
      if (councilId) await handler(req, res, councilId);
    } catch (err) {
      if (err instanceof BodyError) sendError(res, 400, "bad-request", err.message);
      else {
        console.error(`clerk ${method} ${url.pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendError(res, 500, "internal");
        else res.end();
      }
    }
    return true;
  }

  return { handle };
}
