// `npm run audit:verify -- <sittingId>`: recomputes the sitting's hash chain from the database and
// names the first broken link. Exit 0 when intact, 1 when broken, 2 on bad usage.
import { openDatabase } from "../server/db/client";
import { resolveDatabaseUrl } from "../server/db/url";
import { readChain } from "../server/store/sitting-store";
import { verifyChain } from "../core/audit/hash-chain";

async function main(): Promise<number> {
  const sittingId = process.argv[2];
  if (!sittingId) {
    console.error("usage: npm run audit:verify -- <sittingId>");
    return 2;
  }
  const db = await openDatabase(resolveDatabaseUrl());
  try {
    const sitting = await db.sitting.findUnique({ where: { id: sittingId } });
    if (!sitting) {
      console.error(`unknown sitting ${sittingId}`);
      return 2;
    }
    const chain = await readChain(db, sittingId);
    const verdict = verifyChain(sittingId, chain);
    if (verdict.ok) {
      const recorded = sitting.lastSeq === chain.length;
      console.log(
        `OK ${sittingId}: ${verdict.events} events, chain intact, last hash ${verdict.lastHash.slice(0, 16)}…${recorded ? "" : ` (but the sitting records ${sitting.lastSeq} events)`}`,
      );
      return recorded ? 0 : 1;
    }
    console.log(`BROKEN ${sittingId}: first broken link at event #${verdict.brokenAt} — ${verdict.problem}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
