// Councillors' devices driven from the test runner over the real Socket.IO protocol (each signed in
// through the demo link, as a paired device would be): the members whose ballots a long end-to-end
// sitting needs beyond the few phones opened in Chromium.
import { io, type Socket } from "socket.io-client";
import type { CommandBody } from "../core/sitting/protocol";

export interface Devices {
  send(memberId: string, command: CommandBody): Promise<Record<string, unknown>>;
  /** The open vote's id as the council sees it (in camera too, where the public sees none). */
  openVoteId(): Promise<string>;
  close(): void;
}

async function cookieOf(baseURL: string, userId: string): Promise<string> {
  const r = await fetch(`${baseURL}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
  const cookie = /seance_auth=[^;]*/.exec(r.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`${userId} could not sign in (${r.status})`);
  return cookie;
}

export async function devicesOf(baseURL: string, sittingId: string, memberIds: readonly string[]): Promise<Devices> {
  const sockets = new Map<string, Socket>();
  for (const m of memberIds) {
    const socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie: await cookieOf(baseURL, `u-${m}`), origin: baseURL } });
    const sub = (await socket.timeout(10_000).emitWithAck("sitting:subscribe", { sittingId })) as { ok: boolean };
    if (!sub.ok) throw new Error(`${m} could not follow the sitting`);
    sockets.set(m, socket);
  }
  let n = 0;
  return {
    async send(memberId, command) {
      const socket = sockets.get(memberId);
      if (!socket) throw new Error(`no device for ${memberId}`);
      n += 1;
      const r = (await socket.timeout(10_000).emitWithAck("command", { sittingId, commandId: `dev-${Date.now()}-${n}`, command })) as {
        ok: boolean;
        data?: Record<string, unknown>;
        error?: { code: string };
      };
      if (!r.ok) throw new Error(`${memberId} ${command.type} refused: ${r.error?.code}`);
      return r.data ?? {};
    },
    async openVoteId() {
      const socket = sockets.values().next().value;
      if (!socket) throw new Error("no device");
      const r = (await socket.timeout(10_000).emitWithAck("sitting:subscribe", { sittingId })) as {
        ok: boolean;
        data?: { view: { vote: { id: string; status: string } | null } | null };
      };
      const vote = r.data?.view?.vote;
      if (!vote || vote.status !== "open") throw new Error("no open vote");
      return vote.id;
    },
    close: () => {
      for (const s of sockets.values()) s.close();
    },
  };
}
