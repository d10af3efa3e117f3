"use client";
// The one module that owns the browser's socket. Screens call useSitting(sittingId) and never touch
// Socket.IO themselves. It re-subscribes after every reconnection (sending the last seq it saw),
// retries a command with the same client-made id until the server answers (so a retry is applied
// once), checks the server's protocol version, and keeps the offset of the server's clock.
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { incompatibility, type Incompatibility } from "@/core/sitting/protocol-version";
import type { ClientToServerEvents, CommandBody, CommandReplies, Hello, ServerToClientEvents, SubscribeReply } from "@/core/sitting/protocol";
import type { ChairView, MemberView, PublicView } from "@/core/sitting/projection";
import { applyPublicPatch, patchApplies, type PublicPatch } from "@/core/sitting/public-patch";
import { errorText, wireError, type RefusalCode, type Reply } from "@/core/refusal";
import { useLocale } from "next-intl";
import { measureClockOffset } from "./server-clock";

type SittingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SendReply<C extends CommandBody> = Reply<CommandReplies[C["type"]]>;

export interface SittingConnection {
  view: PublicView | null;
  me: MemberView | null;
  chair: ChairView | null;
  connected: boolean;
  /** The first connection is being made (no answer yet, neither accepted nor refused): not yet "lost". */
  connecting: boolean;
  error: string | null;
  /** The server speaks another protocol version: the page must be reloaded (or the server updated). */
  incompatible: Incompatibility | null;
  /** Server time minus device time, in ms (from the last hello). */
  clockOffset: number;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}

/**
 * Subscribe answers after which the screen asks again by itself. A subscribe answers `bad-request`,
 * `unknown-sitting` (neither gets better by asking again) or `internal`: the node could not load the
 * sitting just now (a failover, its database away).
 */
const RETRY_SUBSCRIBE: ReadonlySet<RefusalCode> = new Set<RefusalCode>(["internal"]);

let shared: SittingSocket | null = null;
function socket(sittingId: string): SittingSocket {
  if (!shared) {
    // `sitting` in the URL: with several nodes, the balancer sends a sitting's members to one node.
    const s: SittingSocket = io({
      path: "/socket.io",
      query: { sitting: sittingId },
      transports: ["websocket", "polling"],
      reconnectionDelay: 300,
      reconnectionDelayMax: 2000,
    });
    // Follow the browser's own network state: a dropped Wi-Fi shows at once, and we reconnect on return.
    let online = true;
    window.addEventListener("offline", () => {
      online = false;
      s.disconnect();
    });
    window.addEventListener("online", () => {
      online = true;
      s.connect();
    });
    // A node that refused the connection (starting, its database away a moment, the address's
    // connections counted over every node): Socket.IO does not try again by itself after a refusal
    // by the server, so the screen does, a little later each time, instead of staying frozen.
    let refusals = 0;
    s.on("connect", () => (refusals = 0));
    s.on("connect_error", () => {
      if (s.active) return;
      refusals += 1;
      setTimeout(
        () => {
          if (online && !s.connected && !s.active) s.connect();
        },
        Math.min(10_000, 1000 * refusals),
      );
    });
    shared = s;
  }
  return shared;
}

