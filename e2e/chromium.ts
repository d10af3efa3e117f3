// Finds the system Chromium for Playwright; the server's PDF renderer uses the same lookup, so it lives
// in server/records/chromium.ts and is re-exported here for the e2e config and scripts.
export { CHROMIUM_ARGS, findChromium } from "../server/records/chromium";
