// Socket.IO edge: who is asking (the sign-in cookie), parse every payload, one call into the room,
// map the reply. The broadcasts of each change are broadcaster.ts's.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import {
  CommandEnvelopeSchema,
  describeZodError,
  reject,
  SubscribeSchema,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Reply,
  type ServerToClientEvents,
} from "../../core/sitting/protocol";
import { projectChair, projectMember } from "../../core/sitting/projection";
import type { Identity, Sessions } from "../auth/sessions";
import { TokenBucket } from "../auth/rate-limit";
import type { ConnectionCaps } from "../http/connection-caps";
import type { EdgePolicy } from "../http/edge-policy";
import { errorMessage, systemClock, type Clock, type Logger } from "../ports";
import { UnknownSittingError } from "../store/errors";
import type { RoomRegistry } from "./sitting-room";
import type { PublicFeed } from "./public-feed";
import { chairRoom, councilRoom, createBroadcaster, isChair, memberRoom, pubRoom, PUBLIC_SHARDS } from "./broadcaster";
import { crashPoint, UNSAFE_ACK_BEFORE_COMMIT } from "../fault";

type Ack = (reply: Reply<unknown>) => void;

let nextShard = 0;
interface SocketData {
  actor: Identity | null;
  shard?: number;
  commands?: TokenBucket;
}
/** A socket may send this many commands at once (the chair's "all present" on 53 members), then this many a second. */
const COMMAND_BURST = 120;
const COMMANDS_PER_SECOND = 30;
const sessionRoom = (sid: string) => `session:${sid}`;

export interface SocketDeps {
  sessions: Sessions;
  rooms: RoomRegistry;
  logger: Logger;
  policy: EdgePolicy;
  caps: ConnectionCaps;
  feed: PublicFeed;
  /** The server's clock, the same the rooms decide with (hello and clock:sync tell it to screens). */
  clock?: Clock;
}

/**
 * Who may connect: one more connection for the address (counted over every node), and who is
 * asking (the sign-in cookie). The place is given back however the connection ends: a socket whose
 * client left while its sign-in was being checked never emits "disconnect" (Socket.IO drops it
 * quietly), its transport still closes; `release` counts once.
 */
function admission(
  deps: SocketDeps,
): (socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>, next: (err?: Error) => void) => void {
  let lastRefusalLog = 0;
  return (socket, next) => {
    const address = deps.policy.clientAddress(socket.request);
    const release = deps.caps.acquire(address);
    if (!release) {
      const now = Date.now();
      if (now - lastRefusalLog > 10_000) {
        lastRefusalLog = now;
        deps.logger.info(`socket refused: ${address} holds ${deps.caps.count(address)} connections here (cap ${deps.caps.perAddress} over every node)`);
      }
      return next(new Error("too many connections from this address"));
    }
    socket.once("disconnect", release);
    socket.conn.once("close", release);
    deps.sessions
      .identify(socket.handshake.headers.cookie)
      .then((actor) => {
        socket.data.actor = actor;
        next();
      })
      .catch(() => {
        release();
        next(new Error("sign-in check failed"));
      });
  };
}

