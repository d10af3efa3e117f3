// The sitting log's hash chain: each event's hash covers its content and the previous hash, so
// altering, removing or reordering any stored event breaks every link after it. SHA-256 comes from
// @noble/hashes (audited, no native code), so the same check runs in the server, a script or a browser.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEvent {
  sittingId: string;
  seq: number;
  type: string;
  payload: string; // canonical JSON as stored
  actor: string;
  at: string;
  prevHash: string;
  hash: string;
}

/** JSON with keys sorted at every level, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function computeEventHash(e: Omit<ChainedEvent, "hash">): string {
  const body = [e.sittingId, String(e.seq), e.type, e.payload, e.actor, e.at, e.prevHash].join("\n");
  return bytesToHex(sha256(utf8ToBytes(body)));
}

export type ChainVerdict = { ok: true; events: number; lastHash: string } | { ok: false; events: number; brokenAt: number; problem: string };

/** Recompute the chain; name the first broken link. */
export function verifyChain(sittingId: string, events: ChainedEvent[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const expectedSeq = i + 1;
    if (e.seq !== expectedSeq)
      return { ok: false, events: events.length, brokenAt: expectedSeq, problem: `event #${expectedSeq} is missing (found #${e.seq})` };
    if (e.sittingId !== sittingId) return { ok: false, events: events.length, brokenAt: e.seq, problem: `event #${e.seq} belongs to another sitting` };
    if (e.prevHash !== prev)
      return { ok: false, events: events.length, brokenAt: e.seq, problem: `event #${e.seq} (${e.type}) does not follow the previous event's hash` };
    const h = computeEventHash(e);
    if (h !== e.hash)
      return { ok: false, events: events.length, brokenAt: e.seq, problem: `event #${e.seq} (${e.type}) was altered: its content does not match its hash` };
    prev = e.hash;
  }
  return { ok: true, events: events.length, lastHash: prev };
}
