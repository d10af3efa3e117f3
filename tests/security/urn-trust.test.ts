// SEC-19 the attacker with a copy of the disk: a 12-member secret ballot, the database and its WAL
// copied after every acknowledged deposit. Without the server's key, every strategy that linked
// names to choices before (diffing the urn's totals between copies, reading the WAL's new frames,
// comparing ciphertext sizes) must determine no voter's choice; after the close the copy holds the
// final tally and who voted, nothing more, and the WAL is empty.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Choice } from "../../core/sitting/protocol";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { memberId } from "../helpers/demo-sitting";

let srv: TestServer;
const CHOICES: Choice[] = ["pour", "contre", "pour", "abstention", "contre", "pour", "pour", "contre", "abstention", "pour", "contre", "pour"];
const VOTERS = CHOICES.map((_, i) => memberId(i + 2)); // m02 … m13
let snapshots: { dir: string; voter: string }[] = [];
let workDir: string;

beforeAll(async () => {
  srv = await startTestServer();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "seance-attacker-"));
});
afterAll(async () => {
  await srv?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** What someone copying the files gets: the database, its WAL and shared-memory index, as they are now. */
function copyDisk(label: string): string {
  const dir = path.join(workDir, label);
  fs.mkdirSync(dir);
  for (const suffix of ["", "-wal", "-shm"]) {
    const f = `${srv.dbFile}${suffix}`;
    if (fs.existsSync(f)) fs.copyFileSync(f, path.join(dir, `seance.db${suffix}`));
  }
  return dir;
}

interface DiskView {
  urnColumns: Record<string, unknown> | null;
  signatures: string[];
  wal: Buffer;
}

function readDisk(dir: string, voteId: string): DiskView {
  const db = new Database(path.join(dir, "seance.db"));
  try {
    const urnColumns = (db.prepare('SELECT * FROM "SecretUrn" WHERE voteId = ?').get(voteId) as Record<string, unknown> | undefined) ?? null;
    const signatures = (db.prepare('SELECT memberId FROM "SecretSignature" WHERE voteId = ?').all(voteId) as { memberId: string }[]).map((r) => r.memberId);
    const walFile = path.join(dir, "seance.db-wal");
    return { urnColumns, signatures, wal: fs.existsSync(walFile) ? fs.readFileSync(walFile) : Buffer.alloc(0) };
  } finally {
    db.close();
  }
}

const COUNTS = ["pour", "contre", "abstention", "nppv"] as const;

/**
 * Every strategy an attacker without the key has, between two consecutive copies; the choice it
 * pins on the new voter, or null.
 */
function attack(before: DiskView, after: DiskView): Choice | null {
  // 1. The urn's totals in clear: the one that grew is the new voter's choice.
  if (after.urnColumns && COUNTS.every((c) => typeof after.urnColumns![c] === "number")) {
    const grew = COUNTS.find((c) => Number(after.urnColumns![c]) > Number(before.urnColumns?.[c] ?? 0));
    if (grew) return grew;
  }
  // 2. A sealed urn whose size tells the counts apart (a variable-length encoding).
  const sizeOf = (v: DiskView) =>
    v.urnColumns ? Object.values(v.urnColumns).reduce<number>((n, x) => n + (x instanceof Uint8Array ? x.length : String(x).length), 0) : 0;
  if (sizeOf(before) && sizeOf(after) !== sizeOf(before)) return "pour"; // any difference would be a lead
  // 3. The WAL frames written by this deposit, searched for a choice in clear.
  const fresh = after.wal.subarray(Math.min(before.wal.length, after.wal.length)).toString("latin1");
  for (const c of COUNTS) if (new RegExp(`"choice":"${c}"|"${c}"\\s*:\\s*1`).test(fresh)) return c;
  return null;
}

describe("SEC-19 the secret ballot against a copy of the disk", () => {
  it("SEC-19 copies of the database and WAL after each of 12 deposits determine no voter's choice", async () => {
    const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
    const { sittingId, itemIds } = await createSittingAs(srv.url, clerk);
    const president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    await president.markPresent(30);
    await president.sendOk({ type: "sitting:open" });
    await president.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await president.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "secret" })).voteId);
    snapshots = [{ dir: copyDisk("0-open"), voter: "" }];
    for (const [i, voter] of VOTERS.entries()) {
      const c = new Client(srv.url, sittingId, await demoSignIn(srv.url, `u-${voter}`));
      await c.sendOk({ type: "ballot:cast", voteId, choice: CHOICES[i]! });
      c.close();
      snapshots.push({ dir: copyDisk(`${i + 1}-${voter}`), voter });
    }
    const views = snapshots.map((s) => readDisk(s.dir, voteId));
    const pinned: Record<string, Choice | null> = {};
    for (let i = 1; i < views.length; i++) {
      const newVoters = views[i]!.signatures.filter((m) => !views[i - 1]!.signatures.includes(m));
      expect(newVoters).toEqual([snapshots[i]!.voter]); // who voted is visible (the émargement) …
      pinned[snapshots[i]!.voter] = attack(views[i - 1]!, views[i]!); // … what they chose must not be
    }
    expect(pinned).toEqual(Object.fromEntries(VOTERS.map((v) => [v, null])));
    // The sealed urn has one size, whatever it holds.
    expect(new Set(views.map((v) => (v.urnColumns?.sealed as Uint8Array | undefined)?.length)).size).toBe(1);

    const closed = await president.sendOk({ type: "vote:close", voteId });
    const final = closed.tally as Record<string, number>;
    expect(final).toMatchObject({ pour: 6, contre: 4, abstention: 2 });
    // After the close: the WAL is emptied into the database, and the copy shows the tally and who voted.
    expect(fs.statSync(`${srv.dbFile}-wal`).size).toBe(0);
    const after = readDisk(copyDisk("closed"), voteId);
    expect(after.signatures.sort()).toEqual([...VOTERS].sort());
    const db = new Database(path.join(workDir, "closed", "seance.db"), { readonly: true });
    const deposits = db.prepare('SELECT payload FROM "SittingEvent" WHERE sittingId = ? AND type = ?').all(sittingId, "ballot:deposited") as {
      payload: string;
    }[];
    const receipts = db.prepare('SELECT reply FROM "CommandReceipt" WHERE sittingId = ?').all(sittingId) as { reply: string }[];
    db.close();
    for (const d of deposits) expect(d.payload).not.toMatch(/"choice"|"pour"|"contre"|"abstention"/);
    // Receipts: a deposit's says "secret", never the choice; only the close's carries the (public) tally.
    for (const r of receipts) expect(r.reply).not.toMatch(/"choice"/);
    expect(receipts.filter((r) => /"pour"/.test(r.reply)).every((r) => r.reply.includes('"tally"'))).toBe(true);
    president.close();
  });

  it("SEC-19 the attacker's strategies do find a choice when the urn is in clear (the test can fail)", () => {
    const plain = (pour: number, contre: number): DiskView => ({
      urnColumns: { voteId: "v", pour, contre, abstention: 0, nppv: 0 },
      signatures: [],
      wal: Buffer.alloc(0),
    });
    expect(attack(plain(1, 0), plain(1, 1))).toBe("contre");
    const walWith = (text: string): DiskView => ({ urnColumns: null, signatures: [], wal: Buffer.from(text, "latin1") });
    expect(attack(walWith(""), walWith('…{"choice":"abstention"}…'))).toBe("abstention");
  });
});
