// Who decides for a live sitting when several nodes share one PostgreSQL database: the node holding
// a session advisory lock on the sitting, taken on a connection of its own that the node then
// commits through. When that node dies or its connection drops, PostgreSQL ends the session, the
// lock goes with it and another node may claim the sitting; the old owner cannot commit any more
// (its connection is gone) and the log's fence (the conditional lastSeq update) stops any straggler.
// Transaction-mode poolers (PgBouncer) break session locks: the connection string must reach
// PostgreSQL itself.
import pg from "pg";
import { errorMessage, type Logger } from "../ports";

/** The advisory lock's first key: Séance's sittings (the second is hashtext of the sitting id). */
const LOCK_SPACE = 0x5ea;

export class PgLeases {
  private held = new Map<string, pg.Client>();
  private claims = new Map<string, Promise<boolean>>();
  private lost = new Set<(sittingId: string) => void>();
  private closed = false;

  constructor(
    private readonly connectionString: string,
    /** Shown as the connection's application_name: how the other nodes find the owner. */
    readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  static applicationName(nodeId: string): string {
    return `seance:${nodeId}`;
  }

  /** The connection that holds the sitting, if this node holds it. */
  connection(sittingId: string): pg.Client | undefined {
    return this.held.get(sittingId);
  }

  claim(sittingId: string): Promise<boolean> {
    if (this.held.has(sittingId)) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    let p = this.claims.get(sittingId);
    if (!p) {
      p = this.tryClaim(sittingId).finally(() => this.claims.delete(sittingId));
      this.claims.set(sittingId, p);
    }
    return p;
  }

  private async tryClaim(sittingId: string): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: PgLeases.applicationName(this.nodeId), keepAlive: true });
    // A dropped connection is reported here (not thrown out of the process): the lease is lost.
    client.on("error", (err) => {
      this.logger.error(`the connection holding sitting ${sittingId} failed: ${errorMessage(err)}`);
      this.drop(sittingId, client);
    });
    client.on("end", () => this.drop(sittingId, client));
    await client.connect();
    let ok = false;
    try {
      const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_SPACE, `sitting:${sittingId}`]);
      ok = r.rows[0]?.ok === true;
    } finally {
      if (!ok || this.closed) await client.end().catch(() => undefined);
    }
    if (!ok || this.closed) return false;
    this.held.set(sittingId, client);
    return true;
  }

  private drop(sittingId: string, client: pg.Client): void {
    if (this.held.get(sittingId) !== client) return;
    this.held.delete(sittingId);
    for (const fn of this.lost) fn(sittingId);
  }

  onLost(fn: (sittingId: string) => void): () => void {
    this.lost.add(fn);
    return () => this.lost.delete(fn);
  }

  async release(sittingId: string): Promise<void> {
    const client = this.held.get(sittingId);
    if (!client) return;
    this.held.delete(sittingId);
    // Ending the session frees the lock (and nobody is told of a loss: it was given back).
    await client.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.held.keys()].map((sid) => this.release(sid)));
  }
}

/** The node that holds a sitting now (its id), read from PostgreSQL's own lock table; null if none. */
export async function ownerOf(pool: pg.Pool, sittingId: string): Promise<string | null> {
  const r = await pool.query<{ name: string }>(
    `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::int::oid AND l.objid = hashtext($2)::oid AND l.objsubid = 2`,
    [LOCK_SPACE, `sitting:${sittingId}`],
  );
  const name = r.rows[0]?.name ?? "";
  return name.startsWith("seance:") ? name.slice("seance:".length) : null;
}
