// STORE-*: the sitting store's contract, run against every implementation (memory, SQLite and
// PostgreSQL — a real server started from Debian's packages, tests/helpers/postgres.ts). Same
// sitting, same commands, same answers; the claims of a shared store (several nodes) on the memory
// store in its shared mode and on PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain, GENESIS_HASH } from "../../core/audit/hash-chain";
import { applyEvents } from "../../core/sitting/apply-event";
import type { SittingEvent } from "../../core/sitting/state";
import { loadServerKeys } from "../../server/auth/server-key";
import { openDatabase, type Db } from "../../server/db/client";
import { seedDemo } from "../../server/seed/demo";
import { DEMO_SITTING_ID } from "../../server/seed/roster";
import { MemoryBacking, MemorySittingStore } from "../../server/store/memory-store";
import type { CommitEntry, SittingStore } from "../../server/store/port";
import { readChain } from "../../server/store/sitting-store";
import { SqliteSittingStore } from "../../server/store/sqlite-store";
import { PostgresSittingStore } from "../../server/store/postgres-store";
import { missingServices } from "../../scripts/cluster/local-services";
import { catalogOf, describeWith, schemaSql, startTestPostgres, type TestPostgres } from "../helpers/postgres";
import { freshDatabaseFile } from "../helpers/test-server";

interface Harness {
  name: string;
  store: SittingStore;
  /** A second store on the same data (another process or node), for watch and claims. */
  other: () => SittingStore;
  chain: () => Promise<Parameters<typeof verifyChain>[1]>;
  /** As the connection holding the first store's claims dropping (a crash, a network cut). */
  dropClaims?: () => Promise<void>;
  close: () => Promise<void>;
}

const SID = DEMO_SITTING_ID;
let db: Db;
let dbFile: string;
const harnesses: Harness[] = [];
const quiet = { info: () => undefined, error: () => undefined };
const withPostgres = missingServices(["postgresql"]).length === 0;
let server: TestPostgres | null = null;
let pgDb: Db | null = null;

/** The same demo sitting on a migrated PostgreSQL database, one store claiming it. */
async function postgresHarness(key: Buffer): Promise<Harness> {
  server = await startTestPostgres();
  const url = await server.migratedDatabase("contract");
  const prisma = await openDatabase(url);
  pgDb = prisma;
  await seedDemo(prisma);
  const store = new PostgresSittingStore(prisma, url, key, { logger: quiet });
  const others: PostgresSittingStore[] = [];
  return {
    name: "postgres",
    store,
    other: () => {
      const o = new PostgresSittingStore(prisma, url, key, { logger: quiet });
      others.push(o);
      return o;
    },
    chain: () => readChain(prisma, SID),
    // The holding connection ends under the store (pg_terminate_backend), as when a node dies.
    dropClaims: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`seance:${store.nodeId}`]);
      await c.end();
    },
    close: async () => {
      await store.close();
      for (const o of others) await o.close();
    },
  };
}

beforeAll(async () => {
  dbFile = freshDatabaseFile();
  db = await openDatabase(`file:${dbFile}`);
  await seedDemo(db);
  const key = loadServerKeys(`file:${dbFile}`).urn;
  const sqlite = new SqliteSittingStore(db, `file:${dbFile}`, key);
  const others: SittingStore[] = [];
  harnesses.push({
    name: "sqlite",
    store: sqlite,
    other: () => {
      const o = new SqliteSittingStore(db, `file:${dbFile}`, key);
      others.push(o);
      return o;
    },
    chain: () => readChain(db, SID),
    close: async () => {
      await sqlite.close();
      for (const o of others) await o.close();
    },
  });
  // The memory store holds the same sitting, read once from the seeded database.
  const sitting = await db.sitting.findUniqueOrThrow({ where: { id: SID }, include: { council: true, items: true } });
  const backing = new MemoryBacking();
  backing.add(
    {
      sittingId: SID,
      councilId: sitting.councilId,
      ruleSetId: sitting.council.ruleSet,
      date: sitting.date,
      settings: JSON.parse(sitting.council.settings) as unknown,
      secondConvocation: sitting.secondConvocation,
      presidentMemberId: sitting.presidentMemberId,
      secretaryIds: JSON.parse(sitting.secretaryIds) as string[],
      members: await db.member.findMany({ where: { councilId: sitting.councilId } }),
      items: sitting.items,
    },
    (await sqlite.load(SID)).header,
  );
  const memory = new MemorySittingStore(backing);
  harnesses.push({
    name: "memory",
    store: memory,
    other: () => new MemorySittingStore(backing),
    chain: () => Promise.resolve(memory.chain(SID)),
    close: () => Promise.resolve(),
  });
  // The memory store in its shared mode, on a backing of its own, for the claims.
  const sharedBacking = new MemoryBacking();
  const setup = backing.sittings.get(SID)!;
  sharedBacking.add(setup.setup, setup.header);
  const shared = new MemorySittingStore(sharedBacking, true);
  harnesses.push({
    name: "memory (shared)",
    store: shared,
    other: () => new MemorySittingStore(sharedBacking, true),
    chain: () => Promise.resolve(shared.chain(SID)),
    dropClaims: () => Promise.resolve(shared.loseClaims()),
    close: () => Promise.resolve(),
  });
  if (withPostgres) harnesses.push(await postgresHarness(key));
  for (const h of harnesses) expect(await h.store.claim(SID)).toBe(true);
});

