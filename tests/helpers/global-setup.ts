// Once per test run: a migrated, empty SQLite template that each test copies (faster than
// running the migrations for every test file).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default function setup(project: TestProject): () => void {
  // One template per run, so two runs at once (a developer and a helper) never share it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seance-template-"));
  const TEMPLATE_DB = path.join(dir, "template.db");
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  project.provide("templateDb", TEMPLATE_DB);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
