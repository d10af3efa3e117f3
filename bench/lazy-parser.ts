// A Socket.IO parser for the bench's clients: the wire format is Socket.IO's own (same Encoder), but
// a `sitting:state` broadcast is not JSON-parsed on arrival, only its `seq` is read. Thousands of
// simulated screens share one client process here, where each real screen has its own CPU; parsing
// every 10–20 kB view would make the client process, not the server, the thing being measured.
// Every other packet (acks, `sitting:me`, `hello`) goes through the stock decoder.
import { Decoder, Encoder, PacketType } from "socket.io-parser";

export const STATE_PREFIX = '2["sitting:state",';

/** A received public view: its sequence number, and the packet text for a later full check. */
export interface LazyState {
  seq: number;
  raw: string;
}

/** `seq` is the second key of a PublicView (`{"kind":"public","seq":N,…`), so the scan stops early. */
export function seqOf(text: string, from = 0): number {
  const i = text.indexOf('"seq":', from);
  if (i < 0) return -1;
  let n = 0;
  for (let j = i + 6; j < text.length; j++) {
    const c = text.charCodeAt(j) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return n;
}

/** The full view out of a lazily received packet (for checking what a screen holds). */
export function parseLazy(state: LazyState): unknown {
  const packet: unknown = JSON.parse(state.raw.slice(1));
  return Array.isArray(packet) ? packet[1] : null;
}

class LazyStateDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === "string" && chunk.startsWith(STATE_PREFIX)) {
      const state: LazyState = { seq: seqOf(chunk, STATE_PREFIX.length), raw: chunk };
      this.emitReserved("decoded", { type: PacketType.EVENT, nsp: "/", data: ["sitting:state", state] });
      return;
    }
    super.add(chunk);
  }
}

export const lazyParser = { Encoder, Decoder: LazyStateDecoder };
