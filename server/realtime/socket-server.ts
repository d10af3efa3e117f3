// Socket.IO edge: who is asking (the sign-in cookie), parse every payload, one call into the room,
// map the reply. Broadcasts each audience its own projection: coalesced per tick, paced by the cost
// of the last broadcast, and sent to a large public in slices (see scheduleBroadcast).
import type { Server as HttpServer } from "node:http";
import { performance } from "node:perf_hooks";
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
import { projectChair, projectMember, projectPublic, type PublicView } from "../../core/sitting/projection";
import type { Actor } from "../../core/sitting/state";
import type { Identity, Sessions } from "../auth/sessions";
import { TokenBucket } from "../auth/rate-limit";
import type { ConnectionCaps } from "../http/connection-caps";
import type { EdgePolicy } from "../http/edge-policy";
import { errorMessage, type Logger } from "../ports";
import { UnknownSittingError } from "../store/errors";
import type { RoomRegistry, SittingRoom } from "./sitting-room";
import { crashPoint, UNSAFE_ACK_BEFORE_COMMIT } from "../fault";

type Ack = (reply: Reply<unknown>) => void;

/** Broadcasts of one sitting: one at a time, paced by what the last one cost. */
interface Pacing {
  timer: NodeJS.Timeout | NodeJS.Immediate | null;
  /** A broadcast is being sent (in slices); a change meanwhile sets `dirty` for one more. */
  sending: boolean;
  dirty: boolean;
  lastAt: number;
  costMs: number;
  /** The member views last sent, by member id, to skip sending an unchanged view again. */
  memberJson: Map<string, string>;
}
// Broadcasting takes at most a fifth of the event loop while a burst lasts (cost × 4 of waiting).
const PACE_FACTOR = 4;
const MAX_PACE_MS = 250;
// The public of a sitting is spread over shard rooms so a broadcast to thousands of screens can be
// written a few shards per tick (about SLICE_MS each), letting ballots be committed in between.
const PUBLIC_SHARDS = 8;
const SLICE_MS = 8;
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

const pubRoom = (sid: string, shard: number) => `pub:${sid}:${shard}`;
const chairRoom = (sid: string) => `chair:${sid}`;
const memberRoom = (sid: string, mid: string) => `mem:${sid}:${mid}`;

export function isChair(actor: Actor | null, room: SittingRoom): boolean {
  if (!actor || actor.councilId !== room.state.councilId) return false;
  return (
    actor.role === "president" || actor.role === "clerk" || actor.role === "secretary" || (!!actor.memberId && room.state.secretaryIds.includes(actor.memberId))
  );
}

export interface SocketDeps {
  sessions: Sessions;
  rooms: RoomRegistry;
  logger: Logger;
  policy: EdgePolicy;
  caps: ConnectionCaps;
}

