// The PostgreSQL schema is generated from the SQLite one (prisma/schema.prisma, where models are
// added): only the provider and the client's output differ. When the models changed since the
// committed PostgreSQL schema, the PostgreSQL migration is written too: named after the newest
// SQLite migration, with a timestamp later than every PostgreSQL migration (or --name).
//   npm run db:postgres-schema                   regenerate prisma/postgres/schema.prisma (+ migration)
//   npm run db:postgres-schema -- --check        exit 1 when the committed file is stale
//   npm run db:postgres-schema -- --name <dir>   the new migration's folder name
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { serviceFolder, startPostgres } from "./cluster/local-services";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_DIR = path.join("prisma", "postgres");
export const POSTGRES_SCHEMA = path.join(POSTGRES_DIR, "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(POSTGRES_DIR, "migrations");
/** The generated PostgreSQL client (imported by server/db/client.ts). */
export const POSTGRES_CLIENT_OUTPUT = "../../node_modules/.prisma/postgres-client";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:postgres-schema\`: edit that file, then run it.
// The same models on PostgreSQL (several nodes, docs/ARCHITECTURE.md); migrations in ./migrations.
`;

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchemaOf(sqlite: string): string {
  const datasource = /datasource\s+db\s*\{[^}]*\}/;
  const generator = /generator\s+client\s*\{([^}]*)\}/;
  if (!datasource.test(sqlite) || !generator.test(sqlite)) throw new Error(`${SQLITE_SCHEMA}: no datasource db or generator client block`);
  return (
    HEADER +
    sqlite
      .replace(datasource, (block) => block.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'))
      .replace(generator, (_block, body: string) => `generator client {${body.replace(/\n$/, "")}\n  output     = "${POSTGRES_CLIENT_OUTPUT}"\n}`)
  );
}

function folders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);

/** `<timestamp>_<name of the newest SQLite migration>`, sorting after every PostgreSQL migration. */
function nextMigrationName(): string {
  const sqlite = folders(path.join("prisma", "migrations"));
  const suffix = (sqlite[sqlite.length - 1] ?? "0_models").replace(/^\d+_/, "");
  const last = folders(POSTGRES_MIGRATIONS).pop();
  let t = new Date();
  if (last && last.slice(0, 14) >= stamp(t)) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(last);
    if (m) t = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]! + 1));
  }
  return `${stamp(t)}_${suffix}`;
}

/**
 * The SQL from one PostgreSQL schema to another (from nothing when `from` is null). Prisma's
 * `migrate diff` connects to a database even between two schema files: a throwaway one is started.
 */
async function diff(from: string | null, to: string): Promise<string> {
  const svc = serviceFolder();
  const pg = await startPostgres({ dir: svc, fsync: false });
  // Both files inside the project (the CLI looks for package.json above a schema); the target in
  // its place, since prisma.config.ts names it.
  const fromFile = path.join(POSTGRES_DIR, ".from-schema.prisma");
  const previous = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  try {
    fs.mkdirSync(POSTGRES_DIR, { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, to);
    if (from !== null) fs.writeFileSync(fromFile, from);
    const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", fromFile];
    const { stdout } = await promisify(execFile)(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      { env: { ...process.env, DATABASE_URL: await pg.createDatabase("diff"), CHECKPOINT_DISABLE: "1", NODE_OPTIONS: PRISMA_CLI_PRELOAD } },
    );
    return stdout;
  } catch (err) {
    if (previous === null) fs.rmSync(POSTGRES_SCHEMA, { force: true });
    else fs.writeFileSync(POSTGRES_SCHEMA, previous);
    throw err;
  } finally {
    fs.rmSync(fromFile, { force: true });
    await pg.stop();
    fs.rmSync(svc, { recursive: true, force: true });
  }
}

/** The Prisma CLI on PostgreSQL without its 10 s linger (server/db/prisma-cli-unref.cjs). */
export const PRISMA_CLI_PRELOAD = `--require ${path.resolve("server", "db", "prisma-cli-unref.cjs")}`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = postgresSchemaOf(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  if (args.includes("--check")) {
    if (current === wanted) return;
    console.error(`${POSTGRES_SCHEMA} is stale: run \`npm run db:postgres-schema\` (it also writes the PostgreSQL migration).`);
    process.exit(1);
  }
  if (current === wanted) {
    console.log(`${POSTGRES_SCHEMA} is up to date.`);
    return;
  }
  const nameAt = args.indexOf("--name");
  const name = nameAt >= 0 ? (args[nameAt + 1] ?? "") : nextMigrationName();
  const folder = path.join(POSTGRES_MIGRATIONS, name);
  if (!/^\d{14}_[a-z0-9_]+$/.test(name)) throw new Error(`migration name "${name}" is not <timestamp>_<name>`);
  if (fs.existsSync(folder)) throw new Error(`${folder} exists already: pass --name <timestamp>_<name>`);
  const sql = await diff(current, wanted);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), sql);
  fs.writeFileSync(
    path.join(POSTGRES_MIGRATIONS, "migration_lock.toml"),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  fs.writeFileSync(POSTGRES_SCHEMA, wanted);
  console.log(`wrote ${POSTGRES_SCHEMA} and ${path.join(folder, "migration.sql")}; then run \`npm run db:generate\``);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename))
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
