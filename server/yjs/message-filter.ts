// What a client of the minutes' websocket may send, decided by decoding each frame exactly as the
// server will (lib0 varints: message type, then the sync sub-type), never by looking at raw bytes:
// [0x80, 0x00, 0x02, …] is a sync update to y-protocols, whatever its first two bytes say.
import * as decoding from "lib0/decoding";
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from "../../core/minutes/document";

export type YMessageKind = "sync-step1" | "sync-step2" | "sync-update" | "awareness" | "other" | "malformed";

export function classifyYMessage(data: Uint8Array): YMessageKind {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(decoder);
      // Each sync message carries one length-prefixed payload; reading it checks the frame is whole.
      decoding.readVarUint8Array(decoder);
      if (sub === 0) return "sync-step1";
      if (sub === 1) return "sync-step2";
      if (sub === 2) return "sync-update";
      return "other";
    }
    if (type === MESSAGE_AWARENESS) {
      decoding.readVarUint8Array(decoder);
      return "awareness";
    }
    return "other";
  } catch {
    return "malformed";
  }
}

/**
 * Who is connected decides what passes: a writer sends anything the protocol knows; a signed-in
 * reader only asks for the document (sync step 1) and says it is there (awareness); the public
 * only asks for the document. Anything else closes a reader's connection.
 */
export type Audience = "writer" | "reader" | "public";

export function allowed(audience: Audience, kind: YMessageKind): boolean {
  if (kind === "malformed" || kind === "other") return false;
  if (audience === "writer") return true;
  if (kind === "sync-step1") return true;
  return audience === "reader" && kind === "awareness";
}
