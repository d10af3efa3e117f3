// The official records, public: each decided item's extract (HTML, PDF) and its annexes, the list of
// deliberations, the SCDL open-data file and the rows it had to leave out. A published record is
// served as it was published (its latest version, or `?version=n`); before that, as it stands.
import { recordsRoutes } from "../../../core/api/records";
import type { RouteContract } from "../../../core/api/contract";
import { contentDisposition } from "../../../core/records/annexes";
import { toCsv } from "../../../core/records/csv";
import type { RecordKind } from "../../../core/records/publication";
import { done, refuse } from "../../../core/refusal";
import { readAnnex } from "../../records/annex-service";
import { readPublished, type Rendered } from "../../records/frozen-records";
import { renderExtractRecord, renderListRecord } from "../../records/publication-service";
import { loadRecordContext, type RecordContext } from "../../records/record-context";
import { buildCouncilScdl } from "../../records/scdl-service";
import { publishedRecords } from "../../records/published-index";
import { SENT, type Answered, type RouteContext, type Router } from "../router";
import type { HttpDeps } from "./deps";

type DocContext = RouteContext<RouteContract>;

export function registerRecordsRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;

  function sendHtml(ctx: DocContext, html: string, headers: Record<string, string> = {}): typeof SENT {
    ctx.res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", ...headers });
    ctx.res.end(html);
    return SENT;
  }

  function sendPdf(ctx: DocContext, pdf: Buffer, filename: string, headers: Record<string, string> = {}): typeof SENT {
    ctx.res.writeHead(200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition("inline", `${filename}.pdf`),
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-cache",
      ...headers,
    });
    ctx.res.end(pdf);
    return SENT;
  }

  /**
   * The published version when there is one (an earlier one on `?version=n`), else the record as it
   * stands (`live`; null when it is not a record yet: 404).
   */
  async function serve(
    ctx: DocContext,
    asPdf: boolean,
    record: RecordKind,
    itemId: string | null,
    filename: string,
    live: (rc: RecordContext, origin: string) => Rendered | null,
  ): Promise<Answered<unknown>> {
    const sittingId = ctx.params.sittingId!;
    const rc = await loadRecordContext(db, sittingId);
    if (itemId && !rc.loaded.state.items[itemId]) return refuse(404, "unknown-item", "Point inconnu dans cette séance.", "no such item in this sitting");
    const asked = (ctx.input as { version?: string } | undefined)?.version;
    const frozen = await readPublished(db, rc.loaded.state, { sittingId, record, itemId }, asked ? Number(asked) : undefined);
    if (frozen) {
      const headers: Record<string, string> = { "X-Record-Version": String(frozen.version.version), "X-Record-Latest-Version": String(frozen.latest) };
      return asPdf ? sendPdf(ctx, Buffer.from(frozen.row.pdf), filename, headers) : sendHtml(ctx, frozen.row.html, headers);
    }
    if (asked) return refuse(404, "unknown-endpoint", "Cette version n'a pas été publiée.", `version ${asked} was not published`);
    const rendered = live(rc, deps.policy.originFor(ctx.req));
    if (!rendered) return refuse(404, "unknown-item", "Aucun point décidé de ce numéro dans cette séance", "no decided item with this id in this sitting");
    if (!asPdf) return sendHtml(ctx, rendered.html);
    return sendPdf(ctx, await deps.pdf.renderPdf(rendered.html, deps.policy.clientAddress(ctx.req), { footer: rendered.footer }), filename);
  }

  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");
  const extract = (asPdf: boolean) => (ctx: DocContext) => {
    const itemId = ctx.params.itemId!;
    return serve(ctx, asPdf, "extract", itemId, `extrait-${safe(itemId)}`, (rc, origin) => renderExtractRecord(rc, itemId, origin, null));
  };
  router.add(recordsRoutes.extract, extract(false));
  router.add(recordsRoutes.extractPdf, extract(true));

  const list = (asPdf: boolean) => (ctx: DocContext) =>
    serve(ctx, asPdf, "deliberations", null, `deliberations-${safe(ctx.params.sittingId!)}`, (rc, origin) => renderListRecord(rc, origin, null, null));
  router.add(recordsRoutes.deliberations, list(false));
  router.add(recordsRoutes.deliberationsPdf, list(true));

  router.add(recordsRoutes.published, async () => done(await publishedRecords(db)));
  router.add(recordsRoutes.publishedOfSitting, async (ctx) => {
    const [one] = await publishedRecords(db, ctx.params.sittingId);
    return one ? done(one) : refuse(404, "unknown-sitting", "Séance inconnue.", "unknown sitting");
  });

  router.add(recordsRoutes.annex, async (ctx) => {
    const a = await readAnnex(db, ctx.actor, ctx.params.sittingId!, ctx.params.itemId!, ctx.params.annexId!);
    if (!a) return refuse(404, "unknown-item", "Annexe inconnue ou non encore publiée.", "no such annex, or its act is not published yet");
    const inline = a.mediaType === "application/pdf" || a.mediaType.startsWith("image/");
    ctx.res.writeHead(200, {
      "Content-Type": a.mediaType,
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", a.name),
      "Content-Length": String(a.bytes.length),
      "Cache-Control": "no-cache",
      // A deposited file is shown, never run as a page of this site.
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    });
    ctx.res.end(a.bytes);
    return SENT;
  });

  router.add(recordsRoutes.scdl, async (ctx) => {
    const councilId = ctx.params.councilId!;
    const out = await buildCouncilScdl(db, councilId, { baseUrl: deps.policy.originFor(ctx.req) });
    if (!out) return refuse(404, "unknown-endpoint", `Conseil inconnu : ${councilId}`, `unknown council ${councilId}`);
    ctx.res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deliberations-${safe(councilId)}.csv"`,
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
      "Content-Disposition": `attachment; filename="deliberations-${safe(councilId)}-refusees.csv"`,
      "Cache-Control": "no-cache",
    });
    ctx.res.end(csv);
    return SENT;
  });
}
