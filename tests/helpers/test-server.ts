// Starts the real Séance server (API, Socket.IO, Yjs; no pages) on a free loopback port with its
// own fresh SQLite database, and signs users in through the real HTTP API.
import { applyPublicPatch, patchApplies, type PublicPatch } from "../../core/sitting/public-patch";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { inject } from "vitest";
import { DEMO_SITTING_BODY, memberId } from "./demo-sitting";
import { openDatabase, type Db } from "../../server/db/client";
import { createSeanceServer, type SeanceServer } from "../../server/app";
import { DEMO_PASSWORDS, seedDemo } from "../../server/seed/demo";
import type { CommandBody, Reply } from "../../core/sitting/protocol";
import type { Tally } from "../../core/vocabulary";
import { unsealUrn } from "../../server/store/urn-seal";
import type { ChairView, MemberView, PublicView } from "../../core/sitting/projection";

/** A copy of the migrated template (made once per vitest run; pass one in when outside vitest). */
export function freshDatabaseFile(template: string = inject("templateDb")): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seance-test-"));
  const file = path.join(dir, "seance.db");
  fs.copyFileSync(template, file);
  return file;
}

export interface TestServer {
  url: string;
  db: Db;
  server: SeanceServer;
  dbFile: string;
  stop(): Promise<void>;
}

const quiet = { info: () => undefined, error: (m: string) => (process.env.SEANCE_TEST_VERBOSE ? console.error(m) : undefined) };

export async function startTestServer(
  opts: { dbFile?: string; seed?: boolean; env?: Record<string, string>; clock?: { now(): Date } } = {},
): Promise<TestServer> {
  const dbFile = opts.dbFile ?? freshDatabaseFile();
  const db = await openDatabase(`file:${dbFile}`);
  if (opts.seed !== false) await seedDemo(db);
  const server = await createSeanceServer({
    db,
    databaseUrl: `file:${dbFile}`,
    dev: false,
    demo: true,
    dir: process.cwd(),
    withoutPages: true,
    logger: quiet,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
  });
  const port = await server.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    server,
    dbFile,
    async stop() {
      await server.close();
      await db.$disconnect();
    },
  };
}

export function cookieOf(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  const m = /seance_auth=[^;]*/.exec(set);
  if (!m) throw new Error(`no sign-in cookie (status ${res.status})`);
  return m[0];
}

export async function signInWithPassword(url: string, login: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/signin`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1" },
    body: JSON.stringify({ login, password }),
  });
  return cookieOf(res);
}

export async function demoSignIn(url: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
  return cookieOf(res);
}

/** A councillor's device: the clerk issues a one-time code, the device pairs with it. */
export async function pairDevice(url: string, clerkCookie: string, memberId: string): Promise<string> {
  const issued = await fetch(`${url}/api/clerk/pairings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerkCookie },
    body: JSON.stringify({ memberId }),
  });
  const { data } = (await issued.json()) as { data: { code: string } };
  const res = await fetch(`${url}/api/auth/pair`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1" },
    body: JSON.stringify({ code: data.code }),
  });
  return cookieOf(res);
}

