// The production build (`npm run build`: Next.js's pages and the public wall), made once when a
// tool that serves pages finds it missing (the bench, the local cluster).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function ensureProductionBuild(log: (m: string) => void): void {
  const next = path.join(process.cwd(), ".next");
  if (fs.existsSync(path.join(next, "BUILD_ID")) && fs.existsSync(path.join(next, "wall", "manifest.json"))) return;
  log("no production build yet (.next/BUILD_ID, .next/wall): running npm run build…");
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
