// The one check in front of every clerk route: signed in (401) as the clerk (403). Returns the
// clerk's council, or null once the refusal has been sent.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "../db/client";
import { identify, type AuthKeys } from "../auth/tokens";
import { sendError } from "./respond";

export async function clerkCouncil(deps: { db: Db; keys: AuthKeys }, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const actor = await identify(deps.db, deps.keys, req.headers.cookie);
  if (!actor) {
    sendError(res, 401, "not-signed-in");
    return null;
  }
  if (actor.role !== "clerk" || !actor.councilId) {
    sendError(res, 403, "forbidden");
    return null;
  }
  return actor.councilId;
}
