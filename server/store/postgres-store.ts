// The sitting store on PostgreSQL, for several nodes sharing one database: raw `pg` for the hot path
// (receipts, the one commit transaction, the events a read copy fetches), Prisma for loading. A
// sitting is committed to only through the connection that holds its advisory lock (pg-leases.ts);
// the unique (sittingId, seq) and the conditional lastSeq update are the fence; the commit is
// announced with pg_notify inside its own transaction (pg-commit-feed.ts).
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ChainedEvent } from "../../core/audit/hash-chain";
import type { Db } from "../db/client";
import { crashPoint } from "../fault";
import { consoleLogger, errorMessage, type Logger } from "../ports";
import { planCommit, type CommitPlan } from "./commit-plan";
import { UnknownSittingError } from "./errors";
import { COMMIT_CHANNEL, PgCommitFeed, type CommitNotice } from "./pg-commit-feed";
import { ownerOf, PgLeases } from "./pg-leases";
import type { CommitBatch, CommitResult, LoadedSitting, SittingStore, StoredReceipt } from "./port";
import { loadSitting } from "./sitting-store";

const SQL = {
  fence: 'UPDATE "Sitting" SET "lastSeq" = $1, status = COALESCE($2, status) WHERE id = $3 AND "lastSeq" = $4',
  exists: 'SELECT 1 FROM "Sitting" WHERE id = $1',
  taken: 'SELECT "commandId" FROM "CommandReceipt" WHERE "sittingId" = $1 AND "commandId" = ANY($2::text[])',
  events: `INSERT INTO "SittingEvent" ("sittingId", seq, type, payload, actor, at, "prevHash", hash)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
  ballots: `INSERT INTO "Ballot" ("voteId", "memberId", "onBehalfOf", choice, "castAt")
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT ("voteId", "memberId", "onBehalfOf") DO UPDATE SET choice = excluded.choice, "castAt" = excluded."castAt"`,
  signatures: `INSERT INTO "SecretSignature" ("voteId", "memberId", "onBehalfOf") SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
  urns: `INSERT INTO "SecretUrn" ("voteId", sealed) SELECT * FROM unnest($1::text[], $2::bytea[])
         ON CONFLICT ("voteId") DO UPDATE SET sealed = excluded.sealed`,
  receipts: `INSERT INTO "CommandReceipt" ("sittingId", "commandId", "userId", fingerprint, reply, "createdAt")
             SELECT $1, c, u, f, r, (t::timestamptz AT TIME ZONE 'UTC') FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(c, u, f, r, t)`,
  notify: "SELECT pg_notify($1, $2)",
  receipt: 'SELECT "commandId", "userId", fingerprint, reply FROM "CommandReceipt" WHERE "sittingId" = $1 AND "commandId" = ANY($2::text[])',
  after: 'SELECT "sittingId", seq, type, payload, actor, at, "prevHash", hash FROM "SittingEvent" WHERE "sittingId" = $1 AND seq > $2 ORDER BY seq',
} as const;

export interface PostgresStoreOptions {
  /** This node's id (the owner's connections carry it; its own commit notices are not heard back). */
  nodeId?: string;
  logger?: Logger;
  poolSize?: number;
}

export class PostgresSittingStore implements SittingStore {
  readonly shared = true;
  readonly nodeId: string;
  readonly pool: pg.Pool;
  private readonly leases: PgLeases;
  private readonly feed: PgCommitFeed;
  private readonly logger: Logger;

