// `npm run --silent export:scdl [-- <councilId>]`: prints the council's SCDL "Délibérations" CSV (adopted
// acts) to stdout; rows that break the schema are named on stderr. Exit 0 ok, 1 rows skipped, 2 bad usage.
import { openDatabase } from "../server/db/client";
import { resolveDatabaseUrl } from "../server/db/url";
import { buildCouncilScdl } from "../server/records/scdl-service";

async function main(): Promise<number> {
  const db = await openDatabase(resolveDatabaseUrl());
  try {
    const councilId = process.argv[2] ?? (await db.council.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id;
    if (!councilId) {
      console.error("no council in the database (usage: npm run --silent export:scdl -- <councilId>)");
      return 2;
    }
    // DELIB_URL needs the public address of the server; without it the optional column stays empty.
    const baseUrl = process.env.SEANCE_PUBLIC_URL?.replace(/\/+$/, "");
    const out = await buildCouncilScdl(db, councilId, baseUrl ? { baseUrl } : {});
    if (!out) {
      console.error(`unknown council ${councilId}`);
      return 2;
    }
    process.stdout.write(out.csv);
    for (const s of out.skipped) console.error(`skipped ${s.identifier}: ${s.problems.join("; ")}`);
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
