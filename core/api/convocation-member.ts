// The member's side of the convocation (#19) as the phone calls it: read it, acknowledge it, declare
// in advance — signed in, or from the e-mail's link. Without zod, so the councillor's screen does not
// download it: the declaration's schema is added by core/api/convocation.ts, whose table the server
// serves and checks (never this one).
import type { DeclareSchema, MemberConvocation } from "./convocation";
import { route, type RouteContract } from "./contract";

/** A declaration route; its input schema is the server's (see above). */
function declaration<P extends string>(path: P, access: "signed-in" | "public"): RouteContract<P, typeof DeclareSchema> {
  return route()({ method: "POST", path, access }) as unknown as RouteContract<P, typeof DeclareSchema>;
}

export const memberConvocationRoutes = {
  memberView: route<MemberConvocation>()({ method: "GET", path: "/api/member/sittings/:sittingId/convocation", access: "signed-in" }),
  memberAck: route<{ acknowledgedAt: string }>()({ method: "POST", path: "/api/member/sittings/:sittingId/convocation/ack", access: "signed-in" }),
  memberDeclare: declaration("/api/member/sittings/:sittingId/declaration", "signed-in"),
  linkView: route<MemberConvocation>()({ method: "GET", path: "/api/convocation/:token", access: "public" }),
  linkAck: route<{ acknowledgedAt: string }>()({ method: "POST", path: "/api/convocation/:token/ack", access: "public" }),
  linkDeclare: declaration("/api/convocation/:token/declaration", "public"),
  linkAnnex: route()({ method: "GET", path: "/api/convocation/:token/annexes/:annexId", access: "public", answer: "document" }),
};
