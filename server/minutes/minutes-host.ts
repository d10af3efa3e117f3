// The minutes documents on the generic Yjs host: which documents exist (one per sitting), who may open
// them (access.ts), where their updates are kept, and the limits on frames and documents.
import type { IncomingMessage } from "node:http";
import { MINUTES_DOC_PATTERN, YJS_PATH } from "../../core/minutes/document";
import type { Sessions } from "../auth/sessions";
import type { Clock } from "../ports";
import type { Db } from "../db/client";
import type { ConnectionCaps } from "../http/connection-caps";
import type { EdgePolicy } from "../http/edge-policy";
import type { Logger } from "../ports";
import { createDocHost, type DocHost } from "../yjs/doc-host";
import { YPersistence } from "../yjs/persistence";
import type { DocRelay } from "../yjs/relay";
import { minutesAccess } from "./access";

/** Largest websocket frame a minutes client may send. */
const MAX_YJS_FRAME = 2 * 1024 * 1024;

export interface MinutesHostDeps {
  db: Db;
  sessions: Sessions;
  logger: Logger;
  policy: EdgePolicy;
  caps: ConnectionCaps;
  env: NodeJS.ProcessEnv;
  /** The server's clock: a minutes connection ends when its session does on it. */
  clock: Clock;
  /** Several nodes: the documents' updates relayed between them. */
  relay?: DocRelay;
}

export function hostMinutes(deps: MinutesHostDeps): { docs: DocHost; persistence: YPersistence } {
  const compactAfter = Number(deps.env.SEANCE_MINUTES_COMPACT_AFTER);
  const persistence = new YPersistence(deps.db, deps.logger, {
    ...(compactAfter > 0 ? { compactAfterRows: compactAfter } : {}),
    ...(deps.relay ? { relay: deps.relay } : {}),
  });
  const docs = createDocHost({
    path: YJS_PATH,
    docNameOf: (name) => (MINUTES_DOC_PATTERN.test(name) ? name : null),
    authorize: async (req: IncomingMessage, docName: string) => {
      const actor = await deps.sessions.identify(req.headers.cookie);
      const sittingId = MINUTES_DOC_PATTERN.exec(docName)?.[1] ?? "";
      const access = await minutesAccess(deps.db, actor, sittingId);
      if (access === "none") return null;
      return {
        audience: access === "write" ? "writer" : actor ? "reader" : "public",
        sessionId: actor?.sessionId ?? null,
        ...(actor ? { expiresAt: actor.expiresAt } : {}),
      };
    },
    persistence,
    logger: deps.logger,
    policy: deps.policy,
    caps: deps.caps,
    maxPayloadBytes: MAX_YJS_FRAME,
    // Largest minutes document (its stored updates): 8 MB, or SEANCE_MINUTES_MAX_BYTES.
    maxDocBytes: Number(deps.env.SEANCE_MINUTES_MAX_BYTES) || 8 * 1024 * 1024,
    now: () => deps.clock.now().getTime(),
  });
  return { docs, persistence };
}
