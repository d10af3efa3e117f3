// The public, open-data routes: health, the sittings, a sitting's live view (JSON and server-sent
// events) and its agenda, and who may open a sitting's minutes.
import type { ServerResponse } from "node:http";
import { publicRoutes } from "../../../core/api/public";
import { done, type Result } from "../../../core/refusal";
import { projectPublic } from "../../../core/sitting/projection";
import { agendaIsPublic } from "../../../core/convocation/sitting-part";
import { readDurability } from "../../db/client";
import { minutesAccess } from "../../minutes/access";
import type { SittingRoom } from "../../realtime/sitting-room";
import { SENT, sendRefusal, type Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerPublicRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;
  const sseClients = new Map<string, Set<ServerResponse>>();
  const watched = new Set<string>();

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

  router.add(publicRoutes.health, async () => done({ durability: await readDurability(db) }));

  router.add(publicRoutes.sittings, async () => {
    const rows = await db.sitting.findMany({ include: { council: true }, orderBy: [{ date: "desc" }, { time: "desc" }] });
    return done(
      rows.map((s) => ({
        id: s.id,
        council: s.council.name,
        date: s.date,
        time: s.time,
        place: s.place,
        status: s.status,
        secondConvocation: s.secondConvocation,
        url: `/public/${s.id}`,
      })),
    );
  });

  router.add(publicRoutes.sitting, async (ctx): Promise<Result<ReturnType<typeof projectPublic>>> => {
    const r = await deps.rooms.get(ctx.params.sittingId!);
    return done(projectPublic(r.state, r.header));
  });

  router.add(publicRoutes.events, async (ctx) => {
    const r = await deps.rooms.get(ctx.params.sittingId!);
    const release = deps.caps.acquire(deps.policy.clientAddress(ctx.req));
    if (!release) {
      sendRefusal(ctx.res, "rate-limited", "too many open connections from this address");
      return SENT;
    }
    const res = ctx.res;
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
    ctx.req.on("close", () => {
      clearInterval(ping);
      set.delete(res);
      release();
    });
    return SENT;
  });

  router.add(publicRoutes.agenda, async (ctx) => {
    // The ordre du jour is public once published (and once the sitting is opened): before, none — the same answer for every caller (SEC-6; #19.3).
    const known = await db.sitting.count({ where: { id: ctx.params.sittingId! } });
    if (!known || !agendaIsPublic((await deps.rooms.get(ctx.params.sittingId!)).state)) return done([]);
    const items = await db.agendaItem.findMany({ where: { sittingId: ctx.params.sittingId! }, orderBy: { order: "asc" } });
    return done(
      items.map((it) => ({
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
    );
  });

  router.add(publicRoutes.minutesAccess, async (ctx) =>
    done({ access: await minutesAccess(db, ctx.actor, ctx.params.sittingId!), name: ctx.actor?.displayName ?? "Public", signedIn: !!ctx.actor }),
  );
}
