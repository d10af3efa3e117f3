// Once per test run: a migrated, empty SQLite template that each test copies (faster than
// running the migrations for every test file).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TEMPLATE_DB = path.join(process.cwd(), "tests", ".tmp", "template.db");

export default function setup(): void {
  fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true });
  for (const f of [TEMPLATE_DB, `${TEMPLATE_DB}-wal`, `${TEMPLATE_DB}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
}
