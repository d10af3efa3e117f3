// Opens a sitting's minutes over y-websocket as what the server granted: a writer syncs both ways; a
// signed-in reader only receives (it never answers the server's sync step 1 with its own state nor
// sends an update, which the server would refuse) but shows its presence; the public only receives.
// Used by the editor in the browser and by the tests in Node, so both speak exactly the same way.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { MESSAGE_NOTICE, MESSAGE_SYNC, minutesDocName, YJS_PATH, type MinutesNotice } from "../../core/minutes/document";

export type MinutesRole = "writer" | "reader" | "public";

export interface MinutesProviderOptions {
  role: MinutesRole;
  /** ws(s)://host — the server's origin as a websocket URL. */
  serverUrl: string;
  WebSocketPolyfill?: typeof WebSocket;
  maxBackoffTime?: number;
  onNotice?: (notice: MinutesNotice) => void;
}

const MESSAGE_QUERY_AWARENESS = 3;

export function openMinutesProvider(sittingId: string, doc: Y.Doc, opts: MinutesProviderOptions): WebsocketProvider {
  const provider = new WebsocketProvider(`${opts.serverUrl}${YJS_PATH}`, minutesDocName(sittingId), doc, {
    connect: false,
    disableBc: true,
    ...(opts.maxBackoffTime !== undefined ? { maxBackoffTime: opts.maxBackoffTime } : {}),
    ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
  });
  provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
    try {
      opts.onNotice?.(JSON.parse(decoding.readVarString(decoder)) as MinutesNotice);
    } catch {
      // a notice this client cannot read is ignored
    }
  };
  if (opts.role !== "writer") {
    // Apply what the server sends, answer nothing: the reply to sync step 1 (step 2) stays here.
    provider.messageHandlers[MESSAGE_SYNC] = (_encoder, decoder, p, emitSynced) => {
      const type = syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), p.doc, p);
      if (emitSynced && type === syncProtocol.messageYjsSyncStep2 && !p.synced) p.synced = true;
    };
    doc.off("update", provider._updateHandler);
  }
  if (opts.role === "public") {
    // The public is not shown as present, and shows nobody's presence back.
    provider.awareness.off("update", provider._awarenessUpdateHandler);
    provider.awareness.setLocalState(null);
    provider.messageHandlers[MESSAGE_QUERY_AWARENESS] = () => undefined;
  }
  provider.connect();
  return provider;
}