export function createSocketServer(http: HttpServer, deps: SocketDeps): Server {
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

  io.use((socket, next) => {
    const release = deps.caps.acquire(deps.policy.clientAddress(socket.request));
    if (!release) return next(new Error("too many connections from this address"));
    socket.once("disconnect", release);
    deps.sessions
      .identify(socket.handshake.headers.cookie)
      .then((actor) => {
        socket.data.actor = actor;
        next();
      })
      .catch(() => next(new Error("sign-in check failed")));
  });

  // A revoked session (sign-out, a device the clerk removed, a disabled account) loses its sockets at once.
  deps.sessions.onRevoked((ids) => {
    for (const id of ids) io.in(sessionRoom(id)).disconnectSockets(true);
  });

  const pacing = new Map<SittingRoom, Pacing>();
  const fail = (err: unknown) => deps.logger.error(`broadcast failed: ${errorMessage(err)}`);

  /** The chair and each member: a few sockets, sent at once. */
  const sendPrivateViews = (room: SittingRoom, p: Pacing) => {
    const sid = room.state.sittingId;
    const rooms = io.sockets.adapter.rooms;
    if (rooms.has(chairRoom(sid))) io.to(chairRoom(sid)).emit("sitting:chair", projectChair(room.state));
    for (const memberId of Object.keys(room.state.roster)) {
      const name = memberRoom(sid, memberId);
      if (!rooms.has(name)) continue;
      // A ballot changes one member's view: the others are not sent the same view again (a device
      // that joins later gets its view in the subscribe reply).
      const view = projectMember(room.state, memberId);
      const json = JSON.stringify(view);
      if (p.memberJson.get(memberId) === json) continue;
      p.memberJson.set(memberId, json);
      io.to(name).emit("sitting:me", view);
    }
  };

  /**
   * The public view, shard after shard, until a slice has taken SLICE_MS; the rest on the next tick.
   * Socket.IO encodes each emit once and writes the same frame to every socket of the shard. If the
   * state moved on between slices, the remaining shards get the newer view (each screen still sees
   * views in order) and one more full broadcast follows.
   */
  const sendPublicSlice = (room: SittingRoom, p: Pacing, cursor: { shard: number; state: SittingRoom["state"] | null; view: PublicView | null }) => {
    const sliceStart = performance.now();
    try {
      const sid = room.state.sittingId;
      if (cursor.state !== room.state) {
        if (cursor.state) p.dirty = true;
        cursor.state = room.state;
        cursor.view = projectPublic(room.state, room.header);
      }
      while (cursor.shard < PUBLIC_SHARDS) {
        const name = pubRoom(sid, cursor.shard++);
        if (cursor.view && io.sockets.adapter.rooms.has(name)) io.to(name).emit("sitting:state", cursor.view);
        if (performance.now() - sliceStart >= SLICE_MS) break;
      }
    } catch (err) {
      fail(err);
      cursor.shard = PUBLIC_SHARDS;
    }
    p.costMs += performance.now() - sliceStart;
    if (cursor.shard < PUBLIC_SHARDS) {
      p.timer = setImmediate(() => sendPublicSlice(room, p, cursor));
      return;
    }
    p.timer = null;
    p.sending = false;
    p.lastAt = performance.now();
    if (p.dirty) scheduleBroadcast(room);
  };

  const startBroadcast = (room: SittingRoom, p: Pacing) => {
    crashPoint("broadcast:before");
    p.timer = null;
    p.sending = true;
    p.dirty = false;
    const start = performance.now();
    try {
      sendPrivateViews(room, p);
    } catch (err) {
      fail(err);
    }
    p.costMs = performance.now() - start;
    sendPublicSlice(room, p, { shard: 0, state: null, view: null });
  };

  /**
   * The first change after a quiet spell goes out on the next tick, as before. While changes keep
   * coming, a room is broadcast again only after PACE_FACTOR times what its last broadcast cost:
   * with 2,000 screens a broadcast costs over 100 ms here, and 69 of them a second would leave no
   * time to commit the ballots. Screens always get the latest state; a small audience costs little,
   * so its pace stays per tick.
   */
  const scheduleBroadcast = (room: SittingRoom) => {
    let p = pacing.get(room);
    if (!p) {
      p = { timer: null, sending: false, dirty: false, lastAt: Number.NEGATIVE_INFINITY, costMs: 0, memberJson: new Map() };
      pacing.set(room, p);
    }
    if (p.sending) {
      p.dirty = true;
      return;
    }
    if (p.timer) return;
    const pace = p;
    const wait = pace.lastAt + Math.min(MAX_PACE_MS, pace.costMs * PACE_FACTOR) - performance.now();
    pace.timer = wait > 0 ? setTimeout(() => startBroadcast(room, pace), wait) : setImmediate(() => startBroadcast(room, pace));
  };
  deps.rooms.onRoomCreated((room) => room.onChange(scheduleBroadcast));

  io.on("connection", (socket: Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>) => {
    const data = socket.data;
    data.commands = new TokenBucket(COMMAND_BURST, COMMANDS_PER_SECOND);
    if (data.actor) {
      void socket.join(sessionRoom(data.actor.sessionId));
      // A session that ends while the socket is open ends the socket too.
      const left = data.actor.expiresAt - Date.now();
      const timer = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(left, 2 ** 31 - 1)));
      socket.once("disconnect", () => clearTimeout(timer));
    }
    socket.emit("hello", {
      protocol: PROTOCOL_VERSION,
      role: data.actor?.role ?? "public",
      memberId: data.actor?.memberId ?? null,
      serverTime: Date.now(),
    });

    socket.on("sitting:subscribe", async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== "function") return;
      const reply = ack as Ack;
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) return reply(reject("bad-request", describeZodError(parsed.error)));
      try {
        const room = await deps.rooms.get(parsed.data.sittingId);
        const sid = room.state.sittingId;
        data.shard ??= nextShard++ % PUBLIC_SHARDS;
        await socket.join(pubRoom(sid, data.shard));
        const actor = data.actor;
        const own = actor && actor.councilId === room.state.councilId;
        if (isChair(actor, room)) await socket.join(chairRoom(sid));
        if (own && actor.memberId && room.state.roster[actor.memberId]) await socket.join(memberRoom(sid, actor.memberId));
        const upToDate = parsed.data.lastSeq === room.state.seq;
        reply({
          ok: true,
          data: {
            seq: room.state.seq,
            view: upToDate ? null : projectPublic(room.state, room.header),
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
      if (!actor || actor.expiresAt <= Date.now()) return reply(reject("not-signed-in"));
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