afterAll(async () => {
  for (const h of harnesses) await h.close();
  await db?.$disconnect();
  await pgDb?.$disconnect();
  await server?.stop();
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
});

const NOW = "2022-10-03T16:05:00.000Z";
const entry = (commandId: string, events: SittingEvent[], extra: Partial<CommitEntry> = {}): CommitEntry => ({
  commandId,
  userId: "u-president",
  fingerprint: `fp-${commandId}`,
  events,
  reply: { ok: true, data: { seq: 0 } },
  now: NOW,
  ...extra,
});
const marked = (memberId: string): SittingEvent => ({ type: "rollcall:marked", memberId, status: "present", at: NOW });

function contract(name: string): void {
  const h = () => harnesses.find((x) => x.name === name)!;

  it("STORE-1 loads a sitting never touched at seq 0, from the genesis hash, with its roster and agenda", async () => {
    const { state, header } = await h().store.load(SID);
    expect(state).toMatchObject({ seq: 0, lastHash: GENESIS_HASH, status: "convened", membersInOffice: 53 });
    expect(Object.keys(state.items)).toHaveLength(5);
    expect(header.councilName).toBe("Ville de Poitiers");
  });

  it("STORE-2 appends a batch as one chain of consecutive events; loading folds them into the same state", async () => {
    const before = await h().store.load(SID);
    const events = [marked("m02"), marked("m03")];
    const r = await h().store.commit({
      sittingId: SID,
      fromSeq: 0,
      fromHash: before.state.lastHash,
      entries: [entry("c-1", [events[0]!]), entry("c-2", [events[1]!])],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.chained.map((e) => e.seq)).toEqual([1, 2]);
    expect(verifyChain(SID, await h().chain())).toMatchObject({ ok: true, events: 2 });
    const after = await h().store.load(SID);
    const folded = applyEvents(before.state, events);
    expect({ ...after.state, seq: 0, lastHash: "" }).toEqual({ ...folded, seq: 0, lastHash: "" });
    expect(after.state.seq).toBe(2);
    expect(after.state.lastHash).toBe(r.chained[1]!.hash);
  });

  it("STORE-3 a batch decided on a stale state is refused and writes nothing", async () => {
    const r = await h().store.commit({ sittingId: SID, fromSeq: 1, fromHash: "x", entries: [entry("c-stale", [marked("m04")])] });
    expect(r).toEqual({ ok: false, reason: "stale" });
    expect((await h().store.load(SID)).state.seq).toBe(2);
    expect((await h().store.findReceipts(SID, ["c-stale"])).size).toBe(0);
  });

  it("STORE-4 every entry stores its reply, with or without events; an id already decided refuses the whole batch", async () => {
    const { state } = await h().store.load(SID);
    const refusal = { ok: false, error: { code: "forbidden" } };
    const r = await h().store.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry("c-3", [], { reply: refusal })] });
    expect(r).toMatchObject({ ok: true, chained: [] });
    const found = await h().store.findReceipts(SID, ["c-1", "c-3", "c-none"]);
    expect([...found.keys()].sort()).toEqual(["c-1", "c-3"]);
    expect(found.get("c-3")).toEqual({ userId: "u-president", fingerprint: "fp-c-3", reply: refusal });
    const dup = await h().store.commit({
      sittingId: SID,
      fromSeq: state.seq,
      fromHash: state.lastHash,
      entries: [entry("c-new", [marked("m05")]), entry("c-1", [marked("m06")])],
    });
    expect(dup).toEqual({ ok: false, reason: "duplicate", commandIds: ["c-1"] });
    expect((await h().store.load(SID)).state.seq).toBe(state.seq);
    expect((await h().store.findReceipts(SID, ["c-new"])).size).toBe(0);
  });

  it("STORE-5 a secret ballot's urn after each deposit is what a reload finds", async () => {
    let { state } = await h().store.load(SID);
    const open: SittingEvent = {
      type: "vote:opened",
      voteId: `v-${name}`,
      itemId: state.itemOrder[0]!,
      mode: "secret",
      reveal: "at-close",
      allowChange: false,
      at: NOW,
      electorate: [
        { memberId: "m02", onBehalfOf: "" },
        { memberId: "m03", onBehalfOf: "" },
      ],
    };
    expect((await h().store.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry("c-open", [open])] })).ok).toBe(true);
    ({ state } = await h().store.load(SID));
    const deposit = (m: string): SittingEvent => ({ type: "ballot:deposited", voteId: `v-${name}`, memberId: m, onBehalfOf: "" });
    const tally = { pour: 1, contre: 0, abstention: 0, nppv: 0 };
    const r = await h().store.commit({
      sittingId: SID,
      fromSeq: state.seq,
      fromHash: state.lastHash,
      entries: [entry("c-dep", [deposit("m02")], { urn: { voteId: `v-${name}`, tally } })],
    });
    expect(r.ok).toBe(true);
    const reloaded = (await h().store.load(SID)).state.votes[`v-${name}`]!;
    expect(reloaded.urn).toEqual(tally);
    expect(reloaded.signatures).toEqual(["m02|"]);
  });

  it("STORE-12 a nomination round's urn keeps its candidates' counters, and the paper urn's voters sign, through a reload", async () => {
    let { state } = await h().store.load(SID);
    const voteId = `n-${name}`;
    const open: SittingEvent = {
      type: "vote:opened",
      voteId,
      itemId: state.itemOrder[0]!,
      mode: "secret",
      reveal: "at-close",
      allowChange: false,
      at: NOW,
      electorate: ["m02", "m03", "m04"].map((memberId) => ({ memberId, onBehalfOf: "" })),
      nomination: {
        seat: 1,
        round: 1,
        candidates: [
          { id: "k1", label: "A" },
          { id: "k2", label: "B" },
        ],
      },
    };
    expect((await h().store.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry("n-open", [open])] })).ok).toBe(true);
    ({ state } = await h().store.load(SID));
    expect(state.votes[voteId]!.candidateUrn).toEqual([0, 0]);
    const tally = { pour: 0, contre: 0, abstention: 0, nppv: 0 };
    const deposit: SittingEvent = { type: "ballot:deposited", voteId, memberId: "m02", onBehalfOf: "" };
    let r = await h().store.commit({
      sittingId: SID,
      fromSeq: state.seq,
      fromHash: state.lastHash,
      entries: [entry("n-dep", [deposit], { urn: { voteId, tally, candidates: [1, 0] } })],
    });
    expect(r.ok).toBe(true);
    ({ state } = await h().store.load(SID));
    const paper: SittingEvent = { type: "vote:paper-deposited", voteId, voters: ["m03", "m04"].map((memberId) => ({ memberId, onBehalfOf: "" })), at: NOW };
    r = await h().store.commit({
      sittingId: SID,
      fromSeq: state.seq,
      fromHash: state.lastHash,
      entries: [entry("n-paper", [paper], { urn: { voteId, tally: { ...tally, abstention: 1 }, candidates: [1, 1] } })],
    });
    expect(r.ok).toBe(true);
    const reloaded = (await h().store.load(SID)).state.votes[voteId]!;
    expect(reloaded.candidateUrn).toEqual([1, 1]);
    expect(reloaded.urn).toEqual({ ...tally, abstention: 1 });
    expect([...reloaded.signatures].sort()).toEqual(["m02|", "m03|", "m04|"]);
  });

  it("STORE-6 a commit made through another store on the same data is heard by the watchers", async () => {
    const watcher = h().store;
    const heard: number[] = [];
    const stop = watcher.watch(SID, (seq) => heard.push(seq));
    if (watcher instanceof PostgresSittingStore) await watcher.listening();
    // The other store commits as another node would: once the sitting is given to it.
    await watcher.release(SID);
    const other = h().other();
    expect(await other.claim(SID)).toBe(true);
    const { state } = await other.load(SID);
    expect(
      (await other.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry(`c-other-${name}`, [marked("m07")])] })).ok,
    ).toBe(true);
    await other.release(SID);
    expect(await watcher.claim(SID)).toBe(true);
    const deadline = Date.now() + 5000;
    while (!heard.includes(state.seq + 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(heard).toContain(state.seq + 1);
  });

  it("STORE-7 the events after a seq are the stored chain's, in order", async () => {
    const all = await h().chain();
    const after = await h().store.eventsAfter(SID, 2);
    expect(after).toEqual(all.filter((e) => e.seq > 2));
    expect(after.map((e) => e.seq)).toEqual(all.slice(2).map((e) => e.seq));
    expect(await h().store.eventsAfter(SID, all.length)).toEqual([]);
  });
}

