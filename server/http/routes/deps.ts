// What the route handlers are given (wired once in server/app.ts).
import type { PublicFeed } from "../../realtime/public-feed";
import type { Db } from "../../db/client";
import type { Accounts } from "../../auth/accounts";
import type { ServerKeys } from "../../auth/server-key";
import type { Sessions } from "../../auth/sessions";
import type { Logger } from "../../ports";
import type { RoomRegistry } from "../../realtime/sitting-room";
import type { PdfRenderer } from "../../records/pdf-renderer";
import type { EdgePolicy } from "../edge-policy";
import type { ConnectionCaps } from "../connection-caps";

export interface HttpDeps {
  db: Db;
  keys: ServerKeys;
  sessions: Sessions;
  accounts: Accounts;
  rooms: RoomRegistry;
  policy: EdgePolicy;
  demo: boolean;
  logger: Logger;
  pdf: PdfRenderer;
  caps: ConnectionCaps;
  /** The public view as its audiences receive it (server-sent events share it with the sockets). */
  feed: PublicFeed;
  /** Whether cookies must carry Secure (any request not made to the loopback). */
  secureCookies: (req: import("node:http").IncomingMessage) => boolean;
}

/** Where a person lands after signing in. */
export function homeFor(role: string, sittingId: string | null): string {
  const sid = sittingId ?? "";
  switch (role) {
    case "clerk":
      return "/clerk";
    case "president":
      return sid ? `/president/${sid}` : "/";
    case "secretary":
      return sid ? `/minutes/${sid}` : "/";
    default:
      return sid ? `/councillor/${sid}` : "/";
  }
}

/** The sitting a council is about to hold (or the last one held). */
export async function currentSittingId(db: Db, councilId: string): Promise<string | null> {
  const s = await db.sitting.findFirst({ where: { councilId, status: { not: "closed" } }, orderBy: { date: "asc" } });
  return s?.id ?? (await db.sitting.findFirst({ where: { councilId }, orderBy: { date: "desc" } }))?.id ?? null;
}