  constructor(
    private readonly db: Db,
    connectionString: string,
    private readonly urnKey: Buffer,
    opts: PostgresStoreOptions = {},
  ) {
    this.nodeId = opts.nodeId ?? randomUUID();
    this.logger = opts.logger ?? consoleLogger;
    this.pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 8, application_name: "seance-read" });
    // An idle pooled connection that drops is replaced at the next query, not thrown out of the process.
    this.pool.on("error", (err) => this.logger.error(`a pooled database connection failed: ${errorMessage(err)}`));
    this.leases = new PgLeases(connectionString, this.nodeId, this.logger);
    this.feed = new PgCommitFeed(connectionString, this.pool, this.nodeId, this.logger);
  }

  load(sittingId: string): Promise<LoadedSitting> {
    return loadSitting(this.db, sittingId, this.urnKey);
  }

  async findReceipts(sittingId: string, commandIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    const out = new Map<string, StoredReceipt>();
    if (!commandIds.length) return out;
    const r = await this.pool.query<{ commandId: string; userId: string; fingerprint: string; reply: string }>({
      name: "seance-receipts",
      text: SQL.receipt,
      values: [sittingId, commandIds],
    });
    for (const row of r.rows) out.set(row.commandId, { userId: row.userId, fingerprint: row.fingerprint, reply: JSON.parse(row.reply) as unknown });
    return out;
  }

  async commit(batch: CommitBatch): Promise<CommitResult> {
    const client = this.leases.connection(batch.sittingId);
    if (!client) return { ok: false, reason: "not-owner" };
    const plan = planCommit(batch, this.urnKey);
    await client.query("BEGIN");
    try {
      const result = await this.write(client, batch, plan);
      if (!result.ok) {
        await client.query("ROLLBACK");
        return result;
      }
      crashPoint("commit:in-tx");
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
  }

  /** Inside the transaction: the fence first (it locks the sitting's row), then every write and the notice. */
  private async write(client: pg.Client, batch: CommitBatch, plan: CommitPlan): Promise<CommitResult> {
    const sid = batch.sittingId;
    const fenced = await client.query({ name: "seance-fence", text: SQL.fence, values: [plan.lastSeq, plan.status, sid, batch.fromSeq] });
    if (fenced.rowCount !== 1) {
      if (!(await client.query(SQL.exists, [sid])).rowCount) throw new UnknownSittingError(`unknown sitting ${sid}`);
      return { ok: false, reason: "stale" };
    }
    // The receipts are looked up again inside the transaction: a retry that raced in elsewhere wins.
    const taken = new Set(
      (await client.query<{ commandId: string }>({ name: "seance-taken", text: SQL.taken, values: [sid, plan.receipts.map((r) => r.commandId)] })).rows.map(
        (r) => r.commandId,
      ),
    );
    if (taken.size) return { ok: false, reason: "duplicate", commandIds: batch.entries.map((e) => e.commandId).filter((id) => taken.has(id)) };
    const e = plan.chained;
    if (e.length)
      await client.query({
        name: "seance-events",
        text: SQL.events,
        values: [
          sid,
          e.map((x) => x.seq),
          e.map((x) => x.type),
          e.map((x) => x.payload),
          e.map((x) => x.actor),
          e.map((x) => x.at),
          e.map((x) => x.prevHash),
          e.map((x) => x.hash),
        ],
      });
    const b = plan.ballots;
    if (b.length)
      await client.query({
        name: "seance-ballots",
        text: SQL.ballots,
        values: [b.map((x) => x.voteId), b.map((x) => x.memberId), b.map((x) => x.onBehalfOf), b.map((x) => x.choice), b.map((x) => x.castAt)],
      });
    const s = plan.signatures;
    if (s.length)
      await client.query({
        name: "seance-signatures",
        text: SQL.signatures,
        values: [s.map((x) => x.voteId), s.map((x) => x.memberId), s.map((x) => x.onBehalfOf)],
      });
    if (plan.urns.length) await client.query({ name: "seance-urns", text: SQL.urns, values: [plan.urns.map((x) => x.voteId), plan.urns.map((x) => x.sealed)] });
    const r = plan.receipts;
    await client.query({
      name: "seance-add-receipts",
      text: SQL.receipts,
      values: [sid, r.map((x) => x.commandId), r.map((x) => x.userId), r.map((x) => x.fingerprint), r.map((x) => x.reply), r.map((x) => x.createdAt)],
    });
    if (e.length) {
      const notice: CommitNotice = { s: sid, q: plan.lastSeq, n: this.nodeId };
      await client.query({ name: "seance-notify", text: SQL.notify, values: [COMMIT_CHANNEL, JSON.stringify(notice)] });
    }
    return { ok: true, chained: e };
  }

  watch(sittingId: string, onCommitted: (lastSeq: number) => void): () => void {
    return this.feed.watch(sittingId, onCommitted);
  }

  /** Resolves once commits made elsewhere are heard (the listening connection is up). */
  listening(): Promise<void> {
    return this.feed.ready();
  }

  async eventsAfter(sittingId: string, afterSeq: number): Promise<ChainedEvent[]> {
    return (await this.pool.query<ChainedEvent>({ name: "seance-after", text: SQL.after, values: [sittingId, afterSeq] })).rows;
  }

  claim(sittingId: string): Promise<boolean> {
    return this.leases.claim(sittingId);
  }

  release(sittingId: string): Promise<void> {
    return this.leases.release(sittingId);
  }

  onLost(fn: (sittingId: string) => void): () => void {
    return this.leases.onLost(fn);
  }

  /** The node holding a sitting now, as PostgreSQL's lock table says (null: nobody). */
  ownerOf(sittingId: string): Promise<string | null> {
    return ownerOf(this.pool, sittingId);
  }

  /**
   * After a secret vote closes: the urn's row versions of the vote are rewritten away (VACUUM FULL
   * gives the table new files) and a checkpoint lets the WAL segments that held them be recycled.
   * Best effort: both need rights the database's owner has.
   */
  afterSecretVoteClosed(): void {
    void (async () => {
      await this.pool.query('VACUUM FULL "SecretUrn"');
      await this.pool.query("CHECKPOINT");
    })().catch((err: unknown) => this.logger.error(`clearing the closed urn's traces failed: ${errorMessage(err)}`));
  }

  async close(): Promise<void> {
    await this.leases.close();
    await this.feed.close();
    await this.pool.end();
  }
}
