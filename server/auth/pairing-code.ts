// Device pairing codes: 8 characters a person can type (no 0/O, 1/I), stored only as an HMAC with
// the server key, so neither the database nor its backups let anyone pair a device.
import { createHmac, randomInt } from "node:crypto";
import type { ServerKeys } from "./server-key";

const PAIR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_TTL_MS = 7 * 24 * 3600 * 1000;

export function newPairingCode(): string {
  return Array.from({ length: 8 }, () => PAIR_ALPHABET[randomInt(PAIR_ALPHABET.length)]).join("");
}

export function normalizePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function pairingCodeHash(keys: Pick<ServerKeys, "pairing">, code: string): string {
  return createHmac("sha256", keys.pairing).update(normalizePairingCode(code)).digest("hex");
}
