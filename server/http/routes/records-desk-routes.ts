// The clerk's records desk (#14.11): the desk's view of a sitting, the publication dates of an act,
// the publication that freezes an extract or the list, and the annexes deposited with an act.
import { recordsRoutes } from "../../../core/api/records";
import { recordsDeskRoutes } from "../../../core/api/records-desk";
import { done, refuse } from "../../../core/refusal";
import { addAnnex, removeAnnex } from "../../records/annex-service";
import { buildRecordsDesk } from "../../records/desk-service";
import { publishDeliberationList, publishExtract, updatePublication } from "../../records/publication-service";
import type { Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerRecordsDeskRoutes(router: Router, deps: HttpDeps): void {
  const { db } = deps;
  const publishing = { db, rooms: deps.rooms, pdf: deps.pdf };

  router.add(recordsDeskRoutes.desk, async (ctx) => buildRecordsDesk(db, ctx.councilId, ctx.params.sittingId!, deps.policy.originFor(ctx.req)));

  router.add(recordsRoutes.publication, async (ctx) => updatePublication(db, ctx.councilId, ctx.params.itemId!, ctx.input, new Date()));

  router.add(recordsDeskRoutes.publishExtract, async (ctx) => {
    const r = await publishExtract(
      publishing,
      ctx.actor!,
      ctx.params.itemId!,
      { publishedOn: ctx.input.publishedOn, reason: ctx.input.reason ?? null },
      deps.policy.originFor(ctx.req),
      new Date(),
    );
    return r.ok ? done({ version: r.value.version }) : r;
  });

  router.add(recordsDeskRoutes.publishDeliberations, async (ctx) => {
    const sittingId = ctx.params.sittingId!;
    const owner = await db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true } });
    if (!owner) return refuse(404, "unknown-sitting", "Séance inconnue.", `unknown sitting ${sittingId}`);
    if (owner.councilId !== ctx.councilId)
      return refuse(403, "wrong-sitting", "Cette séance ne relève pas de votre conseil.", "the sitting is not in your council");
    const r = await publishDeliberationList(
      publishing,
      ctx.actor!,
      sittingId,
      { publishedOn: ctx.input.publishedOn, reason: ctx.input.reason ?? null },
      deps.policy.originFor(ctx.req),
      new Date(),
    );
    return r.ok ? done({ version: r.value.version }) : r;
  });

  router.add(recordsDeskRoutes.uploadAnnex, async (ctx) => addAnnex(db, ctx.councilId, ctx.params.itemId!, ctx.input));
  router.add(recordsDeskRoutes.deleteAnnex, async (ctx) => removeAnnex(db, ctx.councilId, ctx.params.annexId!));
}
