// Minutes across nodes: a small relay around @y/websocket-server over Redis pub/sub, one channel per
// document. A node's local updates (its own clients', its facts) go to the peers, which apply them
// with the RELAY origin so their own clients get them; a node that opens a document asks the peers
// for what it lacks (state vector → diff) and waits a little for the first answer. Each update is
// stored once, by the node it arrived on; a peer keeps the updates it was relayed until their node
// says they are stored (SAVED) and stores them itself when that does not come (the node died
// between relaying and saving). Awareness (cursors) is relayed the same way, never stored.
import * as Y from "yjs";
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from "y-protocols/awareness";
import { errorMessage, type Logger } from "../ports";

/** Updates applied from a peer: the receiving node neither stores them nor sends them back. */
export const RELAY_ORIGIN = Symbol("relay");

/** What the relay needs from the bus between nodes (server/cluster/bus.ts). */
export interface RelayTransport {
  readonly nodeId: string;
  subscribe(channel: string, fn: (message: Buffer) => void): Promise<() => Promise<void>>;
  publish(channel: string, message: Buffer): Promise<number>;
  listeners(channel: string): Promise<number>;
}

const enum Kind {
  Update = 1,
  Saved = 2,
  StateVector = 3,
  Diff = 4,
  Awareness = 5,
}
interface Header {
  /** The sending node. */
  f: string;
  /** Update: its number among the sender's updates; Saved: stored up to it; Diff: the sender's count. */
  n?: number;
  /** Diff: the node that asked. */
  to?: string;
  /** Diff: it may hold updates its sender has not stored yet. */
  u?: boolean;
}

function frame(kind: Kind, header: Header, payload: Uint8Array = new Uint8Array()): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(3 + h.length + payload.length);
  out.writeUInt8(kind, 0);
  out.writeUInt16BE(h.length, 1);
  h.copy(out, 3);
  out.set(payload, 3 + h.length);
  return out;
}

function parse(message: Buffer): { kind: Kind; header: Header; payload: Uint8Array } | null {
  if (message.length < 3) return null;
  const len = message.readUInt16BE(1);
  try {
    const header = JSON.parse(message.subarray(3, 3 + len).toString()) as Header;
    return { kind: message.readUInt8(0) as Kind, header, payload: new Uint8Array(message.subarray(3 + len)) };
  } catch {
    return null;
  }
}

/** A relayed update not yet known to be stored by the node it came from. */
interface Unstored {
  n: number;
  update: Uint8Array;
  at: number;
}

interface Bound {
  doc: Y.Doc;
  channel: string;
  /** This node's local updates sent so far, and the last one stored. */
  sent: number;
  stored: number;
  unstored: Map<string, Unstored[]>;
  persistOrphan: (update: Uint8Array) => void;
  firstDiff: (() => void) | null;
  stop: () => Promise<void>;
}

export interface RelayOptions {
  /** How long a peer waits for the first diff when opening a document another node has open. */
  syncWaitMs?: number;
  /** How long a relayed update may stay unconfirmed before this node stores it itself. */
  orphanAfterMs?: number;
}

export class DocRelay {
  private docs = new Map<string, Bound>();
  private timer: NodeJS.Timeout;
  private readonly syncWaitMs: number;
  private readonly orphanAfterMs: number;

  constructor(
    private readonly bus: RelayTransport,
    private readonly logger: Logger,
    opts: RelayOptions = {},
  ) {
    this.syncWaitMs = opts.syncWaitMs ?? 500;
    this.orphanAfterMs = opts.orphanAfterMs ?? 3000;
    this.timer = setInterval(() => this.adoptOrphans(), Math.max(100, Math.floor(this.orphanAfterMs / 3)));
    this.timer.unref();
  }

