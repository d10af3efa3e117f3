// `npm run --silent export:scdl [-- <councilId>] [--base-url https://seance.ville.fr]`: prints the
// council's SCDL "Délibérations" CSV (adopted acts) to stdout. Rows that break the schema's field
// rules or custom checks are never written: each is named on stderr with why. DELIB_URL uses the
// public origin (--base-url, else SEANCE_PUBLIC_URL), as the server's download does.
// Exit 0 ok, 1 rows refused, 2 bad usage.
import { openDatabase } from "../server/db/client";
import { resolveDatabaseUrl } from "../server/db/url";
import { buildCouncilScdl } from "../server/records/scdl-service";

function parseArgs(argv: string[]): { councilId: string | undefined; baseUrl: string | undefined } | string {
  let councilId: string | undefined;
  let baseUrl = process.env.SEANCE_PUBLIC_URL?.trim() || undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === "--base-url") baseUrl = argv[++i];
    else if (a.startsWith("--base-url=")) baseUrl = a.slice("--base-url=".length);
    else if (a.startsWith("-")) return `unknown option ${a}`;
    else if (councilId === undefined) councilId = a;
    else return `unexpected argument ${a}`;
  }
  if (baseUrl !== undefined) {
    try {
      const u = new URL(baseUrl);
      if (u.protocol !== "http:" && u.protocol !== "https:") return "--base-url must be an http(s) URL";
      baseUrl = u.origin;
    } catch {
      return `--base-url ${baseUrl} is not a URL`;
    }
  }
  return { councilId, baseUrl };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(`${args} (usage: npm run --silent export:scdl -- [councilId] [--base-url https://…])`);
    return 2;
  }
  const db = await openDatabase(resolveDatabaseUrl());
  try {
    const councilId = args.councilId ?? (await db.council.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id;
    if (!councilId) {
      console.error("no council in the database (usage: npm run --silent export:scdl -- <councilId>)");
      return 2;
    }
    // Without a public origin the optional DELIB_URL column stays empty.
    const out = await buildCouncilScdl(db, councilId, args.baseUrl ? { baseUrl: args.baseUrl } : {});
    if (!out) {
      console.error(`unknown council ${councilId}`);
      return 2;
    }
    process.stdout.write(out.csv);
    for (const s of out.skipped) console.error(`refused ${s.identifier}: ${s.problems.join("; ")}`);
    return out.skipped.length ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`export:scdl failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