export function createSocketServer(http: HttpServer, deps: SocketDeps): Server {
  // The server's clock: the one sessions are issued with and rooms decide with (hello tells it to screens).
  const now = () => (deps.clock ?? systemClock).now().getTime();
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    path: "/socket.io",
    serveClient: false,
    // Other websocket paths (Yjs, Next's dev reload) are routed by the server: do not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
    // A broadcast is encoded once and the same websocket frame written to every screen; compression
    // would deflate it again for each socket (the engine.io default, stated here on purpose).
    perMessageDeflate: false,
    // A socket riding a sign-in cookie must come from our own origin (no cross-site hijacking).
    allowRequest: (req, callback) => {
      const ok = deps.policy.socketOriginAllowed(req);
      callback(ok ? null : "forbidden origin", ok);
    },
  });

  io.use(admission(deps));

  // A revoked session (sign-out, a device the clerk removed, a disabled account) loses its sockets at once.
  deps.sessions.onRevoked((ids) => {
    for (const id of ids) io.in(sessionRoom(id)).disconnectSockets(true);
  });

  const scheduleBroadcast = createBroadcaster(io, deps.feed, deps.logger);
  deps.rooms.onRoomCreated((room) => room.onChange(scheduleBroadcast));

  io.on("connection", (socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>) => {
    const data = socket.data;
    data.commands = new TokenBucket(COMMAND_BURST, COMMANDS_PER_SECOND);
    if (data.actor) {
      void socket.join(sessionRoom(data.actor.sessionId));
      // A session that ends while the socket is open ends the socket too.
      const left = data.actor.expiresAt - now();
      const timer = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(left, 2 ** 31 - 1)));
      socket.once("disconnect", () => clearTimeout(timer));
    }
    socket.emit("hello", {
      protocol: PROTOCOL_VERSION,
      role: data.actor?.role ?? "public",
      memberId: data.actor?.memberId ?? null,
      serverTime: now(),
    });

    // A screen measures its clock's offset from the round trip (countdowns follow the server's clock).
    socket.on("clock:sync", (ack?: unknown) => {
      if (typeof ack === "function") (ack as (r: { serverTime: number }) => void)({ serverTime: now() });
    });

    socket.on("sitting:subscribe", async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== "function") return;
      const reply = ack as Ack;
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) return reply(reject("bad-request", describeZodError(parsed.error)));
      try {
        const room = await deps.rooms.get(parsed.data.sittingId);
        const sid = room.state.sittingId;
        const actor = data.actor;
        const own = actor && actor.councilId === room.state.councilId;
        const chair = isChair(actor, room);
        const member = !!(own && actor.memberId && room.state.roster[actor.memberId]);
        // The council's members and the chair follow the sitting unmasked (huis clos included); the public by shards.
        const council = chair || member;
        if (council) await socket.join(councilRoom(sid));
        else {
          data.shard ??= nextShard++ % PUBLIC_SHARDS;
          await socket.join(pubRoom(sid, data.shard));
        }
        if (chair) await socket.join(chairRoom(sid));
        if (member && actor?.memberId) await socket.join(memberRoom(sid, actor.memberId));
        const lastSeq = parsed.data.lastSeq;
        // A read copy behind what the screen already shows (another node served it): catch up
        // first, and never send a screen a state older than the one it has.
        if (!room.owner && lastSeq !== undefined && lastSeq > room.state.seq) await room.follow();
        // The public starts from the view last sent to it, so that the next patch applies (thousands of
        // screens share it). The council's few dozen get the sitting as it is now, unmasked: the next
        // patch either is already held or does not apply, and the screen asks again (CROWD-4).
        const base = council ? deps.feed.councilView(room) : deps.feed.current(room);
        // A screen ahead of the view last sent here (another node served it, or this node's broadcast
        // is on its way) keeps what it holds: the next patch does not apply and it asks again.
        const ahead = lastSeq !== undefined && lastSeq > base.seq && (lastSeq <= room.state.seq || !room.owner);
        const upToDate = lastSeq === base.seq || ahead;
        reply({
          ok: true,
          data: {
            seq: room.state.seq,
            view: upToDate ? null : base,
            me: own && actor.memberId && room.state.roster[actor.memberId] ? projectMember(room.state, actor.memberId) : null,
            chair: isChair(actor, room) ? projectChair(room.state) : null,
          },
        });
      } catch (err) {
        if (err instanceof UnknownSittingError) return reply(reject("unknown-sitting"));
        deps.logger.error(`subscribe failed: ${errorMessage(err)}`);
        reply(reject("internal"));
      }
    });

    socket.on("command", async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== "function") return;
      const reply = ack as Ack;
      const actor = data.actor;
      if (!actor || actor.expiresAt <= now()) return reply(reject("not-signed-in"));
      const parsed = CommandEnvelopeSchema.safeParse(payload);
      if (!parsed.success) return reply(reject("bad-request", describeZodError(parsed.error)));
      // Parsing is cheap; deciding and committing is not: a device flooding commands is slowed here.
      if (!data.commands?.take()) return reply(reject("rate-limited", "too many commands from this device"));
      crashPoint("command:received");
      try {
        const room = await deps.rooms.get(parsed.data.sittingId);
        if (UNSAFE_ACK_BEFORE_COMMIT && parsed.data.command.type === "ballot:cast") {
          reply({ ok: true, data: { unsafe: true } });
          await room.handle(actor, parsed.data);
          return;
        }
        reply(await room.handle(actor, parsed.data));
        crashPoint("ack:after");
      } catch (err) {
        if (err instanceof UnknownSittingError) return reply(reject("unknown-sitting"));
        deps.logger.error(`command failed: ${errorMessage(err)}`);
        reply(reject("internal"));
      }
    });
  });

  return io;
}
