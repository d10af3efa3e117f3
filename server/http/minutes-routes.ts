// HTTP edge for the minutes: the procès-verbal export (HTML, PDF) and the clerk's approval and
// publication. Who asks → parse → one call → reply.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { describeZodError } from "../../core/sitting/protocol";
import type { Db } from "../db/client";
import type { AuthKeys } from "../auth/tokens";
import type { RoomRegistry } from "../realtime/sitting-room";
import { approveMinutes, currentMinutesDoc, publishMinutes } from "../minutes/minutes-service";
import { renderProcesVerbal } from "../minutes/pv";
import { minutesAccess } from "../yjs/minutes-ws";
import { UnknownSittingError } from "../store/sitting-store";
import { BodyError, readJson, sendError, sendJson } from "./respond";
import { PdfUnavailableError } from "../records/pdf-renderer";
import { clerkCouncil } from "./clerk-guard";

const ApproveSchema = z.strictObject({ atSittingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export function createMinutesRoutes(deps: { db: Db; keys: AuthKeys; rooms: RoomRegistry; renderPdf?: (html: string) => Promise<Buffer> }) {
  async function exportPv(req: IncomingMessage, res: ServerResponse, sid: string, pdf: boolean): Promise<void> {
    if ((await minutesAccess(deps.db, deps.keys, req.headers.cookie, sid)) === "none") return sendError(res, 403, "forbidden", "the minutes are not published");
    const room = await deps.rooms.get(sid);
    const { html } = await renderProcesVerbal(deps.db, room, await currentMinutesDoc(deps.db, sid));
    if (pdf && deps.renderPdf) {
      const buf = await deps.renderPdf(html);
      res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="pv-${sid}.pdf"`, "Cache-Control": "no-store" });
      res.end(buf);
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(html);
  }

  async function clerkAction(req: IncomingMessage, res: ServerResponse, sid: string, action: "approve" | "publish"): Promise<void> {
    const councilId = await clerkCouncil(deps, req, res);
    if (!councilId) return;
    // As the clerk's other routes: an unknown sitting is 404, another council's is 403 (not a 400 "wrong state").
    const owner = await deps.db.sitting.findUnique({ where: { id: sid }, select: { councilId: true } });
    if (!owner) return sendError(res, 404, "unknown-sitting");
    if (owner.councilId !== councilId) return sendError(res, 403, "wrong-sitting");
    let r: { ok: true } | { ok: false; reason: string };
    if (action === "approve") {
      const body = ApproveSchema.safeParse(await readJson(req));
      if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
      r = await approveMinutes(deps.db, councilId, sid, body.data.atSittingId);
    } else r = await publishMinutes(deps.db, councilId, sid, new Date());
    if (!r.ok) return sendError(res, 400, "wrong-state", r.reason);
    sendJson(res, 200, { ok: true, data: {} });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/(?:records|api\/clerk)\/sittings\/([A-Za-z0-9_-]{1,64})\/minutes(\.pdf|\/approve|\/publish)?$/.exec(url.pathname);
    if (!m) return false;
    const sid = m[1]!;
    const method = req.method ?? "GET";
    try {
      if (url.pathname.startsWith("/records/") && method === "GET" && (m[2] === undefined || m[2] === ".pdf")) await exportPv(req, res, sid, m[2] === ".pdf");
      else if (url.pathname.startsWith("/api/clerk/") && method === "POST" && (m[2] === "/approve" || m[2] === "/publish"))
        await clerkAction(req, res, sid, m[2] === "/approve" ? "approve" : "publish");
      else return false;
    } catch (err) {
      if (err instanceof UnknownSittingError) sendError(res, 404, "unknown-sitting");
      else if (err instanceof BodyError) sendError(res, 400, "bad-request", err.message);
      else if (err instanceof PdfUnavailableError) sendError(res, 503, "internal", err.message);
      else throw err;
    }
    return true;
  }
  return { handle };
}
