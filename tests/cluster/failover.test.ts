// CLUSTER-*: two Séance nodes on real PostgreSQL (fsync on) and Redis behind haproxy, driven by real
// Socket.IO and y-websocket clients. CLUSTER-2: what one node decides reaches the other. CLUSTER-1:
// councillors vote through the balancer while the node that owns the sitting is SIGKILLed at random
// moments, ten times (two per vote, five votes, restarted each time). Bounded by counts; every wait
// has a generous time limit.
import { io } from "socket.io-client";
import * as Y from "yjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyChain } from "../../core/audit/hash-chain";
import { FACT_NODE, MINUTES_FRAGMENT, minutesDocName } from "../../core/minutes/document";
import { projectPublic } from "../../core/sitting/projection";
import type { Choice } from "../../core/vocabulary";
import { openDatabase, type Db } from "../../server/db/client";
import { loadSitting, readChain } from "../../server/store/sitting-store";
import { readStoredDoc } from "../../server/yjs/persistence";
import { LocalCluster, type LocalNode } from "../../scripts/cluster/local-cluster";
import { ClusterClient, demoCookie } from "../helpers/cluster-client";
import { memberId } from "../helpers/demo-sitting";
import { describeWith } from "../helpers/postgres";
import { createSittingAs } from "../helpers/test-server";
import { yClient, type YClient } from "../helpers/yjs-client";

const VOTERS = 24; // m02 … m25
const PRESENT = 30; // m01 … m30: a quorum of the 53
const ROUNDS = 5; // the sitting's five items, two kills each
const VIEWERS_PER_NODE = 6;
const CHOICES: Choice[] = ["pour", "contre", "abstention"];
/** Long-lived connections one address may hold, over both nodes (every client here is 127.0.0.1). */
const CAP = 150;

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A public socket without reconnection: "ok" once connected, or the refusal's message. */
function openPublicSocket(url: string): Promise<{ result: string; close: () => void }> {
  const s = io(url, { transports: ["websocket"], reconnection: false });
  return new Promise((resolve) => {
    s.once("connect", () => resolve({ result: "ok", close: () => s.close() }));
    s.once("connect_error", (e) => resolve({ result: e.message, close: () => s.close() }));
  });
}

/** A small seeded generator: the random moments can be replayed (the seed is printed). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A secretary typing numbered words into their own paragraph, one transaction per word. */
class Typist {
  typed: string[] = [];
  private stopped = false;
  readonly done: Promise<void>;

  constructor(
    readonly client: YClient,
    readonly tag: string,
    everyMs: number,
    max: number,
  ) {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    client.doc.getXmlFragment(MINUTES_FRAGMENT).push([paragraph]);
    this.done = (async () => {
      for (let i = 0; i < max && !this.stopped; i++) {
        const word = `${tag}${i}.`;
        text.insert(text.length, word);
        this.typed.push(word);
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }
}

/**
 * The rounds vote on ordinary items (an election needs its seats and candidates first, a compte
 * administratif its own president): those of the copied agenda, and the clerk adds what it lacks.
 */
async function ordinaryItems(db: Db, url: string, clerk: string, sid: string): Promise<string[]> {
  const rows = await db.agendaItem.findMany({ where: { sittingId: sid }, orderBy: { order: "asc" }, select: { id: true, kind: true } });
  const ids = rows.filter((r) => r.kind === "ordinary").map((r) => r.id);
  for (let i = ids.length; i < ROUNDS; i++) {
    const res = await fetch(`${url}/api/clerk/sittings/${sid}/items`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerk },
      body: JSON.stringify({ identifier: `2022-09${String(i).padStart(2, "0")}`, title: `Point ordinaire ${i + 1}`, kind: "ordinary" }),
    });
    const j = (await res.json()) as { ok: boolean; data?: { itemId: string }; error?: unknown };
    if (!j.ok || !j.data) throw new Error(`adding an ordinary item failed: ${JSON.stringify(j.error)}`);
    ids.push(j.data.itemId);
  }
  return ids.slice(0, ROUNDS);
}

function textOf(doc: Y.Doc): string {
  const parts: string[] = [];
  const walk = (n: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (n instanceof Y.XmlText)
      parts.push(String(n.toString() as unknown).replace(/<[^>]*>/g, "")); // yjs types toString() as any
    else for (const c of n.toArray()) walk(c as Y.XmlElement | Y.XmlText);
  };
  walk(doc.getXmlFragment(MINUTES_FRAGMENT));
  return parts.join("\n");
}

function factSeqs(doc: Y.Doc): number[] {
  return doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === FACT_NODE)
    .map((n) => Number(n.getAttribute("seq")));
}