function newCommandId(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Follows a sitting over the shared socket. `initial` is the view the page was rendered with on the
 * server (the public wall): the screen shows it at once and asks only for what changed since.
 */
export function useSitting(sittingId: string, initial: PublicView | null = null): SittingConnection {
  const [view, setView] = useState<PublicView | null>(initial);
  const [me, setMe] = useState<MemberView | null>(null);
  const [chair, setChair] = useState<ChairView | null>(null);
  const [connected, setConnected] = useState(false);
  const [connecting, setConnecting] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [incompatible, setIncompatible] = useState<Incompatibility | null>(null);
  const [clockOffset, setClockOffset] = useState(0);
  const lastSeq = useRef<number | undefined>(initial?.seq);
  // The view the patches apply to (the state's copy can lag a render behind).
  const held = useRef<PublicView | null>(initial);
  // Errors in the screen's language only, never "French / English".
  const locale = useLocale();

  useEffect(() => {
    const s = socket(sittingId);
    let retry: ReturnType<typeof setTimeout> | undefined;
    const subscribe = () => {
      clearTimeout(retry);
      s.emit("sitting:subscribe", { sittingId, ...(lastSeq.current !== undefined ? { lastSeq: lastSeq.current } : {}) }, (reply: Reply<SubscribeReply>) => {
        if (!reply.ok) {
          setError(errorText(reply.error, locale));
          // The node could not load the sitting just now (a failover, its database away): ask again.
          if (RETRY_SUBSCRIBE.has(reply.error.code)) {
            retry = setTimeout(() => {
              if (s.connected) subscribe();
            }, 2000);
          }
          return;
        }
        setError(null);
        if (reply.data.view) hold(reply.data.view);
        setMe(reply.data.me);
        setChair(reply.data.chair);
      });
    };
    const onHello = (hello: Hello) => {
      setIncompatible(incompatibility(hello.protocol));
      setClockOffset(hello.serverTime - Date.now());
    };
    const onConnect = () => {
      setConnected(true);
      setConnecting(false);
      subscribe();
      // Round trips refine hello's clock (countdowns, #15).
      void measureClockOffset(s).then((offset) => {
        if (offset !== null) setClockOffset(offset);
      });
    };
    const onDisconnect = () => {
      setConnected(false);
      setConnecting(false);
    };
    // Refused (or the server out of reach): the screen says it is not live.
    const onConnectError = () => setConnecting(false);
    const hold = (v: PublicView) => {
      held.current = v;
      lastSeq.current = v.seq;
      setView(v);
    };
    const onState = (v: PublicView) => {
      if (v.sittingId !== sittingId) return;
      if (lastSeq.current !== undefined && v.seq < lastSeq.current) return;
      hold(v);
    };
    // A patch applies to the view held; one that does not (a gap, or a view newer than it) is
    // ignored when it is old, and otherwise asks for a snapshot.
    const onPatch = (p: PublicPatch) => {
      if (p.sittingId !== sittingId) return;
      const v = held.current;
      if (v && p.seq <= v.seq) return;
      if (v && patchApplies(v, p)) hold(applyPublicPatch(v, p));
      else subscribe();
    };
    s.on("hello", onHello);
    s.on("connect", onConnect);
    s.on("disconnect", onDisconnect);
    s.on("connect_error", onConnectError);
    s.on("sitting:state", onState);
    s.on("sitting:patch", onPatch);
    s.on("sitting:me", setMe);
    s.on("sitting:chair", setChair);
    if (s.connected) onConnect();
    return () => {
      clearTimeout(retry);
      s.off("hello", onHello);
      s.off("connect", onConnect);
      s.off("disconnect", onDisconnect);
      s.off("connect_error", onConnectError);
      s.off("sitting:state", onState);
      s.off("sitting:patch", onPatch);
      s.off("sitting:me", setMe);
      s.off("sitting:chair", setChair);
    };
  }, [sittingId, locale]);

  const send = useCallback(
    async <C extends CommandBody>(command: C): Promise<SendReply<C>> => {
      const s = socket(sittingId);
      const envelope = { sittingId, commandId: newCommandId(), command };
      // Same id on every attempt: the server applies it once and replays its reply to a retry.
      for (let attempt = 0; attempt < 20; attempt++) {
        if (!s.connected) await new Promise<void>((resolve) => s.once("connect", () => resolve()));
        try {
          const reply = (await s.timeout(4000).emitWithAck("command", envelope)) as SendReply<C>;
          // Several nodes: the sitting changed hands meanwhile; the same command goes again.
          if (reply.ok || reply.error.code !== "moved") return reply;
          await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
        } catch {
          // no answer in time (dropped connection): try again with the same id
        }
      }
      return { ok: false, error: wireError("unavailable", "no answer from the server", { fr: "Pas de réponse du serveur", en: "No answer from the server" }) };
    },
    [sittingId],
  );

  return { view, me, chair, connected, connecting, error, incompatible, clockOffset, send };
}
