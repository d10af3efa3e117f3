// Finds the system Chromium (browser downloads are not possible here) for Playwright and for the
// server's PDF renderer, and says exactly what to install when it is missing.
import fs from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"].filter((p): p is string => !!p);

export function findChromium(): string {
  const found = CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium was not found. Install Debian's package: `sudo apt-get update && sudo apt-get install -y chromium` " +
        "(or set CHROMIUM_PATH to a Chromium binary). `npx playwright install` cannot download browsers here.",
    );
  }
  return found;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
];
