// The minutes' routes: the procès-verbal (HTML, PDF) — the approved version once there is one, the
// published (frozen) copy for the public — and the clerk's approval, correction and publication.
import { recordsRoutes } from "../../../core/api/records";
import type { RouteContract } from "../../../core/api/contract";
import { done, refuse, type Result } from "../../../core/refusal";
import { minutesAccess } from "../../minutes/access";
import { approveMinutes, currentMinutesDoc, minutesVersionDoc, publishMinutes, reopenMinutes, type MinutesDeps } from "../../minutes/minutes-service";
import { renderProcesVerbal } from "../../minutes/pv";
import { readPublished } from "../../records/frozen-records";
import { SENT, type Answered, type RouteContext, type Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerMinutesRoutes(router: Router, deps: HttpDeps, minutes: MinutesDeps): void {
  const { db } = deps;

  const exportPv =
    (asPdf: boolean) =>
    async (ctx: RouteContext<RouteContract>): Promise<Answered<unknown>> => {
      const sid = ctx.params.sittingId!;
      const access = await minutesAccess(db, ctx.actor, sid);
      if (access === "none") return refuse(403, "forbidden", "Le procès-verbal n'est pas publié.", "the minutes are not published");
      const room = await deps.rooms.get(sid);
      const m = room.state.minutes;
      const ownCouncil = !!ctx.actor && ctx.actor.councilId === room.state.councilId;
      const version = (ctx.input as { version?: string } | undefined)?.version;
      const asked = version ? Number(version) : undefined;
      // The public reads the copy frozen at publication (a renamed member does not rewrite it); so
      // does everyone once the version frozen last is the one approved last.
      const frozen = !ownCouncil || asked || (m.state === "approved" && m.publishedVersion === m.versions[m.versions.length - 1]?.version);
      const copy = frozen ? await readPublished(db, room.state, { sittingId: sid, record: "minutes", itemId: null }, asked) : null;
      if (copy) {
        const headers = { "X-Record-Version": String(copy.version.version), "X-Record-Latest-Version": String(copy.latest), "Cache-Control": "no-store" };
        if (asPdf) ctx.res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="pv-${sid}.pdf"`, ...headers });
        else ctx.res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...headers });
        ctx.res.end(asPdf ? Buffer.from(copy.row.pdf) : copy.row.html);
        return SENT;
      }
      if (asked) return refuse(404, "unknown-endpoint", "Cette version n'a pas été publiée.", `version ${asked} was not published`);
      // Staff and members read the current text (or the frozen version); the public the published one.
      const latest = m.versions[m.versions.length - 1];
      const shown = !ownCouncil ? m.versions.find((v) => v.version === m.publishedVersion) : m.state === "approved" ? latest : undefined;
      const doc = shown ? await minutesVersionDoc(db, sid, shown.version) : await currentMinutesDoc(db, sid);
      if (!doc) return refuse(404, "unknown-sitting", "Version du procès-verbal introuvable", "minutes version not found");
      const { html, footer } = await renderProcesVerbal(db, room, doc, shown ?? null, { origin: deps.policy.originFor(ctx.req) });
      if (asPdf) {
        const buf = await deps.pdf.renderPdf(html, deps.policy.clientAddress(ctx.req), { footer });
        ctx.res.writeHead(200, { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="pv-${sid}.pdf"`, "Cache-Control": "no-store" });
        ctx.res.end(buf);
      } else {
        ctx.res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
        ctx.res.end(html);
      }
      return SENT;
    };
  router.add(recordsRoutes.minutes, exportPv(false));
  router.add(recordsRoutes.minutesPdf, exportPv(true));

  /** As the clerk's other routes: an unknown sitting is 404, another council's is 403. */
  async function own(councilId: string, sid: string): Promise<Result<null>> {
    const owner = await db.sitting.findUnique({ where: { id: sid }, select: { councilId: true } });
    if (!owner) return { ok: false, code: "unknown-sitting" };
    return owner.councilId === councilId ? done(null) : { ok: false, code: "wrong-sitting" };
  }

  router.add(recordsRoutes.approveMinutes, async (ctx) => {
    const owned = await own(ctx.councilId, ctx.params.sittingId!);
    if (!owned.ok) return owned;
    return approveMinutes(minutes, ctx.actor!, ctx.params.sittingId!, ctx.input);
  });
  router.add(recordsRoutes.reopenMinutes, async (ctx) => {
    const owned = await own(ctx.councilId, ctx.params.sittingId!);
    if (!owned.ok) return owned;
    return reopenMinutes(minutes, ctx.actor!, ctx.params.sittingId!, ctx.input.reason);
  });
  router.add(recordsRoutes.publishMinutes, async (ctx) => {
    const owned = await own(ctx.councilId, ctx.params.sittingId!);
    if (!owned.ok) return owned;
    return publishMinutes(minutes, ctx.actor!, ctx.params.sittingId!, new Date(), deps.policy.originFor(ctx.req));
  });
}
