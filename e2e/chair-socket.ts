// The mayor's (or a councillor's) commands sent over the real Socket.IO protocol from the test runner, for end-to-end
// tests that need a sitting already held (the screens under test are the clerk's, not the mayor's).
import { io, type Socket } from "socket.io-client";
import type { CommandBody } from "../core/sitting/protocol";

export interface Chair {
  send(command: CommandBody): Promise<Record<string, unknown>>;
  close(): void;
}

export async function chairOf(baseURL: string, sittingId: string): Promise<Chair> {
  const signin = await fetch(`${baseURL}/api/auth/signin`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1" },
    body: JSON.stringify({ login: "maire", password: "maire-demo" }),
  });
  const cookie = /seance_auth=[^;]*/.exec(signin.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`the mayor could not sign in (${signin.status})`);
  return following(baseURL, sittingId, cookie);
}

/** A demo councillor's device (the demo's sign-in link), sending its own commands. */
export async function councillorOf(baseURL: string, sittingId: string, userId: string): Promise<Chair> {
  const signin = await fetch(`${baseURL}/demo/signin?as=${encodeURIComponent(userId)}`, { redirect: "manual" });
  const cookie = /seance_auth=[^;]*/.exec(signin.headers.get("set-cookie") ?? "")?.[0];
  if (!cookie) throw new Error(`${userId} could not sign in (${signin.status})`);
  return following(baseURL, sittingId, cookie);
}

async function following(baseURL: string, sittingId: string, cookie: string): Promise<Chair> {
  const socket: Socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie, origin: baseURL } });
  const sub = (await socket.timeout(10_000).emitWithAck("sitting:subscribe", { sittingId })) as { ok: boolean };
  if (!sub.ok) throw new Error("could not follow the sitting");
  let n = 0;
  return {
    async send(command) {
      n += 1;
      const r = (await socket.timeout(10_000).emitWithAck("command", { sittingId, commandId: `e2e-${Date.now()}-${n}`, command })) as {
        ok: boolean;
        data?: Record<string, unknown>;
        error?: { code: string };
      };
      if (!r.ok) throw new Error(`${command.type} refused: ${r.error?.code}`);
      return r.data ?? {};
    },
    close: () => void socket.close(),
  };
}

/** Ends a test's sitting (after `first`, such as ending a speech): no sitting is left in progress for the tests after it. */
export async function closeSitting(baseURL: string, sittingId: string, first: CommandBody[] = []): Promise<void> {
  const chair = await chairOf(baseURL, sittingId);
  try {
    for (const command of first) await chair.send(command);
    await chair.send({ type: "sitting:close" });
  } finally {
    chair.close();
  }
}

/** Seats 1 … `count` marked present by the chair (the demo council's members m01 …). */
export async function markPresent(chair: Chair, count: number): Promise<void> {
  for (let seat = 1; seat <= count; seat++) await chair.send({ type: "rollcall:mark", memberId: `m${String(seat).padStart(2, "0")}`, status: "present" });
}

/** Seats 1 … `present` present, the sitting opened and the item called, by the chair. */
export async function openOnItem(chair: Chair, itemId: string, present = 30): Promise<void> {
  await markPresent(chair, present);
  await chair.send({ type: "sitting:open" });
  await chair.send({ type: "item:call", itemId });
}
