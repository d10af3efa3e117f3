// Séance's entry point: read the configuration, open and migrate the database, load the demo
// council when empty, serve everything on one port, and print where to go. Fails in one line.
import { z } from "zod";
import { openDatabase, type Db } from "./db/client";
import { MigrationError, migrateDatabase, whileStarting } from "./db/migrate";
import { resolveDatabaseUrl } from "./db/url";
import { isDatabaseEmpty, seedDemo } from "./seed/demo";
import { conveneDemo } from "./seed/demo-convocation";
import { accountsWithDemoPasswords } from "./auth/accounts";
import { createSeanceServer } from "./app";
import { errorMessage } from "./ports";

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  SEANCE_DEMO: z.enum(["0", "1", "true", "false"]).default("0"),
  // API and websockets only, without the Next.js pages (crash harness, benchmarks).
  SEANCE_PAGES: z.enum(["0", "1"]).default("1"),
});

/** The database URL without its password, for the start-up lines. */
function displayUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1@");
}

function fail(message: string): never {
  console.error(`Séance could not start: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const cfg = ConfigSchema.safeParse(process.env);
  if (!cfg.success) fail(`bad configuration (${cfg.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
  const demo = cfg.data.SEANCE_DEMO === "1" || cfg.data.SEANCE_DEMO === "true";

  let url: string;
  try {
    url = resolveDatabaseUrl();
  } catch (err) {
    fail(errorMessage(err));
  }
  process.env.DATABASE_URL = url;
  let db: Db;
  let empty = false;
  let seeded = false;
  try {
    // Nodes starting together on one PostgreSQL database migrate and load the demo in turn.
    db = await whileStarting(url, async () => {
      // Committed migrations, applied at every start; the CLI is skipped when all are already applied.
      await migrateDatabase(url);
      const opened = await openDatabase(url);
      empty = await isDatabaseEmpty(opened);
      // The demo council, with its published passwords, is loaded only on a demo server.
      if (empty && demo) {
        const r = await seedDemo(opened);
        console.log(`Empty database: demo council "${r.councilId}" loaded.`);
        empty = false;
        seeded = true;
      }
      return opened;
    });
  } catch (err) {
    if (err instanceof MigrationError) fail(errorMessage(err));
    fail(`cannot open the database ${displayUrl(url)} — ${errorMessage(err)}`);
  }
  if (!demo) {
    // A real council's server never runs with a password everyone can read in the README.
    const demoAccounts = await accountsWithDemoPasswords(db);
    if (demoAccounts.length)
      fail(
        `account(s) ${demoAccounts.map((l) => `"${l}"`).join(", ")} still have the published demo password — set a new one with "npm run setup -- password ${demoAccounts[0]}" (or run the demo with SEANCE_DEMO=1)`,
      );
  }

  const withoutPages = cfg.data.SEANCE_PAGES === "0";
  // In development the public wall is built at each start (production builds it in `npm run build`).
  if (dev && !withoutPages)
    await import("../scripts/build-wall")
      .then(({ buildWall }) => buildWall(process.cwd(), { minify: false }))
      .catch((err: unknown) => fail(`cannot build the public wall — ${errorMessage(err)}`));
  const server = await createSeanceServer({ db, databaseUrl: url, dev, demo, dir: process.cwd(), withoutPages }).catch((err: unknown) =>
    fail(errorMessage(err)),
  );
  // The demo sitting was convened and its ordre du jour posted (the room decides it, as for the clerk).
  if (seeded) await conveneDemo(db, server.rooms).catch((err: unknown) => fail(errorMessage(err)));
  let port: number;
  try {
    port = await server.listen(cfg.data.PORT, cfg.data.HOST);
  } catch (err) {
    const code = err && typeof err === "object" && "code" in err ? String(err.code) : "";
    if (code === "EADDRINUSE") fail(`port ${cfg.data.PORT} is already in use (set PORT to another port)`);
    if (code === "EACCES") fail(`no permission to listen on port ${cfg.data.PORT}`);
    fail(errorMessage(err));
  }
  const base = `http://localhost:${port}`;
  // Said before "ready", which is the line supervisors and tests wait for.
  if (empty) console.log(`No council yet: set one up with "npm run setup" (council, clerk and mayor accounts), then sign in at ${base}/signin`);
  console.log(
    `Séance is ready on ${base} (database ${displayUrl(url)}${server.nodeId && process.env.REDIS_URL ? `, node ${server.nodeId}` : ""}${dev ? ", development mode" : ""})`,
  );
  if (demo) {
    const sitting = await db.sitting.findFirst({ orderBy: { date: "asc" } });
    const sid = sitting?.id ?? "";
    const secretaries = sitting ? (JSON.parse(sitting.secretaryIds) as string[]) : [];
    const councillor = await db.user.findFirst({ where: { role: "councillor", memberId: { notIn: ["m01", ...secretaries] } }, orderBy: { login: "asc" } });
    console.log("Demo mode — sign in with one click:");
    console.log(`  All demo links:      ${base}/demo`);
    console.log(`  Mayor (president):   ${base}/demo/signin?as=u-president`);
    console.log(`  Clerk:               ${base}/demo/signin?as=u-clerk`);
    if (secretaries[0]) console.log(`  Secretary:           ${base}/demo/signin?as=u-${secretaries[0]}&to=/minutes/${sid}`);
    if (councillor) console.log(`  A councillor:        ${base}/demo/signin?as=${councillor.id}`);
    console.log(`  Public screen:       ${base}/public/${sid}`);
  }
  const stop = (signal: string) => {
    console.log(`${signal}: saving and stopping…`);
    void server
      .close()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => fail(errorMessage(err)));
