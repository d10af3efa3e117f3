// Commits announced across nodes: the owner's commit transaction runs pg_notify, which PostgreSQL
// delivers once the transaction commits, in commit order, and never for a rolled-back one. Each
// node listens on one connection and tells the watchers of that sitting; after a lost connection
// it reconnects and tells every watcher the stored lastSeq, so a read copy fetches what it missed.
import pg from "pg";
import { errorMessage, type Logger } from "../ports";

export const COMMIT_CHANNEL = "seance_commits";

/** The announcement's payload: the sitting, its lastSeq after the commit, the committing node. */
export interface CommitNotice {
  s: string;
  q: number;
  n: string;
}

export class PgCommitFeed {
  private watchers = new Map<string, Set<(lastSeq: number) => void>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = 100;

  constructor(
    private readonly connectionString: string,
    private readonly pool: pg.Pool,
    /** This node's own commits are not announced back to it. */
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  watch(sittingId: string, fn: (lastSeq: number) => void): () => void {
    let set = this.watchers.get(sittingId);
    if (!set) this.watchers.set(sittingId, (set = new Set()));
    set.add(fn);
    void this.ensure();
    return () => {
      set.delete(fn);
      if (!set.size) this.watchers.delete(sittingId);
    };
  }

  /** Resolves once the listening connection is up (tests wait for it before committing elsewhere). */
  ready(): Promise<void> {
    return this.ensure();
  }

  private ensure(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: "seance-feed", keepAlive: true });
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client, null));
    client.on("notification", (msg) => {
      if (msg.channel !== COMMIT_CHANNEL || !msg.payload) return;
      let n: CommitNotice;
      try {
        n = JSON.parse(msg.payload) as CommitNotice;
      } catch {
        return;
      }
      if (n.n === this.nodeId) return;
      for (const fn of this.watchers.get(n.s) ?? []) fn(n.q);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      this.logger.error(`listening for commits failed: ${errorMessage(err)}`);
      this.retryLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = 100;
    // Whatever was committed while nobody listened: each watcher hears the stored lastSeq.
    await this.catchUp();
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.closed) return;
    if (err) this.logger.error(`the commit feed's connection failed: ${errorMessage(err)}`);
    this.retryMs = Math.max(this.retryMs, 200);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(2000, this.retryMs * 2);
    setTimeout(() => void this.ensure(), wait).unref();
  }

  private async catchUp(): Promise<void> {
    const ids = [...this.watchers.keys()];
    if (!ids.length) return;
    const r = await this.pool.query<{ id: string; lastSeq: number }>('SELECT id, "lastSeq" FROM "Sitting" WHERE id = ANY($1::text[])', [ids]).catch(() => null);
    for (const row of r?.rows ?? []) for (const fn of this.watchers.get(row.id) ?? []) fn(row.lastSeq);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
