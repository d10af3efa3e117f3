// Failure counters for sign-in and pairing (fixed window), keyed by address, login or code. Only
// failures count: 53 councillors pairing from the town hall's one address all succeed, while
// someone guessing codes or passwords is stopped. Small enough to own: a dependency would add
// nothing but configuration. Several nodes count together in Redis (cluster/shared-limits.ts).

/** Failure counts for one purpose, in this process or shared by every node. */
export interface FailureCounter {
  /** True when any of these keys has used up its failures in the current window. */
  blocked(...keys: string[]): Promise<boolean>;
  /** Counts one failure against each key. */
  fail(...keys: string[]): Promise<void>;
}

/** Makes the counter of a purpose ("sign-in", "pairing", "pdf"): `maxFailures` per `windowMs`. */
export type FailureCounters = (purpose: string, maxFailures: number, windowMs: number) => FailureCounter;

export class FailureLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when any of these keys has used up its failures in the current window. */
  blocked(...keys: string[]): boolean {
    const t = this.now();
    return keys.some((k) => {
      const h = this.hits.get(k);
      return !!h && h.resetAt > t && h.count >= this.maxFailures;
    });
  }

  /** Counts one failure against each key. */
  fail(...keys: string[]): void {
    const t = this.now();
    for (const key of keys) {
      let h = this.hits.get(key);
      if (!h || h.resetAt <= t) {
        h = { count: 0, resetAt: t + this.windowMs };
        this.hits.set(key, h);
      }
      h.count += 1;
    }
    if (this.hits.size > 50_000) this.sweep(t);
  }

  private sweep(t: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= t) this.hits.delete(k);
  }
}

/** Counters kept in this process (one node). */
export const localFailureCounters: FailureCounters = (_purpose, maxFailures, windowMs) => {
  const limiter = new FailureLimiter(maxFailures, windowMs);
  return {
    blocked: (...keys) => Promise.resolve(limiter.blocked(...keys)),
    fail: (...keys) => Promise.resolve(limiter.fail(...keys)),
  };
};

/** A token bucket: `burst` actions at once, then `perSecond` (a socket's commands). */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
