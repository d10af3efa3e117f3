// Limits that must hold across nodes, kept in Redis: failure counters (sign-in, pairing, PDF
// renders) as INCR with an expiry, and the connections each address holds, mirrored per node in a
// hash that expires unless its node refreshes it (a dead node's connections stop counting).
import type { Redis } from "ioredis";
import type { FailureCounter } from "../auth/rate-limit";
import { ConnectionCaps } from "../http/connection-caps";
import { errorMessage, type Logger } from "../ports";

/** A fixed window per key, counted in Redis by every node. Redis away: nothing is blocked (logged). */
export class RedisFailureCounter implements FailureCounter {
  constructor(
    private readonly redis: Redis,
    private readonly purpose: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {}

  private key(k: string): string {
    return `seance:fail:${this.purpose}:${k}`;
  }

  async blocked(...keys: string[]): Promise<boolean> {
    if (!keys.length) return false;
    try {
      const counts = await this.redis.mget(...keys.map((k) => this.key(k)));
      return counts.some((c) => Number(c ?? 0) >= this.maxFailures);
    } catch (err) {
      this.logger.error(`failure counter ${this.purpose} unavailable: ${errorMessage(err)}`);
      return false;
    }
  }

  async fail(...keys: string[]): Promise<void> {
    const m = this.redis.multi();
    // The window starts at the first failure: NX keeps the expiry the first INCR set.
    for (const k of keys) m.incr(this.key(k)).pexpire(this.key(k), this.windowMs, "NX");
    await m.exec().catch((err: unknown) => this.logger.error(`failure counter ${this.purpose} unavailable: ${errorMessage(err)}`));
  }
}

const NODES = "seance:conns:nodes";
const nodeKey = (nodeId: string) => `seance:conns:${nodeId}`;
/** A node's mirror lives this long unless refreshed; peers' counts are read this often. */
// Short: when a node dies its clients reconnect to the others at once, and are counted twice
// until its mirror expires (a refused screen tries again, lib/client/sitting-client.ts).
const MIRROR_TTL_MS = 4000;
const SYNC_EVERY_MS = 1000;

/**
 * The per-address cap over all nodes. `acquire` stays synchronous: it adds this node's own count
 * to the others' as last read (at most a second old), so a burst at once on every node may pass
 * the cap by a little; the cap stops one machine from exhausting the service, not a chamber.
 */
export class SharedConnectionCaps extends ConnectionCaps {
  private elsewhere = new Map<string, number>();
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private syncing = false;

  constructor(
    perAddress: number,
    private readonly redis: Redis,
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {
    super(perAddress);
  }

  override acquire(address: string): (() => void) | null {
    if (this.count(address) + (this.elsewhere.get(address) ?? 0) >= this.perAddress) return null;
    const release = super.acquire(address);
    if (!release) return null;
    this.dirty.add(address);
    return () => {
      release();
      this.dirty.add(address);
    };
  }

  /** How many connections the other nodes said this address holds (tests, figures). */
  countElsewhere(address: string): number {
    return this.elsewhere.get(address) ?? 0;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sync(), SYNC_EVERY_MS);
    this.timer.unref();
  }

  /** Writes this node's changed counts, then reads the others'. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const mine = nodeKey(this.nodeId);
      const m = this.redis.multi().sadd(NODES, this.nodeId);
      for (const a of this.dirty) {
        const n = this.count(a);
        if (n > 0) m.hset(mine, a, n);
        else m.hdel(mine, a);
      }
      this.dirty.clear();
      await m.pexpire(mine, MIRROR_TTL_MS).exec();
      const peers = (await this.redis.smembers(NODES)).filter((id) => id !== this.nodeId);
      const next = new Map<string, number>();
      for (const peer of peers) {
        const counts = await this.redis.hgetall(nodeKey(peer));
        // A node whose mirror expired is gone: forget it.
        if (!Object.keys(counts).length && !(await this.redis.exists(nodeKey(peer)))) await this.redis.srem(NODES, peer);
        for (const [a, n] of Object.entries(counts)) next.set(a, (next.get(a) ?? 0) + Number(n));
      }
      this.elsewhere = next;
    } catch (err) {
      this.logger.error(`shared connection counts unavailable: ${errorMessage(err)}`);
    } finally {
      this.syncing = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.del(nodeKey(this.nodeId)).catch(() => undefined);
    await this.redis.srem(NODES, this.nodeId).catch(() => undefined);
  }
}
