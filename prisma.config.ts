// Prisma CLI configuration: the JS schema engine over better-sqlite3, so migrations need no binary.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseUrl } from "./server/db/url";

const url = resolveDatabaseUrl();
process.env.DATABASE_URL = url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter() {
    return Promise.resolve(new PrismaBetterSQLite3({ url }));
  },
});
