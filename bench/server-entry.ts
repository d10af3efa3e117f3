// The Séance server as server/index.ts starts it (migrations applied at start, one port, API and
// websockets; pages off as in the crash harness), forked by the bench with an IPC channel so the
// bench can read what only the process itself knows: its heap and its event-loop lag.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "../server/db/client";
import { createSeanceServer } from "../server/app";
import { measureMemory, serveRpc, type MemoryFigures } from "./ipc";

export type ServerOps = {
  mem: [Record<string, never>, MemoryFigures];
  "lag:reset": [Record<string, never>, null];
  "lag:read": [Record<string, never>, { p50Ms: number; p99Ms: number; maxMs: number }];
  /** CPU time used by the process so far (user + system): the server's work, whatever else runs. */
  cpu: [Record<string, never>, number];
};

// The histogram records the time between timer wake-ups; an idle loop shows the resolution itself.
const LAG_RESOLUTION_MS = 5;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? "";
  const port = Number(process.env.PORT ?? "0");
  execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { stdio: "pipe", env: process.env });
  const db = await openDatabase(url);
  const logger = { info: () => undefined, error: (m: string) => console.error(m) };
  const server = await createSeanceServer({ db, databaseUrl: url, dev: false, demo: true, dir: process.cwd(), withoutPages: true, logger });
  await server.listen(port, "127.0.0.1");

  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS);
  serveRpc<ServerOps>({
    mem: () => measureMemory(),
    "lag:reset": () => {
      lag.reset();
      return null;
    },
    "lag:read": () => ({ p50Ms: ms(lag.percentile(50)), p99Ms: ms(lag.percentile(99)), maxMs: ms(lag.max) }),
    cpu: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
  });

  process.on("SIGTERM", () => {
    void server
      .close()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
  process.send?.({ ready: true });
}

main().catch((err: unknown) => {
  console.error(`bench server failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
