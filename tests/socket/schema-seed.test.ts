// FOUND-6: `prisma migrate deploy` on an empty file creates the whole schema; the seed run twice duplicates nothing.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/client";

const run = promisify(execFile);

describe("schema and demo seed", () => {
  it("FOUND-6 migrate deploy on an empty file creates every table; db:seed twice duplicates nothing", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seance-seed-")), "empty.db");
    const env = { ...process.env, DATABASE_URL: `file:${file}` };
    await run(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env });
    const db = await openDatabase(`file:${file}`);
    try {
      const tables = (await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((t) => t.name);
      for (const t of [
        "AgendaItem",
        "AppSetting",
        "Ballot",
        "CommandReceipt",
        "Council",
        "DevicePairing",
        "Member",
        "SecretSignature",
        "SecretUrn",
        "Sitting",
        "SittingEvent",
        "User",
        "YDocUpdate",
      ])
        expect(tables).toContain(t);
      const counts = async () => ({
        councils: await db.council.count(),
        members: await db.member.count(),
        users: await db.user.count(),
        sittings: await db.sitting.count(),
        items: await db.agendaItem.count(),
      });
      await run("npm", ["run", "--silent", "db:seed"], { env });
      const first = await counts();
      expect(first).toEqual({ councils: 1, members: 53, users: 55, sittings: 1, items: 5 });
      await run("npm", ["run", "--silent", "db:seed"], { env });
      expect(await counts()).toEqual(first);
      // The seed deliberation is item 9, parsed from the real file.
      const item = await db.agendaItem.findFirstOrThrow({ where: { order: 9 } });
      expect(item).toMatchObject({ identifier: "2022-0245", title: "Adhésion à l'association Démocratie Ouverte", actesCode: "9.1", budgetArticle: "6281" });
      expect(JSON.parse(item.proposals)).toHaveLength(3);
    } finally {
      await db.$disconnect();
    }
  });
});
