// Which signed-in roles may open each area of pages; everything else is public. A person whose
// password was reset is sent to choose a new one first.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Sessions } from "../auth/sessions";

const GUARDS: { prefix: string; roles: string[] }[] = [
  { prefix: "/clerk", roles: ["clerk"] },
  { prefix: "/president", roles: ["president", "clerk"] },
  { prefix: "/councillor", roles: ["councillor", "president"] },
  { prefix: "/minutes", roles: ["clerk", "president", "secretary", "councillor"] },
  { prefix: "/account", roles: ["clerk", "president", "secretary"] },
];

export function pageGuard(deps: { sessions: Sessions; demo: boolean }) {
  return async function guard(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === "/demo" && !deps.demo) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Not found");
      return false;
    }
    const rule = GUARDS.find((g) => url.pathname === g.prefix || url.pathname.startsWith(`${g.prefix}/`));
    if (!rule) return true;
    const actor = await deps.sessions.identify(req.headers.cookie);
    if (actor?.mustChangePassword && rule.prefix !== "/account") {
      res.writeHead(303, { Location: "/account?must=1", "Cache-Control": "no-store" });
      res.end();
      return false;
    }
    if (actor && rule.roles.includes(actor.role)) return true;
    res.writeHead(303, { Location: `/signin?next=${encodeURIComponent(url.pathname)}${actor ? "&denied=1" : ""}`, "Cache-Control": "no-store" });
    res.end();
    return false;
  };
}
