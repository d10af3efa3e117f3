// A secret ballot's urn on disk: its four totals sealed together with AES-256-GCM under a key the
// database does not hold, a fresh nonce at every deposit, and a fixed length (four 32-bit counters),
// so copies of the database and its WAL taken between deposits show only unrelated random bytes.
// The vote id is bound as associated data: one vote's urn cannot be pasted onto another. A nomination
// round's urn adds one counter per candidate (its length is fixed for the whole vote).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Tally } from "../../core/vocabulary";

const NONCE = 12;
const TAG = 16;
const PLAIN = 16;
export const SEALED_URN_BYTES = NONCE + PLAIN + TAG;

export function sealUrn(key: Buffer, voteId: string, tally: Tally, candidates: readonly number[] = []): Buffer {
  const plain = Buffer.alloc(PLAIN + 4 * candidates.length);
  plain.writeUInt32BE(tally.pour, 0);
  plain.writeUInt32BE(tally.contre, 4);
  plain.writeUInt32BE(tally.abstention, 8);
  plain.writeUInt32BE(tally.nppv, 12);
  candidates.forEach((n, i) => plain.writeUInt32BE(n, PLAIN + 4 * i));
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(voteId, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export class UrnSealError extends Error {}

export function unsealUrn(key: Buffer, voteId: string, sealed: Uint8Array): Tally {
  return unsealUrnCounts(key, voteId, sealed).tally;
}

/** The urn's four totals and, for a nomination round, its per-candidate counters. */
export function unsealUrnCounts(key: Buffer, voteId: string, sealed: Uint8Array): { tally: Tally; candidates: number[] } {
  const buf = Buffer.from(sealed);
  if (buf.length < SEALED_URN_BYTES || (buf.length - SEALED_URN_BYTES) % 4 !== 0) throw new UrnSealError(`the urn of vote ${voteId} is not a sealed urn`);
  const plainLength = buf.length - NONCE - TAG;
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(voteId, "utf8"));
  decipher.setAuthTag(buf.subarray(NONCE + plainLength));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(buf.subarray(NONCE, NONCE + plainLength)), decipher.final()]);
  } catch {
    throw new UrnSealError(`the urn of vote ${voteId} cannot be opened with this server's key (SEANCE_SECRET or the key file changed?)`);
  }
  const candidates = Array.from({ length: (plainLength - PLAIN) / 4 }, (_, i) => plain.readUInt32BE(PLAIN + 4 * i));
  return { tally: { pour: plain.readUInt32BE(0), contre: plain.readUInt32BE(4), abstention: plain.readUInt32BE(8), nppv: plain.readUInt32BE(12) }, candidates };
}
