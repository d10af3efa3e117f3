// Applies the committed migrations to a database (the server at every start, `npm run setup`):
// the Prisma CLI runs only when some migration is not recorded as applied yet. On PostgreSQL the
// nodes that start together migrate (and load the demo) one at a time, under an advisory lock.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseFile, isPostgresUrl } from "./url";

function committedMigrations(folder: string): string[] {
  return fs
    .readdirSync(path.join(process.cwd(), folder), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

/** True when every committed migration is recorded as finished in the database. */
function migrationsApplied(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const wanted = committedMigrations(path.join("prisma", "migrations"));
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as {
        migration_name: string;
      }[];
      const done = new Set(rows.map((r) => r.migration_name));
      return wanted.every((m) => done.has(m));
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export class MigrationError extends Error {}

export function applyMigrations(url: string): void {
  if (migrationsApplied(databaseFile(url))) return;
  try {
    execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      stdio: "pipe",
      env: { ...process.env, DATABASE_URL: url },
    });
  } catch (err) {
    const out = err && typeof err === "object" && "stderr" in err ? String(err.stderr) : "";
    const line = out.split("\n").find((l) => /error|Error|unable|Unable/.test(l)) ?? out.split("\n").find((l) => l.trim()) ?? "";
    throw new MigrationError(`database migration failed for ${url}${line ? ` — ${line.trim()}` : ""}`);
  }
}

/** The lock the starting nodes take in turn (the sittings' locks use other keys, pg-leases.ts). */
const STARTUP_LOCK = [0x5ea, 0] as const;

/**
 * Runs `fn` while holding the database's start-up lock (PostgreSQL), so two nodes starting at
 * once do not both migrate or both load the demo; on SQLite it simply runs.
 */
export async function whileStarting<T>(url: string, fn: () => Promise<T>): Promise<T> {
  if (!isPostgresUrl(url)) return fn();
  const client = new pg.Client({ connectionString: url, application_name: "seance-start" });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1, $2)", [...STARTUP_LOCK]);
    return await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pendingOnPostgres(url: string): Promise<boolean> {
  const wanted = committedMigrations(path.join("prisma", "postgres", "migrations"));
  const client = new pg.Client({ connectionString: url, application_name: "seance-start" });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const r = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const done = new Set(r.rows.map((row) => row.migration_name));
    return !wanted.every((m) => done.has(m));
  } catch (err) {
    // No migrations table yet: an empty database.
    if (err && typeof err === "object" && "code" in err && err.code === "42P01") return true;
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The committed migrations of either database; the PostgreSQL CLI run without its 10 s linger. */
export async function migrateDatabase(url: string): Promise<void> {
  if (!isPostgresUrl(url)) return applyMigrations(url);
  try {
    if (!(await pendingOnPostgres(url))) return;
    await promisify(execFile)(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        CHECKPOINT_DISABLE: "1",
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(process.cwd(), "server", "db", "prisma-cli-unref.cjs")}`.trim(),
      },
    });
  } catch (err) {
    const out = err && typeof err === "object" && "stderr" in err ? String(err.stderr) : err instanceof Error ? err.message : String(err);
    const line = out.split("\n").find((l) => /error|Error|unable|Unable|ECONNREFUSED/.test(l)) ?? out.split("\n").find((l) => l.trim()) ?? "";
    throw new MigrationError(`database migration failed for ${url.replace(/\/\/[^@]*@/, "//")}${line ? ` — ${line.trim()}` : ""}`);
  }
}
