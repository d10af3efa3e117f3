import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    // Tests are bounded by counts (commands, rounds, clients), not by what a busy 2-core machine does
    // in a minute: these limits only stop a test that hangs.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
