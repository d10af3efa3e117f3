"use client";
// The server's clock on this device (#15): countdowns follow the server, never the device. The offset
// is measured from `clock:sync` round trips (the sample with the shortest trip wins), and
// useServerNow() gives the server's time now, re-rendering a few times a second while it is used.
import { useEffect, useState, useSyncExternalStore } from "react";
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/core/sitting/protocol";

type SittingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Server time minus device time (ms), from a few round trips; null when the server did not answer. */
export async function measureClockOffset(socket: SittingSocket, samples = 3): Promise<number | null> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    const reply: unknown = await socket
      .timeout(3000)
      .emitWithAck("clock:sync")
      .catch(() => null);
    const received = Date.now();
    const serverTime = typeof reply === "object" && reply !== null && "serverTime" in reply ? reply.serverTime : null;
    if (typeof serverTime !== "number") continue;
    const rtt = received - sent;
    const offset = serverTime - (sent + received) / 2;
    if (!best || rtt < best.rtt) best = { rtt, offset };
  }
  return best ? Math.round(best.offset) : null;
}

const noSubscription = () => () => undefined;

/**
 * False while a page rendered on the server is rendered and taken over in the browser (the public
 * wall), true from then on and in any screen rendered in the browser: a clock read during the first
 * would differ between the server's HTML and the browser's, which React refuses to take over.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** The server's time now (epoch ms), refreshed every `everyMs` while `running`; null until the page is hydrated. */
export function useServerNow(clockOffset: number, running: boolean, everyMs = 200): number | null {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  const hydrated = useHydrated();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() + clockOffset), everyMs);
    return () => clearInterval(timer);
  }, [clockOffset, running, everyMs]);
  return hydrated ? now : null;
}
