// The official records: each decided item's extract and the list of deliberations (HTML, PDF), the
// SCDL open-data file and the rows it had to leave out, and the clerk's publication dates.
// Extracts are public acts once the item is decided.
import type { ServerResponse } from "node:http";
import { recordsRoutes } from "../../../core/api/records";
import { toCsv } from "../../../core/records/csv";
import { renderDeliberationListHtml, renderExtractHtml } from "../../../core/records/extract-html";
import { done, refuse } from "../../../core/refusal";
import { buildCouncilScdl, buildItemExtract, buildSittingDeliberationList, updatePublication } from "../../records/records-service";
import { SENT, type Answered, type RouteContext, type Router } from "../router";
import type { HttpDeps } from "./deps";
import type { RouteContract } from "../../../core/api/contract";

export function registerRecordsRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;

  async function sendDocument(ctx: RouteContext<RouteContract>, html: string, asPdf: boolean, filename: string): Promise<typeof SENT> {
    const res: ServerResponse = ctx.res;
    if (!asPdf) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(html);
      return SENT;
    }
    const body = await deps.pdf.renderPdf(html, deps.policy.clientAddress(ctx.req));
    res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}.pdf"`,
      "Content-Length": String(body.length),
      "Cache-Control": "no-cache",
    });
    res.end(body);
    return SENT;
  }

  const extract =
    (asPdf: boolean) =>
    async (ctx: RouteContext<RouteContract>): Promise<Answered<unknown>> => {
      const model = await buildItemExtract(db, ctx.params.sittingId!, ctx.params.itemId!);
      if (!model) return refuse(404, "unknown-item", "Aucun point décidé de ce numéro dans cette séance", "no decided item with this id in this sitting");
      return sendDocument(ctx, renderExtractHtml(model), asPdf, `extrait-${model.item.identifier.replace(/[^A-Za-z0-9_-]/g, "_")}`);
    };
  router.add(recordsRoutes.extract, extract(false));
  router.add(recordsRoutes.extractPdf, extract(true));

  const list =
    (asPdf: boolean) =>
    async (ctx: RouteContext<RouteContract>): Promise<Answered<unknown>> => {
      const model = await buildSittingDeliberationList(db, ctx.params.sittingId!);
      return sendDocument(ctx, renderDeliberationListHtml(model), asPdf, `deliberations-${ctx.params.sittingId!}`);
    };
  router.add(recordsRoutes.deliberations, list(false));
  router.add(recordsRoutes.deliberationsPdf, list(true));

  router.add(recordsRoutes.scdl, async (ctx) => {
    const councilId = ctx.params.councilId!;
    const out = await buildCouncilScdl(db, councilId, { baseUrl: deps.policy.originFor(ctx.req) });
    if (!out) return refuse(404, "unknown-endpoint", `Conseil inconnu : ${councilId}`, `unknown council ${councilId}`);
    ctx.res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deliberations-${councilId}.csv"`,
      "Cache-Control": "no-cache",
      // A count, never user text: the rows left out (and why) are in scdl-refused.csv.
      "X-Scdl-Refused-Count": String(out.skipped.length),
    });
    ctx.res.end(out.csv);
    return SENT;
  });

  router.add(recordsRoutes.scdlRefused, async (ctx) => {
    const councilId = ctx.params.councilId!;
    const out = await buildCouncilScdl(db, councilId, { baseUrl: deps.policy.originFor(ctx.req) });
    if (!out) return refuse(404, "unknown-endpoint", `Conseil inconnu : ${councilId}`, `unknown council ${councilId}`);
    const csv = toCsv([["DELIB_ID", "PROBLEMES"], ...out.skipped.map((s) => [s.identifier, s.problems.join(" ; ")])], { delimiter: ",", bom: false });
    ctx.res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deliberations-${councilId}-refusees.csv"`,
      "Cache-Control": "no-cache",
    });
    ctx.res.end(csv);
    return SENT;
  });

  router.add(recordsRoutes.publication, async (ctx) => {
    const r = await updatePublication(db, ctx.councilId, ctx.params.itemId!, ctx.input);
    return r.ok ? done(r.item) : { ok: false, code: r.code, status: r.status, detail: r.detail };
  });
}
