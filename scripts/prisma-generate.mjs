// `npm run db:generate` (and postinstall): both Prisma clients, whatever DATABASE_URL says — the
// SQLite one (@prisma/client, the default database and the types the server is written against)
// and the PostgreSQL one (node_modules/.prisma/postgres-client, generated from prisma/postgres/).
import { execFileSync } from "node:child_process";
import path from "node:path";

const prisma = path.join(process.cwd(), "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
const run = (schema, url) =>
  execFileSync(prisma, ["generate", "--schema", schema], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });

run(path.join("prisma", "schema.prisma"), `file:${path.join(process.cwd(), "data", "seance.db")}`);
// The URL only picks the PostgreSQL side of prisma.config.ts: nothing connects to it.
run(path.join("prisma", "postgres", "schema.prisma"), "postgresql://postgres@127.0.0.1:5432/seance");
