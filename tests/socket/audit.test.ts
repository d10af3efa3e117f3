// AUDIT-*: `npm run audit:verify` passes on a real sitting and names the one event altered in the database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";

const run = promisify(execFile);
let srv: TestServer;
let sittingId: string;

async function auditVerify(): Promise<{ code: number; out: string }> {
  try {
    const r = await run("npm", ["run", "--silent", "audit:verify", "--", sittingId], { env: { ...process.env, DATABASE_URL: `file:${srv.dbFile}` } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

beforeAll(async () => {
  srv = await startTestServer();
  const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  let itemIds: string[];
  ({ sittingId, itemIds } = await createSittingAs(srv.url, clerk));
  const p = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  const a = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m02"));
  await p.subscribe();
  await a.subscribe();
  await p.markPresent(28);
  await p.sendOk({ type: "sitting:open" });
  await p.sendOk({ type: "item:call", itemId: itemIds[0]! });
  const voteId = String((await p.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
  await a.sendOk({ type: "ballot:cast", voteId, choice: "contre" });
  await p.sendOk({ type: "vote:close", voteId });
  await p.sendOk({ type: "vote:proclaim", voteId });
  p.close();
  a.close();
});

afterAll(async () => {
  await srv?.stop();
});

describe("audit:verify", () => {
  it("AUDIT-1 passes on a real sitting", async () => {
    const r = await auditVerify();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`OK ${sittingId}: 34 events, chain intact`));
  });

  it("AUDIT-2 names the one event altered in the database", async () => {
    const ballot = await srv.db.sittingEvent.findFirstOrThrow({ where: { sittingId, type: "ballot:cast" } });
    await srv.db.sittingEvent.update({ where: { id: ballot.id }, data: { payload: ballot.payload.replace('"contre"', '"pour"') } });
    const r = await auditVerify();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`first broken link at event #${ballot.seq}`);
    expect(r.out).toContain("ballot:cast");
    await srv.db.sittingEvent.update({ where: { id: ballot.id }, data: { payload: ballot.payload } });
    expect((await auditVerify()).code).toBe(0);
  });

  it("AUDIT-3 a deleted event is named as missing", async () => {
    const ev = await srv.db.sittingEvent.findFirstOrThrow({ where: { sittingId, seq: 10 } });
    await srv.db.sittingEvent.delete({ where: { id: ev.id } });
    const r = await auditVerify();
    expect(r.code).toBe(1);
    expect(r.out).toContain("event #10 is missing");
  });
});
