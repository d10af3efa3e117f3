// Broadcasts each audience its own projection of a sitting: coalesced per tick, paced by the cost of
// the last broadcast; the public gets patches (public-feed.ts), sent to a large audience in slices.
// The socket edge (socket-server.ts) joins sockets to the rooms named here and calls the returned
// function on every change of a sitting.
import { performance } from "node:perf_hooks";
import type { Server } from "socket.io";
import { projectChair, projectMembers } from "../../core/sitting/projection";
import type { ClientToServerEvents, ServerToClientEvents } from "../../core/sitting/protocol";
import type { Actor } from "../../core/sitting/state";
import { errorMessage, type Logger } from "../ports";
import type { PublicFeed, PublicFrame } from "./public-feed";
import type { SittingRoom } from "./sitting-room";
import { crashPoint } from "../fault";

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
export const PUBLIC_SHARDS = 8;
const SLICE_MS = 8;
export const pubRoom = (sid: string, shard: number) => `pub:${sid}:${shard}`;
export const chairRoom = (sid: string) => `chair:${sid}`;
export const memberRoom = (sid: string, mid: string) => `mem:${sid}:${mid}`;
/** The council's own screens (its members, the chair): the public view unmasked during a closed session. */
export const councilRoom = (sid: string) => `council:${sid}`;

export function isChair(actor: Actor | null, room: SittingRoom): boolean {
  if (!actor || actor.councilId !== room.state.councilId) return false;
  return (
    actor.role === "president" || actor.role === "clerk" || actor.role === "secretary" || (!!actor.memberId && room.state.secretaryIds.includes(actor.memberId))
  );
}

/** Returns the function to call when a sitting changed: its audiences get their views soon after. */
export function createBroadcaster(io: Server<ClientToServerEvents, ServerToClientEvents>, feed: PublicFeed, logger: Logger): (room: SittingRoom) => void {
  const pacing = new Map<SittingRoom, Pacing>();
  const fail = (err: unknown) => logger.error(`broadcast failed: ${errorMessage(err)}`);

  /**
   * The council sees the sitting unmasked, huis clos included (L2121-18), by patches as the public
   * does: a ballot is a few hundred bytes on each member's device, not the whole view.
   */
  const sendCouncilFrame = (room: SittingRoom) => {
    const sid = room.state.sittingId;
    if (!io.sockets.adapter.rooms.has(councilRoom(sid))) return feed.forget(room, "council");
    const frame = feed.publish(room, "council");
    if (frame?.patch) io.to(councilRoom(sid)).emit("sitting:patch", frame.patch);
    else if (frame) io.to(councilRoom(sid)).emit("sitting:state", frame.view);
  };

  /** The chair's view and each member's own: a few sockets, sent at once. */
  const sendPrivateViews = (room: SittingRoom, p: Pacing) => {
    const sid = room.state.sittingId;
    const rooms = io.sockets.adapter.rooms;
    if (rooms.has(chairRoom(sid))) io.to(chairRoom(sid)).emit("sitting:chair", projectChair(room.state));
    const connected = Object.keys(room.state.roster).filter((memberId) => rooms.has(memberRoom(sid, memberId)));
    for (const [memberId, view] of projectMembers(room.state, connected)) {
      // A ballot changes one member's view: the others are not sent the same view again (a device
      // that joins later gets its view in the subscribe reply).
      const json = JSON.stringify(view);
      if (p.memberJson.get(memberId) === json) continue;
      p.memberJson.set(memberId, json);
      io.to(memberRoom(sid, memberId)).emit("sitting:me", view);
    }
  };

  /**
   * The public frame (a patch, or the first view), shard after shard, until a slice has taken
   * SLICE_MS; the rest on the next tick. Socket.IO encodes each emit once and writes the same frame to
   * every socket of the shard. Every shard gets the same frame; a change meanwhile is the next one.
   */
  const sendPublicSlice = (room: SittingRoom, p: Pacing, cursor: { shard: number; frame: PublicFrame | null }) => {
    const sliceStart = performance.now();
    try {
      const sid = room.state.sittingId;
      const frame = cursor.frame;
      while (frame && cursor.shard < PUBLIC_SHARDS) {
        const name = pubRoom(sid, cursor.shard++);
        if (!io.sockets.adapter.rooms.has(name)) continue;
        if (frame.patch) io.to(name).emit("sitting:patch", frame.patch);
        else io.to(name).emit("sitting:state", frame.view);
        if (performance.now() - sliceStart >= SLICE_MS) break;
      }
    } catch (err) {
      fail(err);
      cursor.shard = PUBLIC_SHARDS;
    }
    p.costMs += performance.now() - sliceStart;
    if (cursor.frame && cursor.shard < PUBLIC_SHARDS) {
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
    try {
      sendCouncilFrame(room);
    } catch (err) {
      fail(err);
    }
    let frame: PublicFrame | null = null;
    try {
      // Computed once for every public screen and server-sent-events client of the sitting.
      frame = feed.publish(room);
    } catch (err) {
      fail(err);
    }
    p.costMs = performance.now() - start;
    sendPublicSlice(room, p, { shard: 0, frame });
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
  return scheduleBroadcast;
}