describeWith(["postgresql", "redis-server", "haproxy"], "a cluster of two nodes behind haproxy", () => {
  let cluster: LocalCluster | null = null;
  let db: Db | null = null;
  const clients: ClusterClient[] = [];
  const writers: YClient[] = [];

  beforeAll(async () => {
    cluster = await LocalCluster.start({
      nodes: 2,
      fsync: true,
      env: { SEANCE_MAX_CONNECTIONS_PER_ADDRESS: String(CAP) },
      log: (l) => console.log(`[cluster] ${l}`),
    });
    db = await openDatabase(cluster.databaseUrl);
  }, 300_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const w of writers) w.close();
    await db?.$disconnect();
    await cluster?.stop();
  }, 120_000);

  it("CLUSTER-2 what one node decides reaches the other: a forwarded command, the clerk's change to the sitting, a revoked session, sign-in failures, the connections of an address", async () => {
    const c = cluster!;
    const [nodeA, nodeB] = c.nodes as [LocalNode, LocalNode];
    const clerk = await demoCookie(nodeA.url, "u-clerk");
    const { sittingId: sid } = await createSittingAs(nodeA.url, clerk);
    const json = { "Content-Type": "application/json", "x-seance-client": "1" };

    // The president on node A decides first (A owns the sitting); the same president on node B is handed over to A.
    const presidentCookie = await demoCookie(nodeA.url, "u-president");
    const onA = new ClusterClient(nodeA.url, sid, presidentCookie);
    const onB = new ClusterClient(nodeB.url, sid, presidentCookie);
    const viewerB = new ClusterClient(nodeB.url, sid);
    clients.push(onA, onB, viewerB);
    await onA.sendOk({ type: "rollcall:mark", memberId: memberId(2), status: "present" }, `c2-mark-${sid}-1`);
    expect((await c.ownerOf(sid))?.name).toBe("a");
    const handed = await onB.sendOk({ type: "rollcall:mark", memberId: memberId(3), status: "present" }, `c2-mark-${sid}-2`);
    expect(handed.seq).toBe(2);
    expect((await c.ownerOf(sid))?.name).toBe("a");
    await viewerB.until((v) => v.seq === 2 && v.roster.find((m) => m.id === memberId(3))?.attendance === "present", "the mark decided on node A");

    // The clerk changes the sitting on node A (its place: the agenda itself stays hidden from the
    // public until the convocation publishes it, #19): the screens of node B show the change.
    const place = `Salle du nœud A ${Date.now()}`;
    const patched = await fetch(`${nodeA.url}/api/clerk/sittings/${sid}`, {
      method: "PATCH",
      headers: { ...json, cookie: clerk },
      body: JSON.stringify({ place }),
    });
    expect(patched.status).toBe(200);
    await viewerB.until((v) => v.header.place === place, "the sitting's new place on node B");

    // A device signed out on node A loses its socket on node B at once.
    const device = await demoCookie(nodeA.url, "u-m05");
    const deviceOnB = new ClusterClient(nodeB.url, sid, device);
    clients.push(deviceOnB);
    await waitUntil(() => deviceOnB.socket.connected && deviceOnB.view !== null, "the device's socket on node B");
    expect((await fetch(`${nodeA.url}/api/auth/signout`, { method: "POST", headers: { ...json, cookie: device } })).status).toBe(200);
    await waitUntil(() => deviceOnB.disconnects > 0, "the revoked device's socket on node B to close");
    deviceOnB.close();

    // Ten failed sign-ins on node A: the eleventh, on node B, is refused as too many.
    const login = `nobody-${Date.now()}`;
    const signIn = (url: string) =>
      fetch(`${url}/api/auth/signin`, { method: "POST", headers: json, body: JSON.stringify({ login, password: "wrong-password-123" }) });
    for (let i = 0; i < 10; i++) expect((await signIn(nodeA.url)).status).toBe(401);
    expect((await signIn(nodeB.url)).status).toBe(429);

    // The connections of one address count over both nodes.
    const open: { close: () => void }[] = [];
    try {
      for (let i = 0; i < 100; i++) {
        const s = await openPublicSocket(nodeA.url);
        expect(s.result).toBe("ok");
        open.push(s);
      }
      let acceptedOnB = 0;
      let refusal = "";
      for (let i = 0; i < CAP && !refusal; i++) {
        const s = await openPublicSocket(nodeB.url);
        open.push(s);
        if (s.result === "ok") acceptedOnB += 1;
        else refusal = s.result;
        // Node B learns node A's counts within two seconds (each mirrors and reads every second):
        // at this pace it cannot open more than twenty before it knows.
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(refusal).toMatch(/too many connections/);
      expect(acceptedOnB).toBeLessThanOrEqual(CAP - 100);
    } finally {
      for (const s of open) s.close();
    }
  }, 300_000);

  it("CLUSTER-1 the owner SIGKILLed ten times while councillors vote: every acknowledged ballot counted once, the chain verifies, viewers on the surviving node see every change, the minutes lose no character", async () => {
    const c = cluster!;
    const seed = Number(process.env.SEANCE_CLUSTER_SEED ?? Date.now() % 100_000);
    console.log(`[cluster] seed ${seed} (SEANCE_CLUSTER_SEED replays it)`);
    const rnd = random(seed);
    const [nodeA, nodeB] = c.nodes as [LocalNode, LocalNode];

    const clerk = await demoCookie(c.url, "u-clerk");
    const { sittingId: sid } = await createSittingAs(c.url, clerk);
    const itemIds = await ordinaryItems(db!, c.url, clerk, sid);
    const president = new ClusterClient(c.url, sid, await demoCookie(c.url, "u-president"));
    const voters: ClusterClient[] = [];
    for (let i = 0; i < VOTERS; i++) voters.push(new ClusterClient(c.url, sid, await demoCookie(c.url, `u-${memberId(i + 2)}`)));
    // Public screens: some on each node directly (the survivor's must see everything), some spread.
    const viewersOf = new Map<LocalNode, ClusterClient[]>();
    for (const node of [nodeA, nodeB])
      viewersOf.set(
        node,
        Array.from({ length: VIEWERS_PER_NODE }, () => new ClusterClient(node.url, sid)),
      );
    const spread = Array.from({ length: VIEWERS_PER_NODE }, () => new ClusterClient(c.url, sid));
    const viewers = [...viewersOf.get(nodeA)!, ...viewersOf.get(nodeB)!, ...spread];
    clients.push(president, ...voters, ...viewers);

    // Two secretaries write the minutes, one on each node.
    const secretary = await demoCookie(c.url, "u-m28");
    for (const [node, cookie] of [
      [nodeA, clerk],
      [nodeB, secretary],
    ] as const) {
      const w = await yClient(node.url, sid, await demoCookie(node.url, cookie === clerk ? "u-clerk" : "u-m28"), "writer");
      writers.push(w);
      await w.synced();
    }
    const typists = [new Typist(writers[0]!, "a", 60, 5000), new Typist(writers[1]!, "b", 60, 5000)];

    let n = 0;
    const id = (what: string) => `${what}-${seed}-${++n}`;
    for (let seat = 1; seat <= PRESENT; seat++) await president.sendOk({ type: "rollcall:mark", memberId: memberId(seat), status: "present" }, id("mark"));
    await president.sendOk({ type: "sitting:open" }, id("open"));

    interface Kill {
      killed: LocalNode;
      back: Promise<void>;
      survivors: ClusterClient[];
      before: number[];
    }
    /** Kills the sitting's owner now (waiting, bounded, until one holds it) and restarts it. */
    const killOwner = async (): Promise<Kill> => {
      let owner: LocalNode | null = null;
      for (let i = 0; i < 200 && !owner; i++) {
        owner = await c.ownerOf(sid);
        if (!owner) await new Promise((r) => setTimeout(r, 25));
      }
      if (!owner) throw new Error("no node owns the sitting");
      const survivors = viewersOf.get(owner === nodeA ? nodeB : nodeA)!;
      const before = survivors.map((v) => v.disconnects);
      await c.kill(owner);
      return { killed: owner, back: c.startNode(owner), survivors, before };
    };
    /** The screens on the node that stayed up kept their connection and saw every change up to `seq`. */
    const survived = async (k: Kill, seq: number, what: string) => {
      expect(
        k.survivors.map((v) => v.disconnects),
        `viewers on the node that survived the kill of node ${k.killed.name}`,
      ).toEqual(k.before);
      for (const v of k.survivors) await v.until((view) => view.seq >= seq, what);
    };
    let kills = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const itemId = itemIds[round]!;
      const mode = round % 2 === 0 ? "secret" : "public";
      await president.sendOk({ type: "item:call", itemId }, id("call"));
      const opened = await president.sendOk({ type: "vote:open", itemId, mode, reveal: "at-close", allowChange: false }, id("vote"));
      const voteId = String(opened.voteId);
      const expected = { pour: 0, contre: 0, abstention: 0, nppv: 0 };
      const ballots = voters.map(async (v, i) => {
        const choice = CHOICES[(i + round) % CHOICES.length]!;
        expected[choice] += 1;
        await new Promise((r) => setTimeout(r, rnd() * 800));
        return v.send({ type: "ballot:cast", voteId, choice }, id("ballot"));
      });
      // Kill 1: while the ballots come in.
      await new Promise((r) => setTimeout(r, 100 + rnd() * 600));
      const first = await killOwner();
      const replies = await Promise.all(ballots);
      expect(replies.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error.code))).toEqual([]);
      await survived(first, Math.max(...replies.map((r) => (r.ok ? Number(r.data.seq) : 0))), `the ballots of round ${round}`);
      await first.back;
      // Kill 2: around the close.
      const closing = president.send({ type: "vote:close", voteId }, id("close"));
      await new Promise((r) => setTimeout(r, rnd() * 150));
      const second = await killOwner();
      const closed = await closing;
      expect(closed.ok).toBe(true);
      const proclaimed = await president.sendOk({ type: "vote:proclaim", voteId }, id("proclaim"));
      await survived(second, Number(proclaimed.seq), `the result of round ${round}`);
      await second.back;
      kills += 2;

      const { state } = await loadSitting(db!, sid);
      expect(state.votes[voteId]?.finalTally, `round ${round} (${mode})`).toEqual(expected);
      if (mode === "public") expect(await db!.ballot.count({ where: { voteId } })).toBe(VOTERS);
      else expect(await db!.secretSignature.count({ where: { voteId } })).toBe(VOTERS);
    }

    // Every screen ends on the stored state; none ever went back.
    const { state, header } = await loadSitting(db!, sid);
    const final = projectPublic(state, header);
    for (const v of viewers) {
      await v.until((view) => view.seq === state.seq, "the final state");
      expect(v.view).toEqual(final);
      expect(v.seqs, `views of a screen on ${v.url}: ${v.trail.join(" ")}`).toEqual([...v.seqs].sort((x, y) => x - y));
    }
    expect(verifyChain(sid, await readChain(db!, sid))).toMatchObject({ ok: true, events: state.seq });

    // The minutes: stop typing, let both writers sync, stop the nodes cleanly (they save), read the database.
    for (const t of typists) await t.stop();
    for (const w of writers) await w.synced();
    await new Promise((r) => setTimeout(r, 2000));
    for (const node of c.nodes) await c.kill(node, "SIGTERM");
    const stored = await readStoredDoc(db!, minutesDocName(sid));
    const text = textOf(stored);
    for (const t of typists) {
      const missing = t.typed.filter((w) => !text.includes(w));
      expect(missing, `words typed on node ${t.tag} missing from the stored minutes`).toEqual([]);
      expect(t.typed.length).toBeGreaterThan(20);
    }
    expect(kills).toBe(ROUNDS * 2);
    const seqs = factSeqs(stored);
    expect(seqs.length).toBeGreaterThan(ROUNDS);
    expect(
      seqs.filter((q, i) => seqs.indexOf(q) !== i),
      `facts written twice (all: ${seqs.join(",")})`,
    ).toEqual([]);
    console.log(
      `[cluster] ${kills} kills; ${voters.reduce((s, v) => s + v.retries, 0)} ballot retries; ${typists.map((t) => t.typed.length).join(" + ")} words typed; ${seqs.length} facts`,
    );
  }, 900_000);
});
