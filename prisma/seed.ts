// `npm run db:seed`: loads the demo council and sitting (idempotent).
import { openDatabase } from "../server/db/client";
import { resolveDatabaseUrl } from "../server/db/url";
import { seedDemo } from "../server/seed/demo";

async function main(): Promise<void> {
  const db = await openDatabase(resolveDatabaseUrl());
  try {
    const r = await seedDemo(db);
    const members = await db.member.count({ where: { councilId: r.councilId } });
    const items = await db.agendaItem.count({ where: { sittingId: r.sittingId } });
    console.log(`Demo council "${r.councilId}" ready: ${members} members, sitting ${r.sittingId} with ${items} items.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`db:seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