  /**
   * Joins the document's channel, before the document is read from the database: whatever a peer
   * sends from then on is applied, so nothing falls between what is stored and what is relayed.
   * `persistOrphan` stores an update whose node died before storing it.
   */
  async join(docName: string, doc: Y.Doc, persistOrphan: (update: Uint8Array) => void): Promise<void> {
    const channel = `seance:yjs:${docName}`;
    const b: Bound = { doc, channel, sent: 0, stored: 0, unstored: new Map(), persistOrphan, firstDiff: null, stop: () => Promise.resolve() };
    this.docs.set(docName, b);
    doc.on("destroy", () => this.unbind(docName, b));
    b.stop = await this.bus.subscribe(channel, (m) => this.receive(docName, b, m));
    const awareness = (doc as Y.Doc & { awareness?: Awareness }).awareness;
    awareness?.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === RELAY_ORIGIN || this.docs.get(docName) !== b) return;
      const changed = added.concat(updated, removed);
      void this.bus.publish(channel, frame(Kind.Awareness, { f: this.bus.nodeId }, encodeAwarenessUpdate(awareness, changed)));
    });
  }

  /**
   * Once the stored state is in: when a peer has the document open, asks for what this node lacks
   * (the updates the peers hold and have not stored yet); resolves once the first answer is applied
   * or after syncWaitMs (a later answer is applied when it comes).
   */
  async sync(docName: string): Promise<void> {
    const b = this.docs.get(docName);
    if (!b || (await this.bus.listeners(b.channel)) <= 1) return;
    const answered = new Promise<void>((resolve) => (b.firstDiff = resolve));
    await this.bus.publish(b.channel, frame(Kind.StateVector, { f: this.bus.nodeId }, Y.encodeStateVector(b.doc)));
    await Promise.race([answered, new Promise((r) => setTimeout(r, this.syncWaitMs))]);
    b.firstDiff = null;
  }

  /** A local update of the document: sent to the peers. Returns its number, for `stored`. */
  publishLocal(docName: string, update: Uint8Array): number {
    const b = this.docs.get(docName);
    if (!b) return 0;
    b.sent += 1;
    void this.bus.publish(b.channel, frame(Kind.Update, { f: this.bus.nodeId, n: b.sent }, update));
    return b.sent;
  }

  /** This node's local updates up to `n` are in the database: the peers may forget them. */
  stored(docName: string, n: number): void {
    const b = this.docs.get(docName);
    if (!b || n <= b.stored) return;
    b.stored = n;
    void this.bus.publish(b.channel, frame(Kind.Saved, { f: this.bus.nodeId, n }));
  }

  private receive(docName: string, b: Bound, message: Buffer): void {
    const m = parse(message);
    if (!m || m.header.f === this.bus.nodeId || this.docs.get(docName) !== b) return;
    const from = m.header.f;
    try {
      switch (m.kind) {
        case Kind.Update:
          Y.applyUpdate(b.doc, m.payload, RELAY_ORIGIN);
          this.keep(b, from, m.header.n ?? 0, m.payload);
          break;
        case Kind.Saved:
          b.unstored.set(
            from,
            (b.unstored.get(from) ?? []).filter((u) => u.n > (m.header.n ?? 0)),
          );
          break;
        case Kind.StateVector: {
          const diff = Y.encodeStateAsUpdate(b.doc, m.payload);
          const header: Header = { f: this.bus.nodeId, to: from, n: b.sent, u: b.sent > b.stored };
          void this.bus.publish(b.channel, frame(Kind.Diff, header, diff));
          break;
        }
        case Kind.Diff:
          if (m.header.to !== this.bus.nodeId) break;
          Y.applyUpdate(b.doc, m.payload, RELAY_ORIGIN);
          if (m.header.u) this.keep(b, from, m.header.n ?? 0, m.payload);
          b.firstDiff?.();
          break;
        case Kind.Awareness: {
          const awareness = (b.doc as Y.Doc & { awareness?: Awareness }).awareness;
          if (awareness) applyAwarenessUpdate(awareness, m.payload, RELAY_ORIGIN);
          break;
        }
      }
    } catch (err) {
      this.logger.error(`minutes relay: a message for ${docName} from ${from} failed: ${errorMessage(err)}`);
    }
  }

  /** Relayed updates of a document not yet confirmed stored by their node (tests, figures). */
  unconfirmed(docName: string): number {
    let n = 0;
    for (const list of this.docs.get(docName)?.unstored.values() ?? []) n += list.length;
    return n;
  }

  private keep(b: Bound, from: string, n: number, update: Uint8Array): void {
    let list = b.unstored.get(from);
    if (!list) b.unstored.set(from, (list = []));
    list.push({ n, update, at: Date.now() });
  }

  /** Relayed updates whose node never said they were stored: this node stores them. */
  private adoptOrphans(): void {
    const old = Date.now() - this.orphanAfterMs;
    for (const [docName, b] of this.docs) {
      for (const [from, list] of b.unstored) {
        const orphans = list.filter((u) => u.at <= old);
        if (!orphans.length) continue;
        b.unstored.set(
          from,
          list.filter((u) => u.at > old),
        );
        this.logger.info(`minutes relay: storing ${orphans.length} update(s) of ${docName} that node ${from} did not confirm`);
        b.persistOrphan(Y.mergeUpdates(orphans.map((u) => u.update)));
      }
    }
  }

  private unbind(docName: string, b: Bound): void {
    if (this.docs.get(docName) !== b) return;
    this.docs.delete(docName);
    void b.stop();
  }

  close(): void {
    clearInterval(this.timer);
    for (const [name, b] of [...this.docs]) this.unbind(name, b);
  }
}