export async function createSittingAs(url: string, clerkCookie: string, body: Record<string, unknown> = {}): Promise<{ sittingId: string; itemIds: string[] }> {
  const res = await fetch(`${url}/api/clerk/sittings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerkCookie },
    body: JSON.stringify({ ...DEMO_SITTING_BODY, ...body }),
  });
  const j = (await res.json()) as { ok: boolean; data: { sittingId: string; itemIds: string[] }; error?: unknown };
  if (!j.ok) throw new Error(`create sitting failed: ${JSON.stringify(j.error)}`);
  return j.data;
}

/** A sitting the clerk created, followed by the mayor's console and by one device per member given. */
export async function sittingWithDevices(
  url: string,
  memberIds: readonly string[],
): Promise<{ sittingId: string; itemIds: string[]; clerkCookie: string; president: Client; devices: Client[] }> {
  const clerkCookie = await signInWithPassword(url, "greffe", DEMO_PASSWORDS.clerk);
  const { sittingId, itemIds } = await createSittingAs(url, clerkCookie);
  const president = new Client(url, sittingId, await signInWithPassword(url, "maire", DEMO_PASSWORDS.president));
  const devices = [president];
  for (const m of memberIds) devices.push(new Client(url, sittingId, await demoSignIn(url, `u-${m}`)));
  for (const c of devices) {
    const r = await c.subscribe();
    if (!r.ok) throw new Error(`subscribe refused: ${r.error.code}`);
  }
  return { sittingId, itemIds, clerkCookie, president, devices: devices.slice(1) };
}

let commandCounter = 0;
export function commandId(): string {
  commandCounter += 1;
  return `cmd-${process.pid}-${Date.now()}-${commandCounter}`;
}

/** A real Socket.IO client following one sitting, holding the latest view of each kind. */
export class Client {
  socket: Socket;
  view: PublicView | null = null;
  me: MemberView | null = null;
  chair: ChairView | null = null;
  received: { event: string; data: unknown }[] = [];
  /** Patches that did not apply to the view held (a gap): the client asked for a snapshot. */
  resyncs = 0;
  private waiters: (() => void)[] = [];

  /** As the screens do (lib/client/sitting-client.ts): apply the patch, or ask for a snapshot. */
  private onPatch(p: PublicPatch): void {
    const v = this.view;
    if (v && p.seq <= v.seq) return;
    if (v && patchApplies(v, p)) this.view = applyPublicPatch(v, p);
    else {
      this.resyncs += 1;
      // As the screens do; a connection that drops meanwhile is followed again by the test's own
      // subscribe after it reconnects (a rejected ask here is not a failure of the test).
      this.subscribe(v?.seq).catch(() => undefined);
    }
  }

  constructor(
    public readonly url: string,
    public readonly sittingId: string,
    cookie?: string,
  ) {
    this.socket = io(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie, origin: url } : {}, reconnectionDelay: 50, reconnectionDelayMax: 200 });
    this.socket.onAny((event: string, data: unknown) => {
      this.received.push({ event, data });
      if (event === "sitting:state") this.view = data as PublicView;
      if (event === "sitting:patch") this.onPatch(data as PublicPatch);
      if (event === "sitting:me") this.me = data as MemberView;
      if (event === "sitting:chair") this.chair = data as ChairView;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  async subscribe(lastSeq?: number): Promise<Reply<{ seq: number; view: PublicView | null; me: MemberView | null; chair: ChairView | null }>> {
    const r = (await this.socket
      .timeout(5000)
      .emitWithAck("sitting:subscribe", { sittingId: this.sittingId, ...(lastSeq !== undefined ? { lastSeq } : {}) })) as Reply<{
      seq: number;
      view: PublicView | null;
      me: MemberView | null;
      chair: ChairView | null;
    }>;
    if (r.ok) {
      if (r.data.view) this.view = r.data.view;
      this.me = r.data.me;
      this.chair = r.data.chair;
    }
    return r;
  }

  /** The sequence number of the last change this client's own commands made (from the replies). */
  ackedSeq = 0;

  async send(command: CommandBody, id = commandId()): Promise<Reply<Record<string, unknown>>> {
    const r = (await this.socket.timeout(10_000).emitWithAck("command", { sittingId: this.sittingId, commandId: id, command })) as Reply<
      Record<string, unknown>
    >;
    if (r.ok && typeof r.data.seq === "number") this.ackedSeq = Math.max(this.ackedSeq, r.data.seq);
    return r;
  }

  async sendOk(command: CommandBody): Promise<Record<string, unknown>> {
    const r = await this.send(command);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.detail ?? ""}`);
    return r.data;
  }

  /** The roll call of a test: members of seats 1…upTo present, but for the seats listed. */
  async markPresent(upTo: number, except: number[] = []): Promise<void> {
    for (let seat = 1; seat <= upTo; seat++)
      if (!except.includes(seat)) await this.sendOk({ type: "rollcall:mark", memberId: memberId(seat), status: "present" });
  }

  /** Wait until the latest view satisfies the condition (no sleeps: woken by each message). */
  async until(cond: (c: Client) => boolean, what = "condition", timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; last view seq ${this.view?.seq}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async connected(): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (e) => reject(e));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** A secret ballot's urn, opened with the server's key (the database alone holds only sealed bytes). */
export async function urnTotals(db: Db, urnKey: Buffer, voteId: string): Promise<Tally & { voteId: string }> {
  const row = await db.secretUrn.findUniqueOrThrow({ where: { voteId } });
  return { voteId, ...unsealUrn(urnKey, voteId, row.sealed) };
}
