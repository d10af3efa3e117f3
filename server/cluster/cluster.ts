// A node's membership of the cluster (REDIS_URL set): the bus to the other nodes, the limits they
// share, the minutes relay, and the events that must reach every node — a revoked session (its
// sockets close wherever they are), a minutes document whose access changed (its connections
// reconnect), a sitting whose setup the clerk changed (every copy reloads). The sittings
// themselves need none of this: the database orders them (store/pg-*.ts).
import type { FailureCounters } from "../auth/rate-limit";
import type { Sessions } from "../auth/sessions";
import { errorMessage, type Logger } from "../ports";
import type { RoomRegistry } from "../realtime/room-registry";
import { DocRelay } from "../yjs/relay";
import { ClusterBus, type ClusterEvent } from "./bus";
import { createForwarder, serveForwarded } from "./forward";
import { RedisFailureCounter, SharedConnectionCaps } from "./shared-limits";

export interface ClusterParts {
  rooms: RoomRegistry;
  sessions: Sessions;
  /** Closes this node's connections to a minutes document (they reconnect under the new access). */
  reconnectDoc(docName: string): void;
}

export class Cluster {
  readonly failures: FailureCounters;
  readonly relay: DocRelay;
  private parts: ClusterParts | null = null;
  /** Set while a revocation heard from another node is passed on here (it is not sent back). */
  private relaying = false;

  private constructor(
    readonly bus: ClusterBus,
    readonly caps: SharedConnectionCaps,
    private readonly logger: Logger,
  ) {
    this.failures = (purpose, max, windowMs) => new RedisFailureCounter(bus.redis, purpose, max, windowMs, logger);
    this.relay = new DocRelay(bus, logger);
    bus.onEvent((e) => this.heard(e));
  }

  static async join(opts: { redisUrl: string; nodeId: string; logger: Logger; connectionsPerAddress: number }): Promise<Cluster> {
    const bus = await ClusterBus.connect(opts.redisUrl, opts.nodeId, opts.logger);
    const caps = new SharedConnectionCaps(opts.connectionsPerAddress, bus.redis, opts.nodeId, opts.logger);
    caps.start();
    return new Cluster(bus, caps, opts.logger);
  }

  get nodeId(): string {
    return this.bus.nodeId;
  }

  /** Hands commands to the sitting's owner (rooms' `forward`). */
  forwarder(ownerOf: (sittingId: string) => Promise<string | null>) {
    return createForwarder(this.bus, ownerOf);
  }

  /** Connects the cluster to this node's parts once they exist. */
  attach(parts: ClusterParts): void {
    this.parts = parts;
    serveForwarded(this.bus, parts.rooms);
    parts.sessions.onRevoked((ids) => {
      if (!this.relaying) void this.bus.tell({ kind: "revoked", ids: [...ids] });
    });
    parts.rooms.onRefreshed((sittingId) => void this.bus.tell({ kind: "reload", sittingId }));
  }

  /** A minutes document's access changed here: the other nodes reconnect theirs too. */
  docAccessChanged(docName: string): void {
    void this.bus.tell({ kind: "doc-access", docName });
  }

  private heard(e: ClusterEvent): void {
    const parts = this.parts;
    if (!parts) return;
    try {
      if (e.kind === "revoked" && Array.isArray(e.ids)) {
        this.relaying = true;
        try {
          parts.sessions.revokedElsewhere(e.ids.map(String));
        } finally {
          this.relaying = false;
        }
      } else if (e.kind === "doc-access" && typeof e.docName === "string") parts.reconnectDoc(e.docName);
      else if (e.kind === "reload" && typeof e.sittingId === "string") void parts.rooms.reloadHere(e.sittingId);
    } catch (err) {
      this.logger.error(`cluster event ${e.kind} failed: ${errorMessage(err)}`);
    }
  }

  async close(): Promise<void> {
    this.relay.close();
    await this.caps.stop();
    await this.bus.close();
  }
}
