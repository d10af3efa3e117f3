// PostgreSQL for the tests that need it: Debian's server started in a temporary folder (as the
// postgres user when the tests run as root), one database per test file, migrated as the server
// migrates at start. Where PostgreSQL is not installed those tests are skipped with a loud notice,
// unless SEANCE_REQUIRE_POSTGRES=1 (CI installs it and sets that), where they fail instead.
import fs from "node:fs";
import { describe } from "vitest";
import { migrateDatabase } from "../../server/db/migrate";
import { missingServices, serviceFolder, startPostgres, type LocalPostgres } from "../../scripts/cluster/local-services";

type Service = "postgresql" | "redis-server" | "haproxy";

/** `describe`, or `describe.skip` with a notice naming what to install (failing where it is required). */
export function describeWith(services: Service[], name: string, fn: () => void): void {
  const missing = missingServices(services);
  if (!missing.length) {
    describe(name, fn);
    return;
  }
  const line = `${name}: SKIPPED — ${missing.join(", ")} not installed (apt-get install ${missing.join(" ")}); .ci/run installs them.`;
  if (process.env.SEANCE_REQUIRE_POSTGRES === "1") {
    describe(name, () => {
      throw new Error(`${line} SEANCE_REQUIRE_POSTGRES=1 forbids skipping.`);
    });
    return;
  }
  console.warn(`\n${"!".repeat(line.length)}\n${line}\n${"!".repeat(line.length)}\n`);
  // A conditional skip (scripts/lint.ts refuses an unconditional one): only where the services are missing.
  describe.skipIf(missing.length > 0)(name, fn);
}

export interface TestPostgres {
  pg: LocalPostgres;
  /** A fresh database with every migration applied. */
  migratedDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** One PostgreSQL server for a test file; `fsync` stays on for tests that claim durability. */
export async function startTestPostgres(opts: { fsync?: boolean } = {}): Promise<TestPostgres> {
  const dir = serviceFolder("seance-test-pg-");
  let pg: LocalPostgres;
  try {
    pg = await startPostgres({ dir, fsync: opts.fsync ?? false });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    pg,
    async migratedDatabase(name: string) {
      const url = await pg.createDatabase(name);
      await migrateDatabase(url);
      return url;
    },
    async stop() {
      await pg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The tables, columns (type, nullability, default) and indexes of a database's public schema. */
export async function catalogOf(url: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols = await c.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const idx = await c.query<{ line: string }>(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    return [...cols.rows, ...idx.rows].map((r) => r.line).sort();
  } finally {
    await c.end();
  }
}

/** The SQL that builds the generated PostgreSQL schema from nothing (Prisma's own diff). */
export async function schemaSql(anyDatabaseUrl: string): Promise<string> {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const path = await import("node:path");
  const { stdout } = await promisify(execFile)(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", path.join("prisma", "postgres", "schema.prisma"), "--script"],
    {
      env: {
        ...process.env,
        DATABASE_URL: anyDatabaseUrl,
        CHECKPOINT_DISABLE: "1",
        NODE_OPTIONS: `--require ${path.resolve("server", "db", "prisma-cli-unref.cjs")}`,
      },
    },
  );
  return stdout;
}
