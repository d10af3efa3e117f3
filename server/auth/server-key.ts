// The server's secret key, kept OUT of the database: SEANCE_SECRET, or a key file (mode 0600) created
// beside the database on first start. A copy of the database alone therefore signs nobody in, pairs
// no device, and opens no secret urn. Each use gets its own subkey (HKDF), so no two uses share a key.
import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface ServerKeys {
  /** Signs the sign-in cookies (HS256). */
  cookie: Uint8Array;
  /** HMAC of the device pairing codes (the codes themselves are never stored). */
  pairing: Buffer;
  /** AES-256-GCM key of the secret ballots' urns. */
  urn: Buffer;
  /** HMAC of a command's payload in its receipt (a reused id with another payload is refused). */
  receipt: Buffer;
  /** Where the key came from, for the start-up line (never the key itself). */
  source: string;
}

const MIN_SECRET = 32;

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `seance:${purpose}`, 32));
}

export function keysFrom(master: Buffer, source: string): ServerKeys {
  return {
    cookie: new Uint8Array(derive(master, "cookie")),
    pairing: derive(master, "pairing-code"),
    urn: derive(master, "secret-urn"),
    receipt: derive(master, "command-receipt"),
    source,
  };
}

/** The key file's path: SEANCE_KEY_FILE, else `seance.key` beside a SQLite database, else ./data. */
export function keyFilePath(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEANCE_KEY_FILE) return path.resolve(env.SEANCE_KEY_FILE);
  if (databaseUrl.startsWith("file:")) return path.join(path.dirname(databaseUrl.slice("file:".length)), "seance.key");
  return path.join(process.cwd(), "data", "seance.key");
}

/**
 * SEANCE_SECRET (at least 32 characters) wins; otherwise the key file, created with mode 0600 the
 * first time (`wx`: two processes starting at once cannot both write one).
 */
export function loadServerKeys(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): ServerKeys {
  const fromEnv = env.SEANCE_SECRET;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < MIN_SECRET) throw new Error(`SEANCE_SECRET must be at least ${MIN_SECRET} characters`);
    return keysFrom(Buffer.from(fromEnv, "utf8"), "SEANCE_SECRET");
  }
  const file = keyFilePath(databaseUrl, env);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (err) {
      if (!(err && typeof err === "object" && "code" in err && err.code === "EEXIST")) throw err;
    }
  }
  // A key file readable by others is tightened, not trusted as it is.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const text = fs.readFileSync(file, "utf8").trim();
  const master = Buffer.from(text, "base64");
  if (master.length < 32) throw new Error(`the key file ${file} does not hold a 32-byte base64 key`);
  return keysFrom(master, file);
}
