// HTTP edge of the official records: extracts and the list of deliberations (HTML, PDF), the SCDL
// open-data CSV, and the clerk's publication dates. Extracts are public acts once the item is decided.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeZodError } from "../../core/sitting/protocol";
import { renderDeliberationListHtml, renderExtractHtml } from "../../core/records/extract";
import type { Db } from "../db/client";
import type { AuthKeys } from "../auth/tokens";
import type { RoomRegistry } from "../realtime/sitting-room";
import { UnknownSittingError } from "../store/sitting-store";
import { createPdfRenderer, PdfUnavailableError, type PdfRenderer } from "../records/pdf-renderer";
import { buildCouncilScdl, buildItemExtract, buildSittingDeliberationList, PublicationSchema, updatePublication } from "../records/records-service";
import { BodyError, isSameOrigin, readJson, sendError, sendJson } from "./respond";
import { clerkCouncil } from "./clerk-guard";

export interface RecordsDeps {
  db: Db;
  keys: AuthKeys;
  /** Not read: records are rebuilt from the database, which is never behind a room's cache. */
  rooms: RoomRegistry;
  /** One Chromium for every PDF the server renders (records and minutes). */
  pdf?: PdfRenderer;
}

const ID = "([A-Za-z0-9_-]{1,64})";
const EXTRACT = new RegExp(`^/records/sittings/${ID}/items/${ID}/extract(\\.pdf)?$`);
const LIST = new RegExp(`^/records/sittings/${ID}/deliberations(\\.pdf)?$`);
const SCDL = new RegExp(`^/records/councils/${ID}/scdl\\.csv$`);
const PUBLICATION = new RegExp(`^/api/clerk/items/${ID}/publication$`);

export function createRecordsRoutes(deps: RecordsDeps) {
  const pdf = deps.pdf ?? createPdfRenderer();

  async function sendDocument(res: ServerResponse, html: string, asPdf: boolean, filename: string): Promise<void> {
    if (!asPdf) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(html);
      return;
    }
    const body = await pdf.renderPdf(html);
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}.pdf"`,
      "Content-Length": String(body.length),
      "Cache-Control": "no-cache",
    });
    res.end(body);
  }

  async function extract(res: ServerResponse, sittingId: string, itemId: string, asPdf: boolean): Promise<void> {
    const model = await buildItemExtract(deps.db, sittingId, itemId);
    if (!model) return sendError(res, 404, "unknown-item", "no decided item with this id in this sitting");
    await sendDocument(res, renderExtractHtml(model), asPdf, `extrait-${model.item.identifier.replace(/[^A-Za-z0-9_-]/g, "_")}`);
  }

  async function deliberations(res: ServerResponse, sittingId: string, asPdf: boolean): Promise<void> {
    const model = await buildSittingDeliberationList(deps.db, sittingId);
    await sendDocument(res, renderDeliberationListHtml(model), asPdf, `deliberations-${sittingId}`);
  }

  async function scdl(req: IncomingMessage, res: ServerResponse, councilId: string): Promise<void> {
    const proto = req.headers["x-forwarded-proto"] === "https" || "encrypted" in req.socket ? "https" : "http";
    const host = req.headers.host;
    const out = await buildCouncilScdl(deps.db, councilId, host ? { baseUrl: `${proto}://${host}` } : {});
    if (!out) return sendError(res, 404, "bad-request", `unknown council ${councilId}`);
    res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deliberations-${councilId}.csv"`,
      "Cache-Control": "no-cache",
      ...(out.skipped.length ? { "X-Scdl-Skipped": out.skipped.map((s) => s.identifier).join(",") } : {}),
    });
    res.end(out.csv);
  }

  async function publication(req: IncomingMessage, res: ServerResponse, itemId: string): Promise<void> {
    const councilId = await clerkCouncil(deps, req, res);
    if (!councilId) return;
    const body = PublicationSchema.safeParse(await readJson(req));
    if (!body.success) return sendError(res, 400, "bad-request", describeZodError(body.error));
    const r = await updatePublication(deps.db, councilId, itemId, body.data);
    if (!r.ok) return sendError(res, r.status, r.code, r.detail);
    sendJson(res, 200, { ok: true, data: r.item });
  }

  /** Returns true when the request was for the records (handled here). */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const p = url.pathname;
    const method = req.method ?? "GET";
    const pub = PUBLICATION.exec(p);
    if (!pub && !p.startsWith("/records/")) return false;
    try {
      if (pub) {
        if (method !== "POST") sendError(res, 404, "bad-request", `no such endpoint: ${method} ${p}`);
        else if (!isSameOrigin(req)) sendError(res, 403, "forbidden", "cross-site request refused");
        else await publication(req, res, pub[1] ?? "");
        return true;
      }
      const ex = EXTRACT.exec(p);
      const li = LIST.exec(p);
      const sc = SCDL.exec(p);
      if (method !== "GET" && method !== "HEAD") sendError(res, 404, "bad-request", `no such endpoint: ${method} ${p}`);
      else if (ex) await extract(res, ex[1] ?? "", ex[2] ?? "", !!ex[3]);
      else if (li) await deliberations(res, li[1] ?? "", !!li[2]);
      else if (sc) await scdl(req, res, sc[1] ?? "");
      else sendError(res, 404, "bad-request", `no such endpoint: ${method} ${p}`);
    } catch (err) {
      if (err instanceof BodyError) sendError(res, 400, "bad-request", err.message);
      else if (err instanceof UnknownSittingError) sendError(res, 404, "unknown-sitting");
      else if (err instanceof PdfUnavailableError) sendError(res, 503, "internal", `PDF unavailable: ${err.message}`);
      else {
        console.error(`records ${method} ${p} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendError(res, 500, "internal");
        else res.end();
      }
    }
    return true;
  }

  return { handle, close: () => pdf.close() };
}
