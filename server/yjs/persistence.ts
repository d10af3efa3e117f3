// Yjs minutes storage: each document is loaded once (concurrent joins wait on the same load),
// updates are saved debounced with a cap, one save at a time, and compacted into one row now and then.
// With several nodes (a relay), a node stores the updates that arrived on it, not those relayed
// from a peer (that peer stores them; relay.ts stores them here only if the peer died first).
import * as Y from "yjs";
import type { Db } from "../db/client";
import { errorMessage, type Logger } from "../ports";
import { crashPoint } from "../fault";
import { RELAY_ORIGIN, type DocRelay } from "./relay";

const LOAD_ORIGIN = Symbol("load");

export interface YPersistenceOptions {
  debounceMs?: number;
  maxWaitMs?: number;
  compactAfterRows?: number;
  relay?: DocRelay;
}

interface DocSaver {
  pending: Uint8Array[];
  /** The relay's number of the last pending update (0 without a relay). */
  pendingUpTo: number;
  timer: NodeJS.Timeout | null;
  firstPendingAt: number;
  chain: Promise<void>;
}

export class YPersistence {
  private loads = new Map<string, Promise<void>>();
  private savers = new Map<string, DocSaver>();
  /** Bytes of updates stored and pending per document: what the size limit is checked against. */
  private sizes = new Map<string, number>();
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly compactAfterRows: number;
  private readonly relay: DocRelay | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: YPersistenceOptions = {},
  ) {
    this.debounceMs = opts.debounceMs ?? 150;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.compactAfterRows = opts.compactAfterRows ?? 200;
    this.relay = opts.relay;
  }

  /** Called by the websocket server when it creates a document: start loading it. */
  bindState(docName: string, doc: Y.Doc): void {
    const saver = this.saverOf(docName);
    const load = saver.chain.then(async () => {
      // Several nodes: listen to the peers first, then read the stored state, then ask the peers.
      const relay = this.relay;
      const joined = await relay
        ?.join(docName, doc, (orphan) => this.adopt(docName, orphan))
        .then(() => true)
        .catch((err: unknown) => {
          this.logger.error(`minutes relay unavailable for ${docName}: ${errorMessage(err)}`);
          return false;
        });
      const rows = await this.db.yDocUpdate.findMany({ where: { docName }, orderBy: { id: "asc" } });
      if (rows.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))), LOAD_ORIGIN);
      this.sizes.set(docName, Y.encodeStateAsUpdate(doc).length);
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === LOAD_ORIGIN) return;
        this.sizes.set(docName, (this.sizes.get(docName) ?? 0) + update.length);
        if (origin === RELAY_ORIGIN) return;
        this.queue(docName, update, this.relay?.publishLocal(docName, update) ?? 0);
      });
      // What the peers that have the document open hold and the database does not yet.
      if (relay && joined)
        await relay.sync(docName).catch((err: unknown) => this.logger.error(`minutes relay sync failed for ${docName}: ${errorMessage(err)}`));
    });
    this.loads.set(docName, load);
  }

  /** About how many bytes the document takes (its state when loaded, plus every update since). */
  sizeOf(docName: string): number {
    return this.sizes.get(docName) ?? 0;
  }

  /** Resolves once the document's stored state is in memory. */
  whenLoaded(docName: string): Promise<void> {
    return this.loads.get(docName) ?? Promise.resolve();
  }

  /** Called when the last client leaves: save what is pending, then the document may be unloaded. */
  async writeState(docName: string): Promise<void> {
    this.loads.delete(docName);
    await this.flush(docName);
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.savers.keys()].map((n) => this.flush(n)));
  }

  flush(docName: string): Promise<void> {
    const s = this.saverOf(docName);
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    if (s.pending.length === 0) return s.chain;
    const batch = s.pending;
    const upTo = s.pendingUpTo;
    s.pending = [];
    s.chain = s.chain
      .then(() => this.save(docName, batch))
      .then(() => this.relay?.stored(docName, upTo))
      .catch((err: unknown) => {
        this.logger.error(`minutes save failed for ${docName}: ${errorMessage(err)}`);
      });
    return s.chain;
  }

  private saverOf(docName: string): DocSaver {
    let s = this.savers.get(docName);
    if (!s) {
      s = { pending: [], pendingUpTo: 0, timer: null, firstPendingAt: 0, chain: Promise.resolve() };
      this.savers.set(docName, s);
    }
    return s;
  }

  private queue(docName: string, update: Uint8Array, relayNo: number): void {
    const s = this.saverOf(docName);
    if (s.pending.length === 0) s.firstPendingAt = Date.now();
    s.pending.push(update);
    s.pendingUpTo = Math.max(s.pendingUpTo, relayNo);
    if (s.timer) clearTimeout(s.timer);
    const waited = Date.now() - s.firstPendingAt;
    s.timer = setTimeout(() => void this.flush(docName), Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - waited)));
  }

  /** A relayed update its node never confirmed storing (it died): stored here, in turn with the others. */
  private adopt(docName: string, update: Uint8Array): void {
    const s = this.saverOf(docName);
    s.chain = s.chain
      .then(() => this.save(docName, [update]))
      .catch((err: unknown) => this.logger.error(`minutes save failed for ${docName}: ${errorMessage(err)}`));
  }

  private async save(docName: string, batch: Uint8Array[]): Promise<void> {
    const merged = Y.mergeUpdates(batch);
    crashPoint("minutes:save:before");
    await this.db.yDocUpdate.create({ data: { docName, update: Buffer.from(merged) } });
    crashPoint("minutes:save:after");
    const count = await this.db.yDocUpdate.count({ where: { docName } });
    if (count > this.compactAfterRows) await this.compact(docName);
  }

  private async compact(docName: string): Promise<void> {
    const rows = await this.db.yDocUpdate.findMany({ where: { docName }, orderBy: { id: "asc" } });
    const last = rows[rows.length - 1];
    if (!last) return;
    const merged = Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update)));
    await this.db.$transaction(async (tx) => {
      await tx.yDocUpdate.deleteMany({ where: { docName, id: { lte: last.id } } });
      await tx.yDocUpdate.create({ data: { docName, update: Buffer.from(merged) } });
      crashPoint("minutes:compact:in-tx");
    });
  }
}

/** The stored state of a document, for exports and tests, without a live connection. */
export async function readStoredDoc(db: Db, docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const rows = await db.yDocUpdate.findMany({ where: { docName }, orderBy: { id: "asc" } });
  if (rows.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))));
  return doc;
}
