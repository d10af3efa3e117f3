// The clerk's council: the council and its settings, the roster (CSV export and import), device
// pairing codes and paired devices, and the staff accounts.
import { councilRoutes } from "../../../core/api/clerk-council";
import { rosterRoutes } from "../../../core/api/clerk-roster";
import { done, refuse } from "../../../core/refusal";
import { getCouncilSetup, updateCouncilSettings } from "../../clerk/council-settings";
import { exportRosterCsv, importRoster, listMembers, openSittingIds } from "../../clerk/roster";
import { errorMessage } from "../../ports";
import { SENT, type Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerClerkCouncilRoutes(router: Router, deps: HttpDeps): void {
  const { db, accounts } = deps;

  async function refresh(sittingIds: readonly string[]): Promise<void> {
    for (const id of sittingIds) {
      try {
        await deps.rooms.refresh(id);
      } catch (err) {
        deps.logger.error(`refresh of ${id} failed: ${errorMessage(err)}`);
      }
    }
  }

  router.add(councilRoutes.council, async (ctx) => done(await getCouncilSetup(db, ctx.councilId)));

  router.add(councilRoutes.updateSettings, async (ctx) => {
    const r = await updateCouncilSettings(db, ctx.councilId, ctx.input);
    if (!r.ok) return r;
    await refresh(r.value.sittingIds);
    return done(await getCouncilSetup(db, ctx.councilId));
  });

  router.add(rosterRoutes.members, async (ctx) => done(await listMembers(db, ctx.councilId)));

  router.add(rosterRoutes.membersCsv, async (ctx) => {
    const csv = await exportRosterCsv(db, ctx.councilId);
    ctx.res.writeHead(200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="elus-${ctx.councilId.replace(/[^A-Za-z0-9_-]/g, "_")}.csv"`,
      "Cache-Control": "no-store",
    });
    ctx.res.end(csv);
    return SENT;
  });

  router.add(rosterRoutes.importMembers, async (ctx) => {
    const r = await importRoster(db, ctx.councilId, ctx.input);
    if (!r.ok) return r;
    if (!ctx.input.dryRun && !r.value.applied) {
      const n = r.value.problems.length;
      return {
        ...refuse(400, "bad-request", `Rien n'a été enregistré : ${n} problème(s) à corriger`, `Nothing was saved: ${n} problem(s) to fix`),
        data: r.value,
      };
    }
    if (r.value.applied) await refresh(await openSittingIds(db, ctx.councilId));
    return r;
  });

  router.add(councilRoutes.issuePairing, async (ctx) => accounts.issuePairing(ctx.councilId, ctx.input.memberId, deps.policy.originFor(ctx.req)));
  router.add(councilRoutes.devices, async (ctx) => done(await accounts.devices(ctx.councilId)));
  router.add(councilRoutes.revokeDevice, async (ctx) => accounts.revokeDevice(ctx.councilId, ctx.params.sessionId!));

  router.add(councilRoutes.accounts, async (ctx) => done(await accounts.list(ctx.councilId)));
  router.add(councilRoutes.createAccount, async (ctx) => {
    const r = await accounts.create(ctx.councilId, ctx.input);
    return r.ok ? { ...r, status: 201 } : r;
  });
  router.add(councilRoutes.disableAccount, async (ctx) => accounts.setDisabled(ctx.councilId, ctx.actor!.userId, ctx.params.userId!, true));
  router.add(councilRoutes.enableAccount, async (ctx) => accounts.setDisabled(ctx.councilId, ctx.actor!.userId, ctx.params.userId!, false));
  router.add(councilRoutes.resetPassword, async (ctx) => accounts.resetPassword(ctx.councilId, ctx.params.userId!, ctx.input.password));
}
