// Commands that reach a node which does not own their sitting are handed to the owner over the
// bus and its reply comes back the same way. When no node owns the sitting, or the owner is gone
// or silent, the answer is "moved": the client sends the same command (same id) again, and by then
// some node has claimed the sitting. A forwarded command is never forwarded again.
import { z } from "zod";
import { reject } from "../../core/refusal";
import { CommandBodySchema, InternalCommandSchema } from "../../core/sitting/protocol";
import type { Actor } from "../../core/sitting/state";
import { RoleSchema } from "../../core/vocabulary";
import type { RoomEnvelope, RoomReply } from "../realtime/sitting-room";
import type { RoomRegistry } from "../realtime/room-registry";
import type { ClusterBus } from "./bus";

/** How long a forwarded command may wait for the owner's answer (the client retries after that). */
const FORWARD_TIMEOUT_MS = 3000;

const ForwardedSchema = z.strictObject({
  type: z.literal("command"),
  actor: z.object({ userId: z.string(), role: RoleSchema, memberId: z.string().nullable(), councilId: z.string().nullable() }),
  env: z.object({ sittingId: z.string(), commandId: z.string(), command: z.union([CommandBodySchema, InternalCommandSchema]) }),
});

const ReplySchema = z.union([
  z.object({ ok: z.literal(true), data: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string() }).loose() }),
]);

export function createForwarder(bus: ClusterBus, ownerOf: (sittingId: string) => Promise<string | null>) {
  return async (actor: Actor, env: RoomEnvelope): Promise<RoomReply> => {
    const owner = await ownerOf(env.sittingId).catch(() => null);
    if (!owner || owner === bus.nodeId) return reject("moved");
    const body = { type: "command", actor: { userId: actor.userId, role: actor.role, memberId: actor.memberId, councilId: actor.councilId }, env };
    const answer = ReplySchema.safeParse(await bus.request(owner, body, FORWARD_TIMEOUT_MS));
    return answer.success ? (answer.data as RoomReply) : reject("moved");
  };
}

/** The owner's side: a command another node handed over is decided here, or refused as moved. */
export function serveForwarded(bus: ClusterBus, rooms: RoomRegistry): void {
  bus.serve(async (body) => {
    const parsed = ForwardedSchema.safeParse(body);
    if (!parsed.success) return reject("bad-request", "malformed forwarded command");
    const room = await rooms.get(parsed.data.env.sittingId);
    return room.handleHere(parsed.data.actor, parsed.data.env);
  });
}
