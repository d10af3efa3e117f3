// Talking to the other nodes through Redis: one connection for commands and publishing, one for
// listening (a subscribed connection can do nothing else). Cluster events go to every node on one
// channel; a request goes to one node's channel and its reply comes back on the asker's; binary
// channels carry the minutes relay. Redis holds no state of a sitting: the database does.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { errorMessage, type Logger } from "../ports";

const EVENTS = "seance:events";
const nodeChannel = (nodeId: string) => `seance:node:${nodeId}`;

/** What a node tells all the others (see cluster.ts for the kinds). */
export interface ClusterEvent {
  kind: string;
  from?: string;
  [key: string]: unknown;
}

interface Envelope {
  t: "req" | "res";
  id: string;
  from: string;
  body: unknown;
}

export class ClusterBus {
  private channels = new Map<string, Set<(message: Buffer) => void>>();
  private waiting = new Map<string, { resolve: (body: unknown) => void; timer: NodeJS.Timeout }>();
  private events = new Set<(event: ClusterEvent) => void>();
  private server: ((body: unknown) => Promise<unknown>) | null = null;

  private constructor(
    readonly nodeId: string,
    readonly redis: Redis,
    private readonly sub: Redis,
    private readonly logger: Logger,
  ) {
    sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
      for (const fn of this.channels.get(channel.toString()) ?? []) {
        try {
          fn(message);
        } catch (err) {
          logger.error(`cluster message on ${channel.toString()} failed: ${errorMessage(err)}`);
        }
      }
    });
  }

  static async connect(url: string, nodeId: string, logger: Logger): Promise<ClusterBus> {
    // Commands fail at once while Redis is away (no queue that would replay stale requests later).
    const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: `seance:${nodeId}` };
    const redis = new Redis(url, options);
    const sub = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const c of [redis, sub]) c.on("error", (err: Error) => logger.error(`redis: ${err.message}`));
    await Promise.all([redis.connect(), sub.connect()]);
    const bus = new ClusterBus(nodeId, redis, sub, logger);
    await bus.subscribe(EVENTS, (m) => bus.receiveEvent(m));
    await bus.subscribe(nodeChannel(nodeId), (m) => void bus.onNodeMessage(m));
    return bus;
  }

  /** Listens on a channel; returns how to stop. */
  async subscribe(channel: string, fn: (message: Buffer) => void): Promise<() => Promise<void>> {
    let set = this.channels.get(channel);
    if (!set) {
      this.channels.set(channel, (set = new Set()));
      await this.sub.subscribe(channel);
    }
    set.add(fn);
    return async () => {
      set.delete(fn);
      if (set.size || this.channels.get(channel) !== set) return;
      this.channels.delete(channel);
      await this.sub.unsubscribe(channel).catch(() => undefined);
    };
  }

  /** Publishes; resolves with how many nodes listen on the channel (0 when Redis is away). */
  async publish(channel: string, message: Buffer | string): Promise<number> {
    try {
      return await this.redis.publish(channel, message);
    } catch (err) {
      this.logger.error(`publishing on ${channel} failed: ${errorMessage(err)}`);
      return 0;
    }
  }

  /** How many nodes listen on a channel (this one included). */
  async listeners(channel: string): Promise<number> {
    const r = (await this.redis.pubsub("NUMSUB", channel).catch(() => [channel, 0])) as [string, number | string];
    return Number(r[1] ?? 0);
  }

  /** Tells every other node. */
  async tell(event: ClusterEvent): Promise<void> {
    await this.publish(EVENTS, JSON.stringify({ ...event, from: this.nodeId }));
  }

  /** Told of the events the other nodes tell. */
  onEvent(fn: (event: ClusterEvent) => void): () => void {
    this.events.add(fn);
    return () => this.events.delete(fn);
  }

  private receiveEvent(message: Buffer): void {
    let event: ClusterEvent;
    try {
      event = JSON.parse(message.toString()) as ClusterEvent;
    } catch {
      return;
    }
    if (event.from === this.nodeId) return;
    for (const fn of this.events) fn(event);
  }

  /** Answers the requests other nodes send this one. */
  serve(fn: (body: unknown) => Promise<unknown>): void {
    this.server = fn;
  }

  /**
   * Asks one node and waits for its answer; undefined when that node is not listening (gone) or
   * did not answer in time.
   */
  async request(nodeId: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const id = randomUUID();
    const answer = new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(id, { resolve, timer });
    });
    const envelope: Envelope = { t: "req", id, from: this.nodeId, body };
    if ((await this.publish(nodeChannel(nodeId), JSON.stringify(envelope))) === 0) {
      const w = this.waiting.get(id);
      if (w) {
        clearTimeout(w.timer);
        this.waiting.delete(id);
        w.resolve(undefined);
      }
    }
    return answer;
  }

  private async onNodeMessage(message: Buffer): Promise<void> {
    let env: Envelope;
    try {
      env = JSON.parse(message.toString()) as Envelope;
    } catch {
      return;
    }
    if (env.t === "res") {
      const w = this.waiting.get(env.id);
      if (!w) return;
      clearTimeout(w.timer);
      this.waiting.delete(env.id);
      w.resolve(env.body);
      return;
    }
    if (!this.server) return;
    const body = await this.server(env.body).catch((err: unknown) => {
      this.logger.error(`a request from node ${env.from} failed: ${errorMessage(err)}`);
      return undefined;
    });
    const reply: Envelope = { t: "res", id: env.id, from: this.nodeId, body };
    await this.publish(nodeChannel(env.from), JSON.stringify(reply));
  }

  async close(): Promise<void> {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.waiting.clear();
    this.sub.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
