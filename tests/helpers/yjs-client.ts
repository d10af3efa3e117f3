// Real y-websocket clients in Node, signed in with a cookie, for websocket-level minutes tests: the
// same provider the editor uses (openMinutesProvider), opened as what the server grants, and a raw
// websocket to send frames no well-behaved client would.
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { openMinutesProvider, type MinutesRole } from "../../lib/client/minutes-provider";
import type { MinutesNotice } from "../../core/minutes/document";

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  role: MinutesRole;
  notices: MinutesNotice[];
  synced: () => Promise<void>;
  close: () => void;
}

/** What the server grants this cookie on the sitting's minutes, as the editor asks it. */
export async function minutesRole(url: string, sittingId: string, cookie?: string): Promise<MinutesRole | "none"> {
  const r = await fetch(`${url}/api/sittings/${sittingId}/minutes-access`, { headers: cookie ? { cookie } : {} });
  const j = (await r.json()) as { data: { access: "write" | "read" | "none" } };
  if (j.data.access === "none") return "none";
  return j.data.access === "write" ? "writer" : cookie ? "reader" : "public";
}

/** A client that connects as the editor would: writer, reader or public, as the server says. */
export async function yClient(url: string, sittingId: string, cookie?: string, role?: MinutesRole): Promise<YClient> {
  const granted = role ?? (await minutesRole(url, sittingId, cookie));
  const as: MinutesRole = granted === "none" ? "public" : granted;
  const doc = new Y.Doc();
  const notices: MinutesNotice[] = [];
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie, origin: url } : {} });
    }
  }
  const provider = openMinutesProvider(sittingId, doc, {
    role: as,
    serverUrl: url.replace(/^http/, "ws"),
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
    onNotice: (n) => notices.push(n),
  });
  return {
    doc,
    provider,
    role: as,
    notices,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) return resolve();
        const on = (s: boolean) => {
          if (s) {
            provider.off("sync", on);
            resolve();
          }
        };
        provider.on("sync", on);
      }),
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Raw websocket attempt: resolves with the HTTP status when the server refuses the upgrade. */
export function tryConnect(url: string, sittingId: string, cookie?: string): Promise<"open" | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + `/yjs/minutes-${sittingId}`, { headers: cookie ? { cookie, origin: url } : {} });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(0));
  });
}

/**
 * Opens the minutes on a raw websocket, waits for the server's first message, sends `frame`, and
 * resolves with the close code the server answered with, or "still open" when it kept the
 * connection for `waitMs` (a frame it accepted).
 */
export function sendRawFrame(url: string, sittingId: string, frame: Uint8Array, cookie?: string, waitMs = 1500): Promise<number | "still open" | "refused"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + `/yjs/minutes-${sittingId}`, { headers: cookie ? { cookie, origin: url } : {} });
    let timer: NodeJS.Timeout | undefined;
    let sent = false;
    ws.on("message", () => {
      if (sent) return;
      sent = true;
      ws.send(frame);
      timer = setTimeout(() => {
        ws.close();
        resolve("still open");
      }, waitMs);
    });
    ws.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve(code);
    });
    ws.on("unexpected-response", () => resolve("refused"));
    ws.on("error", () => undefined);
  });
}

/** A y-websocket sync "update" frame carrying `update` (what a writer's client sends). */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

/** An update that appends a paragraph holding `text` to a fresh document's minutes fragment. */
export function paragraphUpdate(text: string): Uint8Array {
  const d = new Y.Doc();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  d.getXmlFragment("default").push([p]);
  return Y.encodeStateAsUpdate(d);
}
