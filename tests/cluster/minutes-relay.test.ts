// CLUSTER-3: the minutes relay between nodes, on a real Redis: three "nodes" in this process, each
// with its bus, relay and persistence over one database. An update is stored once, by the node it
// arrived on; a node that opens the document late gets what the others hold and have not stored; an
// update relayed by a node that dies before storing it is stored by the node that received it.
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ClusterBus } from "../../server/cluster/bus";
import { openDatabase, type Db } from "../../server/db/client";
import { readStoredDoc, YPersistence } from "../../server/yjs/persistence";
import { DocRelay } from "../../server/yjs/relay";
import { serviceFolder, startRedis, type LocalProcess } from "../../scripts/cluster/local-services";
import { describeWith } from "../helpers/postgres";
import { freshDatabaseFile } from "../helpers/test-server";

const DOC = "minutes-relay-test";
const quiet = { info: () => undefined, error: () => undefined };

interface Node {
  bus: ClusterBus;
  relay: DocRelay;
  persistence: YPersistence;
  doc: Y.Doc;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const textOf = (doc: Y.Doc) => doc.getText("t").toString();

describeWith(["redis-server"], "the minutes relay", () => {
  let dir = "";
  let redis: (LocalProcess & { url: string }) | null = null;
  let db: Db | null = null;
  let dbFile = "";
  const nodes: Node[] = [];

  async function node(name: string, opts: { saves: boolean }): Promise<Node> {
    const bus = await ClusterBus.connect(redis!.url, name, quiet);
    const relay = new DocRelay(bus, quiet, { orphanAfterMs: 400, syncWaitMs: 5000 });
    // A node that "never saves" keeps its updates pending (as a node killed before its save).
    const persistence = new YPersistence(db!, quiet, {
      relay,
      ...(opts.saves ? { debounceMs: 20, maxWaitMs: 50 } : { debounceMs: 600_000, maxWaitMs: 600_000 }),
    });
    const doc = new Y.Doc();
    persistence.bindState(DOC, doc);
    await persistence.whenLoaded(DOC);
    const n = { bus, relay, persistence, doc };
    nodes.push(n);
    return n;
  }

  beforeAll(async () => {
    dir = serviceFolder("seance-test-redis-");
    redis = await startRedis({ dir });
    dbFile = freshDatabaseFile();
    db = await openDatabase(`file:${dbFile}`);
  }, 60_000);

  afterAll(async () => {
    for (const n of nodes) {
      n.relay.close();
      await n.bus.close().catch(() => undefined);
    }
    await db?.$disconnect();
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    if (dbFile) fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
  });

  it("CLUSTER-3 an update is stored once; a late joiner gets what is not stored yet; a dead node's relayed update is stored by its peer", async () => {
    const a = await node("node-a", { saves: false });
    const b = await node("node-b", { saves: true });
    const rows = () => db!.yDocUpdate.count({ where: { docName: DOC } });

    // Typed on B (which saves): A gets it; B stores it; A is told and stores nothing.
    b.doc.getText("t").insert(0, "bonjour ");
    await until(() => textOf(a.doc) === "bonjour ", "node A to receive B's update");
    await until(async () => (await rows()) === 1 && a.relay.unconfirmed(DOC) === 0, "B to store its update and say so");
    expect(await rows()).toBe(1);

    // Typed on A (which has not saved it): a node that opens the document now gets it from A.
    a.doc.getText("t").insert(textOf(a.doc).length, "le conseil");
    await until(() => textOf(b.doc) === "bonjour le conseil", "node B to receive A's update");
    const c = await node("node-c", { saves: true });
    expect(textOf(c.doc)).toBe("bonjour le conseil");
    expect(await rows()).toBe(1);

    // A dies before saving: its update, relayed to B and C, is stored by them after the grace time.
    a.relay.close();
    await a.bus.close();
    await until(async () => textOf(await readStoredDoc(db!, DOC)) === "bonjour le conseil", "A's orphaned update to be stored by a peer");
    await until(() => b.relay.unconfirmed(DOC) === 0 && c.relay.unconfirmed(DOC) === 0, "the peers to store the orphan");
    // Stored by each peer that held it (two rows at most), never lost; B's own update still once.
    const stored = await rows();
    expect(stored).toBeGreaterThanOrEqual(2);
    expect(stored).toBeLessThanOrEqual(3);
  }, 120_000);
});
