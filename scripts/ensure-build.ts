// The production build (`npm run build`: Next.js's pages and the public wall), made once when a
// tool that serves pages finds it missing (the bench, the local cluster).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { WALL_DIR, WALL_MANIFEST } from "../server/http/wall-page";

export function ensureProductionBuild(log: (m: string) => void): void {
  const root = process.cwd();
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(path.join(root, WALL_DIR, WALL_MANIFEST))) return;
  log("no production build yet (.next/BUILD_ID, .next/wall): running npm run build…");
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
