// The Yjs websocket for the minutes, behind the same sign-in: writers (secretaries, clerk,
// president) edit; councillors read; the public reads only once the minutes are published.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { getYDoc, setPersistence, setupWSConnection } from "@y/websocket-server/utils";
import type { Db } from "../db/client";
import { identify, type AuthKeys } from "../auth/tokens";
import type { Logger } from "../realtime/sitting-room";
import { YPersistence } from "./persistence";

export const YJS_PATH = "/yjs/";
export { minutesDocName } from "./minutes-facts";

export type MinutesAccess = "write" | "read" | "none";

export async function minutesAccess(db: Db, keys: AuthKeys, cookie: string | undefined, sittingId: string): Promise<MinutesAccess> {
  const sitting = await db.sitting.findUnique({ where: { id: sittingId }, select: { councilId: true, secretaryIds: true, minutesPublishedAt: true } });
  if (!sitting) return "none";
  const actor = await identify(db, keys, cookie);
  const published = sitting.minutesPublishedAt !== null;
  if (!actor || actor.councilId !== sitting.councilId) return published ? "read" : "none";
  const secretaries = JSON.parse(sitting.secretaryIds) as string[];
  if (actor.role === "clerk" || actor.role === "president" || actor.role === "secretary") return "write";
  if (actor.memberId && secretaries.includes(actor.memberId)) return "write";
  return "read";
}

/** A read-only client may ask for the document but its sync step 2 and updates are dropped. */
function isWriteMessage(data: Uint8Array): boolean {
  // y-websocket frame: varuint messageType (0 = sync), then varuint sync step (0 = step1, 1 = step2, 2 = update).
  return data.length >= 2 && data[0] === 0 && (data[1] === 1 || data[1] === 2);
}

function readOnly(conn: WebSocket): WebSocket {
  const on = conn.on.bind(conn);
  conn.on = ((event: string, listener: (...args: unknown[]) => void) => {
    if (event !== "message") return on(event, listener);
    return on("message", (msg: ArrayBuffer | Buffer, ...rest: unknown[]) => {
      const bytes = msg instanceof ArrayBuffer ? new Uint8Array(msg) : new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
      if (!isWriteMessage(bytes)) listener(msg, ...rest);
    });
  }) as WebSocket["on"];
  return conn;
}

export function createMinutesSocket(deps: { db: Db; keys: AuthKeys; logger: Logger }) {
  const compactAfter = Number(process.env.SEANCE_MINUTES_COMPACT_AFTER);
  const persistence = new YPersistence(deps.db, deps.logger, compactAfter > 0 ? { compactAfterRows: compactAfter } : {});
  setPersistence({
    provider: null,
    bindState: (name: string, doc: import("yjs").Doc) => persistence.bindState(name, doc),
    writeState: (name: string) => persistence.writeState(name),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const name = decodeURIComponent((req.url ?? "").slice(YJS_PATH.length).split("?")[0] ?? "");
    const match = /^minutes-([A-Za-z0-9_-]{1,64})$/.exec(name);
    const refuse = (code: number, text: string) => {
      socket.write(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!match?.[1]) return refuse(404, "Not Found");
    let access: MinutesAccess;
    try {
      access = await minutesAccess(deps.db, deps.keys, req.headers.cookie, match[1]);
    } catch {
      return refuse(500, "Internal Server Error");
    }
    if (access === "none") return refuse(403, "Forbidden");
    getYDoc(name); // creates the document once and starts its load
    await persistence.whenLoaded(name);
    wss.handleUpgrade(req, socket, head, (ws) => {
      setupWSConnection(access === "write" ? ws : readOnly(ws), req, { docName: name });
    });
  }

  return { handleUpgrade, persistence, wss };
}
