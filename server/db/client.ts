// Opens the database: Prisma over better-sqlite3, in WAL mode with synchronous=FULL so that a
// committed transaction (an acknowledged ballot) survives a crash or a power cut.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseFile } from "./url";

export type Db = PrismaClient;

export async function openDatabase(url: string): Promise<Db> {
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
  const jm = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const sy = await db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
  return { journalMode: String(jm[0]?.journal_mode), synchronous: Number(sy[0]?.synchronous) };
}
