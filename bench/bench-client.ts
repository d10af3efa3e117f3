// A Socket.IO client as a screen or a device uses it: websocket transport, the browser client's
// reconnection delays (lib/client/sitting-client.ts), and a re-subscription with the last seq after
// every (re)connection. It keeps only the latest view, so long runs do not hoard messages.
import { io, type Socket } from "socket.io-client";
import type { CommandBody, Reply } from "../core/sitting/protocol";
import type { PublicView } from "../core/sitting/projection";
import { applyPublicPatch, patchApplies, type PublicPatch } from "../core/sitting/public-patch";
import { lazyParser, parseLazy, type LazyState } from "./lazy-parser";
import { now } from "./stats";

interface SubscribeData {
  seq: number;
  view: { seq: number } | null;
}

let counter = 0;
export function newCommandId(): string {
  counter += 1;
  return `bench-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export class BenchClient {
  readonly socket: Socket;
  /** Highest seq held (from a broadcast or a subscribe reply); -1 before the first. */
  seq = -1;
  latest: LazyState | null = null;
  /** The view once parsed (patches apply to it); `latest` holds a snapshot not parsed yet. */
  private parsed: PublicView | null = null;
  /** When the last subscribe reply arrived, and the seq it reported. */
  syncedAt = 0;
  syncedSeq = -1;
  /** Flattened [seq, time] for each newer view received while recording. */
  arrivals: number[] = [];
  recording = false;

  constructor(url: string, sittingId: string, cookie?: string) {
    this.socket = io(url, {
      transports: ["websocket"],
      // As the browser's client: a balancer in front of several nodes hashes devices by sitting.
      query: { sitting: sittingId },
      extraHeaders: cookie ? { cookie, origin: url } : {},
      reconnectionDelay: 300,
      reconnectionDelayMax: 2000,
      forceNew: true,
      parser: lazyParser,
    });
    this.socket.on("sitting:state", (s: LazyState) => {
      if (s.seq <= this.seq) return;
      this.seq = s.seq;
      this.latest = s;
      this.parsed = null;
      if (this.recording) this.arrivals.push(s.seq, now());
    });
    // Patches are small: parsed and applied as a screen does (lib/client/sitting-client.ts).
    this.socket.on("sitting:patch", (p: PublicPatch) => {
      if (p.seq <= this.seq) return;
      const view = this.view();
      if (!view || !patchApplies(view, p)) {
        this.subscribe(sittingId).catch(() => undefined);
        return;
      }
      this.parsed = applyPublicPatch(view, p);
      this.latest = null;
      this.seq = p.seq;
      if (this.recording) this.arrivals.push(p.seq, now());
    });
    this.socket.on("connect", () => {
      this.subscribe(sittingId).catch(() => undefined);
    });
  }

  private async subscribe(sittingId: string): Promise<void> {
    const r = (await this.socket
      .timeout(30_000)
      .emitWithAck("sitting:subscribe", { sittingId, ...(this.seq >= 0 ? { lastSeq: this.seq } : {}) })) as Reply<SubscribeData>;
    if (!r.ok) return;
    if (r.data.view && r.data.view.seq > this.seq) {
      this.seq = r.data.view.seq;
      this.latest = null;
      this.parsed = r.data.view as PublicView;
      if (this.recording) this.arrivals.push(this.seq, now());
    }
    this.syncedSeq = r.data.seq;
    this.syncedAt = now();
  }

  send(command: CommandBody, sittingId: string, id = newCommandId(), timeoutMs = 30_000): Promise<Reply<Record<string, unknown>>> {
    return this.socket.timeout(timeoutMs).emitWithAck("command", { sittingId, commandId: id, command }) as Promise<Reply<Record<string, unknown>>>;
  }

  async sendOk(command: CommandBody, sittingId: string): Promise<Record<string, unknown>> {
    const r = await this.send(command, sittingId);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.detail ?? ""}`);
    return r.data;
  }

  /** What the screen holds, parsed (a snapshot is parsed on first use). */
  view(): PublicView | null {
    if (!this.parsed && this.latest) {
      this.parsed = parseLazy(this.latest) as PublicView;
      this.latest = null;
    }
    return this.parsed;
  }

  close(): void {
    this.socket.close();
  }
}
