// The weeks before the sitting (#19) over HTTP: the clerk's convocation desk, the printable
// convocation and ordre du jour, and a member's reading, acknowledgement and declarations — from the
// paired device (signed in) or the e-mail's link (its token). Each handler: who asks → one call.
import { convocationRoutes } from "../../../core/api/convocation";
import type { RouteContract } from "../../../core/api/contract";
import { renderAgendaHtml, renderConvocationHtml } from "../../../core/convocation/documents";
import { contentDisposition } from "../../../core/records/annexes";
import { done, refuse, type Result } from "../../../core/refusal";
import { clerkConvocation, declarationDocument, paperDeclaration, publishAgenda, updateConvocation } from "../../convocation/clerk-side";
import { buildDocument, loadConvocationContext, ownSitting, todayFor, type ConvocationDeps } from "../../convocation/context";
import { retryMail, sendConvocation } from "../../convocation/dispatch";
import { acknowledge, declareFor, deviceMember, memberConvocation, resolveLink } from "../../convocation/member-side";
import type { Mailer } from "../../convocation/mailer";
import type { Clock } from "../../ports";
import { created, SENT, type RouteContext, type Router } from "../router";
import type { HttpDeps } from "./deps";

function sendFile(ctx: RouteContext<RouteContract>, bytes: Buffer, mediaType: string, name: string): typeof SENT {
  const inline = mediaType === "application/pdf" || mediaType.startsWith("image/");
  ctx.res.writeHead(200, {
    "Content-Type": mediaType,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", name),
    "Content-Length": String(bytes.length),
    "Cache-Control": "no-store",
    "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  ctx.res.end(bytes);
  return SENT;
}

export function registerConvocationRoutes(router: Router, http: HttpDeps, extra: { mailer: Mailer; clock: Clock }): void {
  const deps: ConvocationDeps = {
    db: http.db,
    rooms: http.rooms,
    pdf: http.pdf,
    mailer: extra.mailer,
    keys: http.keys,
    clock: extra.clock,
    logger: http.logger,
  };
  const refresh = (sid: string) => http.rooms.refresh(sid).catch(() => undefined);
  const own = (ctx: RouteContext<RouteContract>) => ownSitting(http.db, ctx.councilId, ctx.params.sittingId!);

  router.add(convocationRoutes.clerkView, async (ctx) => {
    const o = await own(ctx);
    return o.ok ? clerkConvocation(deps, ctx.params.sittingId!) : o;
  });
  router.add(convocationRoutes.update, async (ctx) => {
    const o = await own(ctx);
    return o.ok ? updateConvocation(deps, ctx.params.sittingId!, ctx.input) : o;
  });
  router.add(convocationRoutes.send, async (ctx) => {
    const o = await own(ctx);
    if (!o.ok) return o;
    const r = await sendConvocation(deps, ctx.actor!, ctx.params.sittingId!, http.policy.originFor(ctx.req));
    return r.ok ? created(r.value) : r;
  });
  router.add(convocationRoutes.retryMail, async (ctx) => {
    const o = await own(ctx);
    return o.ok ? retryMail(deps, ctx.params.sittingId!, http.policy.originFor(ctx.req)) : o;
  });
  router.add(convocationRoutes.publishAgenda, async (ctx) => {
    const o = await own(ctx);
    if (!o.ok) return o;
    const r = await publishAgenda(deps, ctx.actor!, ctx.params.sittingId!, ctx.input.on);
    if (r.ok) await refresh(ctx.params.sittingId!);
    return r;
  });
  router.add(convocationRoutes.paperDeclaration, async (ctx) => {
    const o = await own(ctx);
    return o.ok ? paperDeclaration(deps, ctx.actor!, ctx.params.sittingId!, ctx.input) : o;
  });
  router.add(convocationRoutes.declarationDocument, async (ctx) => {
    const o = await own(ctx);
    if (!o.ok) return o;
    const d = await declarationDocument(deps, ctx.params.sittingId!, ctx.params.memberId!);
    return d
      ? sendFile(ctx, Buffer.from(d.bytes), d.mediaType, d.name)
      : refuse(404, "unknown-member", "Aucun document reçu pour cet élu.", "No document received for this member.");
  });

  /** The council's own users read both documents; a link's token opens its sitting's; the public, a published ordre du jour. */
  async function mayRead(ctx: RouteContext<RouteContract>, which: "convocation" | "agenda"): Promise<Result<null>> {
    const sid = ctx.params.sittingId!;
    const s = await http.db.sitting.findUnique({ where: { id: sid }, select: { councilId: true, postedOn: true } });
    if (!s) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
    if (ctx.actor?.councilId === s.councilId) return done(null);
    const t = ctx.url.searchParams.get("t");
    if (t && (await resolveLink(deps, t))?.sittingId === sid) return done(null);
    if (which === "agenda") {
      const room = await http.rooms.get(sid);
      if (room.state.convocation.agendaPublished) return done(null);
    }
    return refuse(404, "unknown-sitting", "Document non publié", "Document not published");
  }
  async function pdfOf(ctx: RouteContext<RouteContract>, which: "convocation" | "agenda") {
    const ok = await mayRead(ctx, which);
    if (!ok.ok) return ok;
    const c = await loadConvocationContext(deps, ctx.params.sittingId!);
    if (!c) return refuse(404, "unknown-sitting", "Séance inconnue", "Unknown sitting");
    const sentOn = c.state.convocation.dispatches[0]?.on ?? todayFor(c, extra.clock);
    // The clerk prints a member's paper copy with the addressee (`?member=`).
    const memberId = ctx.actor?.role === "clerk" ? ctx.url.searchParams.get("member") : null;
    const m = memberId ? c.members.find((x) => x.id === memberId) : undefined;
    const doc = buildDocument(c, sentOn, m ? `${m.civility} ${m.firstName} ${m.lastName}` : null);
    const footer = `${which === "agenda" ? "Ordre du jour" : "Convocation"} — ${c.sitting.council.name} — séance du ${c.sitting.date}`;
    const html = which === "agenda" ? renderAgendaHtml(doc) : renderConvocationHtml(doc);
    const pdf = await http.pdf.renderPdf(html, http.policy.clientAddress(ctx.req), { footer });
    return sendFile(ctx, pdf, "application/pdf", `${which === "agenda" ? "ordre-du-jour" : "convocation"}-${c.sitting.date}.pdf`);
  }
  router.add(convocationRoutes.convocationPdf, (ctx) => pdfOf(ctx, "convocation"));
  router.add(convocationRoutes.agendaPdf, (ctx) => pdfOf(ctx, "agenda"));

  router.add(convocationRoutes.memberView, async (ctx) => {
    const m = await deviceMember(deps, ctx.actor, ctx.params.sittingId!);
    return m.ok ? memberConvocation(deps, m.value, ctx.params.sittingId!, "device") : m;
  });
  router.add(convocationRoutes.memberAck, async (ctx) => {
    const m = await deviceMember(deps, ctx.actor, ctx.params.sittingId!);
    return m.ok ? acknowledge(deps, m.value, ctx.params.sittingId!, "device") : m;
  });
  router.add(convocationRoutes.memberDeclare, async (ctx) => {
    const m = await deviceMember(deps, ctx.actor, ctx.params.sittingId!);
    if (!m.ok) return m;
    const r = await declareFor(deps, ctx.actor!, ctx.params.sittingId!, m.value, ctx.input, "device", null);
    return r.ok ? done({}) : r;
  });

  const link = async (token: string) => (await resolveLink(deps, token)) ?? null;
  const unknownLink = () => refuse(404, "unknown-link", "Lien inconnu ou expiré", "Unknown or expired link");
  router.add(convocationRoutes.linkView, async (ctx) => {
    const l = await link(ctx.params.token!);
    return l ? memberConvocation(deps, l.memberId, l.sittingId, "link", ctx.params.token) : unknownLink();
  });
  router.add(convocationRoutes.linkAck, async (ctx) => {
    const l = await link(ctx.params.token!);
    return l ? acknowledge(deps, l.memberId, l.sittingId, "link") : unknownLink();
  });
  router.add(convocationRoutes.linkDeclare, async (ctx) => {
    const l = await link(ctx.params.token!);
    if (!l) return unknownLink();
    const r = await declareFor(deps, l.actor, l.sittingId, l.memberId, ctx.input, "link", null);
    return r.ok ? done({}) : r;
  });
  router.add(convocationRoutes.linkAnnex, async (ctx) => {
    const l = await link(ctx.params.token!);
    if (!l) return unknownLink();
    const a = await http.db.annex.findUnique({ where: { id: ctx.params.annexId! }, include: { item: { select: { sittingId: true } } } });
    if (!a || a.item.sittingId !== l.sittingId) return refuse(404, "unknown-item", "Annexe inconnue", "Unknown annex");
    return sendFile(ctx, Buffer.from(a.bytes), a.mediaType, a.name);
  });
}
