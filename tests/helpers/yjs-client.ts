// A real y-websocket client in Node, signed in with a cookie, for websocket-level minutes tests.
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export function yClient(
  url: string,
  sittingId: string,
  cookie?: string,
): { doc: Y.Doc; provider: WebsocketProvider; synced: () => Promise<void>; close: () => void } {
  const doc = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} });
    }
  }
  const provider = new WebsocketProvider(url.replace(/^http/, "ws") + "/yjs", `minutes-${sittingId}`, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
    disableBc: true,
  });
  return {
    doc,
    provider,
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
    const ws = new WebSocket(url.replace(/^http/, "ws") + `/yjs/minutes-${sittingId}`, { headers: cookie ? { cookie } : {} });
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(0));
  });
}
