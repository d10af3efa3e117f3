// Socket.IO edge: who is asking (the sign-in cookie), parse every payload, one call into the room,
// map the reply. Broadcasts each audience its own projection, coalesced per tick.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import { CommandEnvelopeSchema, describeZodError, reject, SubscribeSchema, PROTOCOL_VERSION, type Reply } from "../../core/sitting/protocol";
import { projectChair, projectMember, projectPublic } from "../../core/sitting/projection";
import type { Actor } from "../../core/sitting/state";
import type { Db } from "../db/client";
import { identify, type AuthKeys } from "../auth/tokens";
import { UnknownSittingError } from "../store/sitting-store";
import type { Logger, RoomRegistry, SittingRoom } from "./sitting-room";

type Ack = (reply: Reply<unknown>) => void;
interface SocketData {
  actor: (Actor & { displayName: string }) | null;
}

const pubRoom = (sid: string) => `pub:${sid}`;
const chairRoom = (sid: string) => `chair:${sid}`;
const memberRoom = (sid: string, mid: string) => `mem:${sid}:${mid}`;

export function isChair(actor: Actor | null, room: SittingRoom): boolean {
  if (!actor || actor.councilId !== room.state.councilId) return false;
  return (
    actor.role === "president" || actor.role === "clerk" || actor.role === "secretary" || (!!actor.memberId && room.state.secretaryIds.includes(actor.memberId))
  );
}

export function createSocketServer(http: HttpServer, deps: { db: Db; keys: AuthKeys; rooms: RoomRegistry; logger: Logger }): Server {
  const io = new Server(http, {
    path: "/socket.io",
    serveClient: false,
    // Other websocket paths (Yjs, Next's dev reload) are routed by the server: do not destroy them.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    connectionStateRecovery: undefined,
  });

  io.use((socket, next) => {
    identify(deps.db, deps.keys, socket.handshake.headers.cookie)
      .then((actor) => {
        (socket.data as SocketData).actor = actor;
        next();
      })
      .catch(() => next(new Error("sign-in check failed")));
  });

  const pending = new Set<SittingRoom>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const room of pending) broadcast(room);
    pending.clear();
  };
  const broadcast = (room: SittingRoom) => {
    const sid = room.state.sittingId;
    io.to(pubRoom(sid)).emit("sitting:state", projectPublic(room.state, room.header));
    io.to(chairRoom(sid)).emit("sitting:chair", projectChair(room.state));
    const prefix = `mem:${sid}:`;
    for (const name of io.sockets.adapter.rooms.keys()) {
      if (name.startsWith(prefix)) io.to(name).emit("sitting:me", projectMember(room.state, name.slice(prefix.length)));
    }
  };
  deps.rooms.onRoomCreated((room) =>
    room.onChange((r) => {
      pending.add(r);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    }),
  );

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    socket.emit("hello", { protocol: PROTOCOL_VERSION, role: data.actor?.role ?? "public", memberId: data.actor?.memberId ?? null });

    socket.on("sitting:subscribe", async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== "function") return;
      const reply = ack as Ack;
      const parsed = SubscribeSchema.safeParse(payload);
      if (!parsed.success) return reply(reject("bad-request", describeZodError(parsed.error)));
      try {
        const room = await deps.rooms.get(parsed.data.sittingId);
        const sid = room.state.sittingId;
        await socket.join(pubRoom(sid));
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
        deps.logger.error(`subscribe failed: ${err instanceof Error ? err.message : String(err)}`);
        reply(reject("internal"));
      }
    });

    socket.on("command", async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== "function") return;
      const reply = ack as Ack;
      const actor = data.actor;
      if (!actor) return reply(reject("not-signed-in"));
      const parsed = CommandEnvelopeSchema.safeParse(payload);
      if (!parsed.success) return reply(reject("bad-request", describeZodError(parsed.error)));
      try {
        const room = await deps.rooms.get(parsed.data.sittingId);
        reply(await room.handle(actor, parsed.data));
      } catch (err) {
        if (err instanceof UnknownSittingError) return reply(reject("unknown-sitting"));
        deps.logger.error(`command failed: ${err instanceof Error ? err.message : String(err)}`);
        reply(reject("internal"));
      }
    });
  });

  return io;
}
