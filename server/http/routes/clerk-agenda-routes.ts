// The clerk's sittings: the overview, convening a sitting, its details and agenda, draft imports.
// Each handler: the clerk of this council only → one domain call → refresh the live rooms → reply.
import { agendaRoutes } from "../../../core/api/clerk-agenda";
import { done, refuse, type Result } from "../../../core/refusal";
import { createItem, deleteItem, getClerkSitting, reorderItems, updateItem, updateSitting } from "../../clerk/agenda";
import { importDrafts, notImported } from "../../clerk/import-drafts";
import { createSitting } from "../../clerk/sittings";
import { errorMessage } from "../../ports";
import { created, type Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerClerkAgendaRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;

  /** Live views reload after a change; a failed reload must not undo a committed change. */
  async function refresh(sittingIds: readonly string[]): Promise<void> {
    for (const id of sittingIds) {
      try {
        await deps.rooms.refresh(id);
      } catch (err) {
        deps.logger.error(`refresh of ${id} failed: ${errorMessage(err)}`);
      }
    }
  }

  /** A sitting or item of another council is refused as such (403), an unknown one is 404. */
  async function ownSitting(councilId: string, sittingId: string): Promise<Result<null>> {
    const s = await db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
    if (!s) return { ok: false, code: "unknown-sitting" };
    return s.councilId === councilId ? done(null) : { ok: false, code: "wrong-sitting" };
  }
  async function ownItem(councilId: string, itemId: string): Promise<Result<null>> {
    const it = await db.agendaItem.findUnique({ where: { id: itemId }, select: { sitting: { select: { councilId: true } } } });
    if (!it) return { ok: false, code: "unknown-item" };
    return it.sitting.councilId === councilId ? done(null) : { ok: false, code: "wrong-sitting" };
  }

  router.add(agendaRoutes.overview, async (ctx) => {
    const sittings = await db.sitting.findMany({
      where: { councilId: ctx.councilId },
      orderBy: { date: "desc" },
      include: { items: { orderBy: { order: "asc" }, select: { id: true, order: true, identifier: true, title: true } } },
    });
    return done({ sittings: sittings.map((s) => ({ id: s.id, date: s.date, time: s.time, place: s.place, status: s.status, items: s.items })) });
  });

  router.add(agendaRoutes.createSitting, async (ctx) => {
    const r = await createSitting(db, ctx.councilId, ctx.input);
    return r.ok ? created(r.value) : r;
  });

  router.add(agendaRoutes.sitting, async (ctx) => {
    const owned = await ownSitting(ctx.councilId, ctx.params.sittingId!);
    if (!owned.ok) return owned;
    return getClerkSitting(db, ctx.councilId, ctx.params.sittingId!);
  });

  router.add(agendaRoutes.updateSitting, async (ctx) => {
    const sid = ctx.params.sittingId!;
    const owned = await ownSitting(ctx.councilId, sid);
    if (!owned.ok) return owned;
    const r = await updateSitting(db, ctx.councilId, sid, ctx.input);
    if (!r.ok) return r;
    await refresh([sid]);
    return done({});
  });

  router.add(agendaRoutes.createItem, async (ctx) => {
    const sid = ctx.params.sittingId!;
    const owned = await ownSitting(ctx.councilId, sid);
    if (!owned.ok) return owned;
    const r = await createItem(db, ctx.councilId, sid, ctx.input);
    if (!r.ok) return r;
    await refresh([sid]);
    return created(r.value);
  });

  router.add(agendaRoutes.reorderItems, async (ctx) => {
    const sid = ctx.params.sittingId!;
    const owned = await ownSitting(ctx.councilId, sid);
    if (!owned.ok) return owned;
    const r = await reorderItems(db, ctx.councilId, sid, ctx.input.itemIds);
    if (!r.ok) return r;
    await refresh([sid]);
    return r;
  });

  router.add(agendaRoutes.importDrafts, async (ctx) => {
    const sid = ctx.params.sittingId!;
    const owned = await ownSitting(ctx.councilId, sid);
    if (!owned.ok) return owned;
    const r = await importDrafts(db, ctx.councilId, sid, ctx.input);
    if (!r.ok) return r;
    if (!ctx.input.dryRun && !r.value.importable) {
      const text = notImported(r.value.files);
      return { ...refuse(400, "bad-request", text.fr, text.en), data: r.value };
    }
    if (r.value.created.length) await refresh([sid]);
    return ctx.input.dryRun ? r : created(r.value);
  });

  router.add(agendaRoutes.updateItem, async (ctx) => {
    const owned = await ownItem(ctx.councilId, ctx.params.itemId!);
    if (!owned.ok) return owned;
    const r = await updateItem(db, ctx.councilId, ctx.params.itemId!, ctx.input);
    if (!r.ok) return r;
    await refresh([r.value.sittingId]);
    return done({});
  });

  router.add(agendaRoutes.deleteItem, async (ctx) => {
    const owned = await ownItem(ctx.councilId, ctx.params.itemId!);
    if (!owned.ok) return owned;
    const r = await deleteItem(db, ctx.councilId, ctx.params.itemId!);
    if (!r.ok) return r;
    await refresh([r.value.sittingId]);
    return done({});
  });
}
