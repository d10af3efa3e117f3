// A real Socket.IO client as a device in a cluster: it connects through the balancer (or to one
// node), names its sitting in the URL (`?sitting=`, what the balancer hashes signed-in devices on),
// subscribes again after every reconnection, and sends a command with the same id until it gets a
// final answer — as lib/client/sitting-client.ts does after a dropped connection or a "moved".
import { io, type Socket } from "socket.io-client";
import type { CommandBody, Reply } from "../../core/sitting/protocol";
import type { PublicView } from "../../core/sitting/projection";
import { applyPublicPatch, patchApplies, type PublicPatch } from "../../core/sitting/public-patch";

/** Answers after which the same command is sent again: the sitting is changing hands. */
const RETRY = new Set(["moved", "unavailable", "internal"]);

export class ClusterClient {
  readonly socket: Socket;
  view: PublicView | null = null;
  /** Every public view's seq, in order of arrival (a screen never goes back). */
  seqs: number[] = [];
  /** How each view came: "r" subscribe reply, "b" whole view or "p" patch broadcast, with the connection's number. */
  trail: string[] = [];
  disconnects = 0;
  private closed = false;
  retries = 0;

  constructor(
    readonly url: string,
    readonly sittingId: string,
    cookie?: string,
  ) {
    this.socket = io(url, {
      transports: ["websocket"],
      query: { sitting: sittingId },
      extraHeaders: cookie ? { cookie, origin: url } : {},
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    this.socket.on("connect", () => void this.subscribe());
    this.socket.on("disconnect", (reason) => {
      this.disconnects += 1;
      this.trail.push(`d${this.disconnects}:${reason}`);
    });
    // A refusal by the server (the address's connections, counted over the nodes, or a node starting)
    // is not retried by Socket.IO itself: like the browser (lib/client/sitting-client.ts), try again later.
    this.socket.on("connect_error", (err) => {
      this.trail.push(`e${this.disconnects}:${err.message}${this.socket.active ? "" : "!"}`);
      if (!this.socket.active && !this.closed) setTimeout(() => !this.closed && !this.socket.connected && this.socket.connect(), 1000);
    });
    this.socket.on("sitting:state", (v: PublicView) => this.take(v, "b"));
    // The public gets patches (protocol 2): applied to the view held, as the browser does; one that
    // does not apply and is not old asks for a snapshot.
    this.socket.on("sitting:patch", (p: PublicPatch) => {
      if (p.sittingId !== this.sittingId) return;
      const v = this.view;
      if (v && p.seq <= v.seq) return;
      if (v && patchApplies(v, p)) this.take(applyPublicPatch(v, p), "p");
      else void this.subscribe();
    });
  }

  private take(v: PublicView, how: string): void {
    if (v.sittingId !== this.sittingId) return;
    this.seqs.push(v.seq);
    this.trail.push(`${how}${this.disconnects}:${v.seq}`);
    if (!this.view || v.seq >= this.view.seq) this.view = v;
  }

  private async subscribe(): Promise<void> {
    try {
      const r = (await this.socket
        .timeout(10_000)
        .emitWithAck("sitting:subscribe", { sittingId: this.sittingId, ...(this.view ? { lastSeq: this.view.seq } : {}) })) as Reply<{
        view: PublicView | null;
        seq: number;
      }>;
      if (r.ok && r.data.view) this.take(r.data.view, "r");
      else this.trail.push(r.ok ? `s${this.disconnects}:${r.data.seq}=` : `x${this.disconnects}:${r.error.code}`);
      // The node could not load the sitting just now (a failover): ask again, as the browser does.
      if (!r.ok && RETRY.has(r.error.code)) setTimeout(() => !this.closed && this.socket.connected && void this.subscribe(), 1000);
    } catch {
      // the next connection subscribes again
      this.trail.push(`t${this.disconnects}`);
    }
  }

  /** Waits (bounded) for the socket to be connected. */
  private connected(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.socket.off("connect", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.socket.once("connect", done);
    });
  }

  /** Sends until a final answer (bounded): the same id every time, so it is applied once. */
  async send(command: CommandBody, commandId: string, attempts = 120): Promise<Reply<Record<string, unknown>>> {
    for (let i = 0; i < attempts; i++) {
      if (!this.socket.connected) await this.connected(5000);
      try {
        const r = (await this.socket.timeout(4000).emitWithAck("command", { sittingId: this.sittingId, commandId, command })) as Reply<Record<string, unknown>>;
        if (r.ok || !RETRY.has(r.error.code)) return r;
      } catch {
        // no answer in time: the node may be gone
      }
      this.retries += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${command.type} ${commandId}: no final answer after ${attempts} attempts (${this.trail.slice(-12).join(" ")})`);
  }

  async sendOk(command: CommandBody, commandId: string): Promise<Record<string, unknown>> {
    const r = await this.send(command, commandId);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.detail ?? ""}`);
    return r.data;
  }

  /** Waits (bounded) until the held view satisfies the condition. */
  async until(cond: (v: PublicView) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.view && cond(this.view))) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} on ${this.url} (view seq ${this.view?.seq ?? "none"}; last views: ${this.trail.slice(-12).join(" ")})`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }
}

export async function demoCookie(url: string, userId: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`${url}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
      const m = /seance_auth=[^;]*/.exec(res.headers.get("set-cookie") ?? "");
      if (m) return m[0];
      throw new Error(`no cookie (${res.status})`);
    } catch (err) {
      if (i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
