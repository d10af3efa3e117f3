// The chair's route: convene the second convocation from the console (president or clerk of the council).
import { chairRoutes } from "../../../core/api/chair";
import { conveneSecondConvocation } from "../../chair/second-convocation";
import { created, type Router } from "../router";
import type { HttpDeps } from "./deps";

export function registerChairRoutes(router: Router, deps: HttpDeps): void {
  router.add(chairRoutes.secondConvocation, async (ctx) => {
    if (!ctx.actor) return { ok: false, code: "not-signed-in" };
    const r = await conveneSecondConvocation(deps.db, ctx.actor, ctx.params.sittingId!, ctx.input);
    return r.ok ? created(r.value) : r;
  });
}
