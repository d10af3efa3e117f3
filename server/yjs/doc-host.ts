// Hosts Yjs documents over websockets (@y/websocket-server), knowing nothing of what they mean: who
// may open a document and as what (writer, signed-in reader, public) is asked of `authorize`; each
// frame a client sends is decoded and checked against its audience (a reader that sends anything but
// a request for the document, or presence, is disconnected); a document past its size limit takes no
// more changes (the writer is told); connections are dropped when their session is revoked or when
// the document's access changes (they reconnect under the new rules).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import { getYDoc, setPersistence, setupWSConnection } from "@y/websocket-server/utils";
import { MESSAGE_NOTICE, type MinutesNotice } from "../../core/minutes/document";
import type { Logger } from "../ports";
import type { ConnectionCaps } from "../http/connection-caps";
import type { EdgePolicy } from "../http/edge-policy";
import { allowed, classifyYMessage, type Audience } from "./message-filter";
import type { YPersistence } from "./persistence";

export interface DocGrant {
  audience: Audience;
  /** The sign-in session, so a revoked session's sockets can be dropped (null: the public). */
  sessionId: string | null;
  /** Epoch ms at which the session ends (the connection is closed then). */
  expiresAt?: number;
}

export interface DocHostOptions {
  path: string;
  /** Which document a URL names (null: not a document of ours). */
  docNameOf(urlPath: string): string | null;
  authorize(req: IncomingMessage, docName: string): Promise<DocGrant | null>;
  persistence: YPersistence;
  logger: Logger;
  policy: EdgePolicy;
  caps: ConnectionCaps;
  /** Largest frame a client may send. */
  maxPayloadBytes: number;
  /** Past this stored size a document takes no more changes. */
  maxDocBytes: number;
  /** The server's clock, the one sessions are issued on (epoch ms). */
  now(): number;
}

/** Close codes: 4001 tells the client to come back (access changed), 4403 not to (it broke the rules). */
const ACCESS_CHANGED = 4001;
const FORBIDDEN = 4403;

interface Conn {
  ws: WebSocket;
  docName: string;
  grant: DocGrant;
}

function notice(ws: WebSocket, n: MinutesNotice): void {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_NOTICE);
  encoding.writeVarString(enc, JSON.stringify(n));
  ws.send(encoding.toUint8Array(enc));
}

export function createDocHost(opts: DocHostOptions) {
  const { persistence } = opts;
  setPersistence({
    provider: null,
    bindState: (name: string, doc: import("yjs").Doc) => persistence.bindState(name, doc),
    writeState: (name: string) => persistence.writeState(name),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes });
  const conns = new Set<Conn>();

  /** Every frame is checked before y-websocket sees it. */
  function guard(conn: Conn): void {
    const { ws, grant, docName } = conn;
    const on = ws.on.bind(ws);
    ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
      if (event !== "message") return on(event, listener);
      return on("message", (msg: ArrayBuffer | Buffer, ...rest: unknown[]) => {
        const bytes = msg instanceof ArrayBuffer ? new Uint8Array(msg) : new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
        const kind = classifyYMessage(bytes);
        if (!allowed(grant.audience, kind)) {
          opts.logger.info(`minutes: ${grant.audience} connection to ${docName} sent ${kind}: closed`);
          ws.close(FORBIDDEN, "read-only");
          return;
        }
        if ((kind === "sync-step2" || kind === "sync-update") && persistence.sizeOf(docName) > opts.maxDocBytes) {
          notice(ws, { code: "too-large", limitBytes: opts.maxDocBytes });
          return;
        }
        listener(msg, ...rest);
      });
    }) as WebSocket["on"];
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuse = (code: number, text: string) => {
      socket.write(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    let name: string | null;
    try {
      name = opts.docNameOf(decodeURIComponent((req.url ?? "").slice(opts.path.length + 1).split("?")[0] ?? ""));
    } catch {
      name = null;
    }
    if (!name) return refuse(404, "Not Found");
    if (!opts.policy.socketOriginAllowed(req)) return refuse(403, "Forbidden");
    let grant: DocGrant | null;
    try {
      grant = await opts.authorize(req, name);
    } catch {
      return refuse(500, "Internal Server Error");
    }
    if (!grant) return refuse(403, "Forbidden");
    const release = opts.caps.acquire(opts.policy.clientAddress(req));
    if (!release) return refuse(429, "Too Many Requests");
    // Given back however it ends, also when the client leaves before the upgrade completes.
    socket.once("close", release);
    getYDoc(name); // creates the document once and starts its load
    await persistence.whenLoaded(name);
    const docName = name;
    const access = grant;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { ws, docName, grant: access };
      conns.add(conn);
      // A session that ends while the document is open ends the connection too.
      const timer = access.expiresAt
        ? setTimeout(() => ws.close(FORBIDDEN, "session ended"), Math.max(0, Math.min(access.expiresAt - opts.now(), 2 ** 31 - 1)))
        : null;
      ws.on("close", () => {
        if (timer) clearTimeout(timer);
        conns.delete(conn);
        release();
      });
      // A frame over the limit (or a broken one) is an error on this socket only: it closes, the
      // server carries on. Without a listener, ws would throw it out of the process.
      ws.on("error", (err) => opts.logger.info(`minutes: connection to ${docName} closed: ${err.message}`));
      guard(conn);
      setupWSConnection(ws, req, { docName });
    });
  }

  return {
    handleUpgrade,
    wss,
    /** The document's access changed (minutes approved): its connections reconnect under the new rules. */
    reconnectAll(docName: string): void {
      for (const c of conns) if (c.docName === docName) c.ws.close(ACCESS_CHANGED, "access changed");
    },
    /** Revoked sessions lose their open documents at once. */
    dropSessions(sessionIds: readonly string[]): void {
      const ids = new Set(sessionIds);
      for (const c of conns) if (c.grant.sessionId && ids.has(c.grant.sessionId)) c.ws.close(FORBIDDEN, "signed out");
    },
    close(): void {
      for (const c of conns) c.ws.terminate();
    },
  };
}

export type DocHost = ReturnType<typeof createDocHost>;
