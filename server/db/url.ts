// Where the database lives: DATABASE_URL, or an embedded SQLite file under ./data; a
// postgresql:// URL selects PostgreSQL (several nodes, docs/ARCHITECTURE.md). Shared by the Prisma
// CLI config, the server and the scripts so they always open the same database.
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DB_FILE = path.join(process.cwd(), "data", "seance.db");

export function resolveDatabaseUrl(raw: string | undefined = process.env.DATABASE_URL): string {
  if (!raw || raw.trim() === "") {
    // The embedded default: create its folder so a fresh clone starts with no setup.
    fs.mkdirSync(path.dirname(DEFAULT_DB_FILE), { recursive: true });
    return `file:${DEFAULT_DB_FILE}`;
  }
  const value = raw.trim();
  if (isPostgresUrl(value)) return value;
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL (got "${value.split(":")[0]}:…")`);
  }
  const p = value.slice("file:".length);
  if (p === "" || p.includes("?")) throw new Error(`DATABASE_URL "${value}" is not a usable SQLite file path`);
  return `file:${path.resolve(process.cwd(), p)}`;
}

export function databaseFile(url: string): string {
  return url.slice("file:".length);
}

/** A PostgreSQL connection string (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
