// Prisma CLI configuration: the JS schema engine over a driver adapter, so migrations need no
// binary. DATABASE_URL picks the database: a SQLite file (the default, prisma/schema.prisma and
// prisma/migrations) or PostgreSQL (prisma/postgres/, generated from the SQLite schema by
// `npm run db:postgres-schema`).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { MigrateClient } from "./server/db/pg-migrate-client";
import { isPostgresUrl, resolveDatabaseUrl } from "./server/db/url";

const url = resolveDatabaseUrl();
process.env.DATABASE_URL = url;
const postgres = isPostgresUrl(url);
const folder = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  adapter() {
    return Promise.resolve(postgres ? new PrismaPg({ connectionString: url, Client: MigrateClient, allowExitOnIdle: true }) : new PrismaBetterSQLite3({ url }));
  },
});