function claims(name: string): void {
  const h = () => harnesses.find((x) => x.name === name)!;

  it("STORE-8 one store at a time holds a sitting: another's claim fails and its commit is refused (not-owner), writing nothing; once given back it claims and commits", async () => {
    const other = h().other();
    expect(await other.claim(SID)).toBe(false);
    const { state } = await other.load(SID);
    const refused = await other.commit({
      sittingId: SID,
      fromSeq: state.seq,
      fromHash: state.lastHash,
      entries: [entry(`c-intruder-${name}`, [marked("m08")])],
    });
    expect(refused).toEqual({ ok: false, reason: "not-owner" });
    expect((await other.findReceipts(SID, [`c-intruder-${name}`])).size).toBe(0);
    await h().store.release(SID);
    expect(await other.claim(SID)).toBe(true);
    expect(await h().store.claim(SID)).toBe(false);
    expect((await other.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry(`c-heir-${name}`, [marked("m08")])] })).ok).toBe(
      true,
    );
    await other.release(SID);
    expect(await h().store.claim(SID)).toBe(true);
  });

  it("STORE-9 when the connection holding a sitting drops, the store is told it lost it, cannot commit, and another store claims it", async () => {
    const lost: string[] = [];
    const stop = h().store.onLost((sid) => lost.push(sid));
    await h().dropClaims!();
    const deadline = Date.now() + 10_000;
    while (!lost.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(lost).toEqual([SID]);
    const { state } = await h().store.load(SID);
    expect(
      await h().store.commit({ sittingId: SID, fromSeq: state.seq, fromHash: state.lastHash, entries: [entry(`c-ghost-${name}`, [marked("m09")])] }),
    ).toEqual({
      ok: false,
      reason: "not-owner",
    });
    const heir = h().other();
    expect(await heir.claim(SID)).toBe(true);
    await heir.release(SID);
    expect(await h().store.claim(SID)).toBe(true);
  });
}

describe.each(["sqlite", "memory", "memory (shared)"])("the %s store", contract);
describe("claims of a shared store", () => claims("memory (shared)"));
describeWith(["postgresql"], "the postgres store", () => {
  contract("postgres");
  describe("claims", () => claims("postgres"));

  it("STORE-11 the committed PostgreSQL migrations build exactly what the generated schema describes", async () => {
    const migrated = server!.pg.urlFor("contract");
    const direct = await server!.pg.createDatabase("from_schema");
    const c = new pg.Client({ connectionString: direct });
    await c.connect();
    await c.query(await schemaSql(direct));
    await c.end();
    expect(await catalogOf(migrated)).toEqual(await catalogOf(direct));
  });
});
