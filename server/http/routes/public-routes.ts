// The public, open-data routes: health, the sittings, a sitting's live view (JSON and server-sent
// events) and its agenda, and who may open a sitting's minutes.
import { publicRoutes } from "../../../core/api/public";
import { done, type Result } from "../../../core/refusal";
import { projectPublic } from "../../../core/sitting/projection";
import { agendaIsPublic } from "../../../core/convocation/sitting-part";
import { readDurability } from "../../db/client";
import { sseEvent } from "../../realtime/public-feed";
import { minutesAccess } from "../../minutes/access";
import { SENT, sendRefusal, type Router } from "../router";
import type { HttpDeps } from "./deps";

/** The items the council discusses in the closed session under way (none when it sits in public). */
async function itemsInCamera(deps: HttpDeps, sittingId: string): Promise<Set<string>> {
  const r = await deps.rooms.get(sittingId);
  return new Set(
    r.state.huisClos
      ? Object.values(r.state.items)
          .filter((it) => it.inCamera)
          .map((it) => it.id)
      : [],
  );
}

export function registerPublicRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;
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
    // One snapshot, then the same patches the sockets get, at the same pace (server/realtime/public-feed.ts).
    const view = deps.feed.current(r);
    res.write(`retry: 2000\n${sseEvent({ view, patch: null })}`);
    const stop = deps.feed.listen(r.state.sittingId, (frame) => res.write(frame.sse));
    const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
    ctx.req.on("close", () => {
      clearInterval(ping);
      stop();
      release();
    });
    return SENT;
  });

  router.add(publicRoutes.agenda, async (ctx) => {
    // The ordre du jour is public once published (and once the sitting is opened): before, none — the same answer for every caller (SEC-6; #19.3).
    const known = await db.sitting.count({ where: { id: ctx.params.sittingId! } });
    if (!known || !agendaIsPublic((await deps.rooms.get(ctx.params.sittingId!)).state)) return done([]);
    const items = await db.agendaItem.findMany({ where: { sittingId: ctx.params.sittingId! }, orderBy: { order: "asc" } });
    // During a closed session (L2121-18) the items discussed in camera are named, nothing more (HUISCLOS-2).
    const inCamera = items.length ? await itemsInCamera(deps, ctx.params.sittingId!) : new Set<string>();
    return done(
      items.map((it) => ({
        ...(inCamera.has(it.id) ? { inCamera: true } : {}),
        id: it.id,
        order: it.order,
        identifier: it.identifier,
        title: it.title,
        kind: it.kind,
        rapporteurs: inCamera.has(it.id) ? [] : (JSON.parse(it.rapporteurs) as string[]),
        commission: inCamera.has(it.id) ? null : it.commission,
        service: inCamera.has(it.id) ? null : it.service,
        expose: inCamera.has(it.id) ? "" : it.expose,
        proposals: inCamera.has(it.id) ? [] : (JSON.parse(it.proposals) as string[]),
        attachments: inCamera.has(it.id) ? [] : (JSON.parse(it.attachments) as string[]),
        actesCode: it.actesCode,
        actesLabel: it.actesLabel,
      })),
    );
  });

  router.add(publicRoutes.minutesAccess, async (ctx) =>
    done({ access: await minutesAccess(db, ctx.actor, ctx.params.sittingId!), name: ctx.actor?.displayName ?? "Public", signedIn: !!ctx.actor }),
  );
}
