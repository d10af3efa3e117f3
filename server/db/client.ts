// Opens the database: Prisma over better-sqlite3, in WAL mode with synchronous=FULL so that a
// committed transaction (an acknowledged ballot) survives a crash or a power cut; or, for several
// nodes, Prisma over PostgreSQL (its own generated client, prisma/postgres/), whose defaults
// (fsync, synchronous_commit) give the same guarantee.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { PrismaClient as PostgresPrismaClient } from ".prisma/postgres-client";
import { databaseFile, isPostgresUrl } from "./url";

export type Db = PrismaClient;

/** The clients openDatabase made for PostgreSQL (a Prisma client is a proxy: no instanceof). */
const onPostgres = new WeakSet<object>();

export async function openDatabase(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const prisma = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, application_name: "seance-prisma" }) });
    await prisma.$connect();
    onPostgres.add(prisma);
    // Both clients come from one schema (scripts/postgres-schema.ts); their types differ only in the
    // isolation levels $transaction accepts, a superset on PostgreSQL.
    return prisma as unknown as Db;
  }
  const file = databaseFile(url);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw new Error(`the database folder ${dir} does not exist`);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await prisma.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return prisma;
}

/** The durability settings actually in force, for tests and the health endpoint. */
export async function readDurability(db: Db): Promise<{ journalMode: string; synchronous: number }> {
  if (isPostgresDb(db)) {
    // PostgreSQL always writes ahead; a commit is durable when both settings are on (2, as FULL).
    const rows = await db.$queryRawUnsafe<{ name: string; setting: string }[]>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit')",
    );
    const on = rows.length === 2 && rows.every((r) => r.setting === "on");
    return { journalMode: "postgresql", synchronous: on ? 2 : 0 };
  }
  const jm = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const sy = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return { journalMode: String(jm[0]?.journal_mode), synchronous: Number(sy[0]?.synchronous) };
}

/** True when this client talks to PostgreSQL. */
export function isPostgresDb(db: Db): boolean {
  return onPostgres.has(db);
}
