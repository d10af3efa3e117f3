// Applies the committed migrations to a database (the server at every start, `npm run setup`):
// the Prisma CLI runs only when some migration is not recorded as applied yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "./url";

/** True when every committed migration is recorded as finished in the database. */
function migrationsApplied(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const wanted = fs
    .readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
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
