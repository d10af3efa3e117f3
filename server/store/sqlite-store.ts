// The sitting store on SQLite: the command log's prepared statements for the hot path (receipts and
// the one commit transaction), Prisma for loading, and a light poll of `lastSeq` to notice commits
// made by another process on the same file (only while someone watches).
import type { ChainedEvent } from "../../core/audit/hash-chain";
import type { Db } from "../db/client";
import { CommandLog } from "./command-log";
import type { CommitBatch, CommitResult, LoadedSitting, SittingStore, StoredReceipt } from "./port";
import { loadSitting } from "./sitting-store";

const WATCH_EVERY_MS = 500;

export class SqliteSittingStore implements SittingStore {
  /** One process writes the file: it decides for every sitting. */
  readonly shared = false;
  private readonly log: CommandLog;
  private watchers = new Map<string, { seen: number; fns: Set<(lastSeq: number) => void> }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    databaseUrl: string,
    private readonly urnKey: Buffer,
  ) {
    this.log = new CommandLog(databaseUrl, urnKey);
  }

  load(sittingId: string): Promise<LoadedSitting> {
    return loadSitting(this.db, sittingId, this.urnKey, undefined, (id) => this.log.readEvents(id));
  }

  findReceipts(sittingId: string, commandIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    return Promise.resolve(this.log.findReceipts(sittingId, commandIds));
  }

  commit(batch: CommitBatch): Promise<CommitResult> {
    const result = this.log.commit(batch);
    const w = this.watchers.get(batch.sittingId);
    if (w && result.ok) w.seen = batch.fromSeq + result.chained.length;
    return Promise.resolve(result);
  }

  watch(sittingId: string, onCommitted: (lastSeq: number) => void): () => void {
    let w = this.watchers.get(sittingId);
    if (!w) {
      w = { seen: this.log.lastSeq(sittingId) ?? 0, fns: new Set() };
      this.watchers.set(sittingId, w);
    }
    w.fns.add(onCommitted);
    this.timer ??= setInterval(() => this.poll(), WATCH_EVERY_MS).unref();
    return () => {
      w.fns.delete(onCommitted);
      if (!w.fns.size) this.watchers.delete(sittingId);
      if (!this.watchers.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  async eventsAfter(sittingId: string, afterSeq: number): Promise<ChainedEvent[]> {
    const rows = await this.db.sittingEvent.findMany({ where: { sittingId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" } });
    return rows.map(({ sittingId: s, seq, type, payload, actor, at, prevHash, hash }) => ({ sittingId: s, seq, type, payload, actor, at, prevHash, hash }));
  }

  claim(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  onLost(): () => void {
    return () => undefined;
  }

  afterSecretVoteClosed(): void {
    this.log.checkpoint();
  }

  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.log.close();
    return Promise.resolve();
  }

  private poll(): void {
    for (const [sittingId, w] of this.watchers) {
      const now = this.log.lastSeq(sittingId);
      if (now !== null && now !== w.seen) {
        w.seen = now;
        for (const fn of w.fns) fn(now);
      }
    }
  }
}
