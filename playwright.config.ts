// End-to-end tests in real Chromium (Debian's), against one production build served by the real
// server on a fresh SQLite database.
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB = path.join(os.tmpdir(), `seance-e2e-${PORT}.db`);

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    trace: "off",
  },
  webServer: {
    command: `rm -f ${DB} ${DB}-wal ${DB}-shm && node --import tsx server/index.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: `file:${DB}`, SEANCE_DEMO: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
