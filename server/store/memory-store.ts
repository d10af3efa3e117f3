// The sitting store in memory: the same contract as the databases (tests/store/contract.test.ts),
// for the room's unit tests and anything that needs a sitting without a disk. Several stores may
// share one backing, as several processes share a database (their watchers hear each other); a
// shared one then lets one store at a time commit for a sitting, as PostgreSQL's advisory lock does.
import { computeEventHash, canonicalJson, type ChainedEvent } from "../../core/audit/hash-chain";
import { foldEvent } from "../../core/sitting/apply-event";
import { initialSittingState, type SittingSetup } from "../../core/sitting/initial-state";
import type { SittingHeader } from "../../core/sitting/projection";
import type { SittingEvent } from "../../core/sitting/state";
import { EMPTY_TALLY, type Tally } from "../../core/vocabulary";
import { UnknownSittingError } from "./errors";
import type { CommitBatch, CommitResult, LoadedSitting, SittingStore, StoredReceipt } from "./port";

interface MemorySitting {
  setup: SittingSetup;
  header: SittingHeader;
  events: ChainedEvent[];
  receipts: Map<string, StoredReceipt>;
  urns: Map<string, { tally: Tally; candidates: number[] }>;
  listeners: Set<{ store: MemorySittingStore; fn: (lastSeq: number) => void }>;
}

export class MemoryBacking {
  readonly sittings = new Map<string, MemorySitting>();
  /** Which store holds each sitting (shared stores only). */
  readonly owners = new Map<string, MemorySittingStore>();

  add(setup: SittingSetup, header: SittingHeader): void {
    this.sittings.set(setup.sittingId, { setup, header, events: [], receipts: new Map(), urns: new Map(), listeners: new Set() });
  }
}

export class MemorySittingStore implements SittingStore {
  private lostListeners = new Set<(sittingId: string) => void>();

  constructor(
    readonly backing: MemoryBacking = new MemoryBacking(),
    /** As several nodes on one database: a sitting must be claimed before it is committed to. */
    readonly shared = false,
  ) {}

  private sitting(sittingId: string): MemorySitting {
    const s = this.backing.sittings.get(sittingId);
    if (!s) throw new UnknownSittingError(`unknown sitting ${sittingId}`);
    return s;
  }

  load(sittingId: string): Promise<LoadedSitting> {
    const s = this.sitting(sittingId);
    const state = initialSittingState(s.setup);
    for (const e of s.events) {
      foldEvent(state, JSON.parse(e.payload) as SittingEvent);
      state.seq = e.seq;
      state.lastHash = e.hash;
    }
    for (const v of Object.values(state.votes)) {
      const urn = v.mode === "secret" && v.status === "open" ? s.urns.get(v.id) : undefined;
      if (!urn) continue;
      v.urn = { ...urn.tally };
      if (v.nomination) v.candidateUrn = [...urn.candidates];
    }
    return Promise.resolve({ state, header: structuredClone(s.header) });
  }

  findReceipts(sittingId: string, commandIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    const s = this.sitting(sittingId);
    const out = new Map<string, StoredReceipt>();
    for (const id of commandIds) {
      const r = s.receipts.get(id);
      if (r) out.set(id, structuredClone(r));
    }
    return Promise.resolve(out);
  }

  commit(batch: CommitBatch): Promise<CommitResult> {
    const s = this.sitting(batch.sittingId);
    if (this.shared && this.backing.owners.get(batch.sittingId) !== this) return Promise.resolve({ ok: false, reason: "not-owner" });
    const lastSeq = s.events.length ? s.events[s.events.length - 1]!.seq : 0;
    if (lastSeq !== batch.fromSeq) return Promise.resolve({ ok: false, reason: "stale" });
    const taken = batch.entries.filter((e) => s.receipts.has(e.commandId)).map((e) => e.commandId);
    if (taken.length) return Promise.resolve({ ok: false, reason: "duplicate", commandIds: taken });
    const chained: ChainedEvent[] = [];
    let seq = batch.fromSeq;
    let prevHash = batch.fromHash;
    for (const entry of batch.entries) {
      for (const event of entry.events) {
        seq += 1;
        const actor = event.type === "ballot:deposited" ? "secret" : entry.userId;
        const base = { sittingId: batch.sittingId, seq, type: event.type, payload: canonicalJson(event), actor, at: entry.now, prevHash };
        const hash = computeEventHash(base);
        chained.push({ ...base, hash });
        prevHash = hash;
        if (event.type === "vote:opened" && event.mode === "secret")
          s.urns.set(event.voteId, { tally: { ...EMPTY_TALLY }, candidates: event.nomination?.candidates.map(() => 0) ?? [] });
      }
      if (entry.urn) s.urns.set(entry.urn.voteId, { tally: { ...entry.urn.tally }, candidates: [...(entry.urn.candidates ?? [])] });
      s.receipts.set(entry.commandId, { userId: entry.userId, fingerprint: entry.fingerprint, reply: structuredClone(entry.reply) });
    }
    s.events.push(...chained);
    if (chained.length) for (const l of s.listeners) if (l.store !== this) l.fn(seq);
    return Promise.resolve({ ok: true, chained });
  }

  watch(sittingId: string, onCommitted: (lastSeq: number) => void): () => void {
    const entry = { store: this, fn: onCommitted };
    this.sitting(sittingId).listeners.add(entry);
    return () => this.backing.sittings.get(sittingId)?.listeners.delete(entry);
  }

  eventsAfter(sittingId: string, afterSeq: number): Promise<ChainedEvent[]> {
    return Promise.resolve(
      this.sitting(sittingId)
        .events.filter((e) => e.seq > afterSeq)
        .map((e) => ({ ...e })),
    );
  }

  claim(sittingId: string): Promise<boolean> {
    if (!this.shared) return Promise.resolve(true);
    this.sitting(sittingId);
    const owner = this.backing.owners.get(sittingId);
    if (owner && owner !== this) return Promise.resolve(false);
    this.backing.owners.set(sittingId, this);
    return Promise.resolve(true);
  }

  release(sittingId: string): Promise<void> {
    if (this.backing.owners.get(sittingId) === this) this.backing.owners.delete(sittingId);
    return Promise.resolve();
  }

  onLost(fn: (sittingId: string) => void): () => void {
    this.lostListeners.add(fn);
    return () => this.lostListeners.delete(fn);
  }

  /** As a node whose database connection drops: every sitting it held is lost (tests). */
  loseClaims(): void {
    for (const [sid, owner] of [...this.backing.owners]) {
      if (owner !== this) continue;
      this.backing.owners.delete(sid);
      for (const fn of this.lostListeners) fn(sid);
    }
  }

  /** The events as stored (the contract suite checks the chain). */
  chain(sittingId: string): ChainedEvent[] {
    return this.sitting(sittingId).events.map((e) => ({ ...e }));
  }

  afterSecretVoteClosed(): void {
    // Nothing to fold away: memory keeps no history of the urn.
  }

  close(): Promise<void> {
    for (const [sid, owner] of [...this.backing.owners]) if (owner === this) this.backing.owners.delete(sid);
    return Promise.resolve();
  }
}
