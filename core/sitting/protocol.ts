// The Séance real-time protocol: every client→server command and server→client event as one zod
// schema, the types inferred from it, the protocol version, and the closed list of rejection reasons.
import { z } from "zod";
import { BallotModeSchema, ChoiceSchema, TallySchema } from "../vocabulary";
import { PublishRecordCommandSchema } from "../records/publication"; // records (#14)

export const PROTOCOL_VERSION = 1;

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "identifier: letters, digits, - and _ only");
const CommandId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const Time = z
  .string()
  .regex(/^\d{2}:\d{2}$/, "time as HH:MM")
  .optional();

export { ChoiceSchema, BallotModeSchema, TallySchema, type Choice, type BallotMode, type Tally } from "../vocabulary";
export const AttendanceStatusSchema = z.enum(["present", "absent", "excused"]);

/** Every command a client may send, discriminated by `type` (noun:verb). */
export const CommandBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("sitting:open") }),
  z.strictObject({ type: z.literal("sitting:suspend") }),
  z.strictObject({ type: z.literal("sitting:resume") }),
  z.strictObject({ type: z.literal("sitting:close") }),
  z.strictObject({ type: z.literal("rollcall:mark"), memberId: Id, status: AttendanceStatusSchema, time: Time }),
  z.strictObject({ type: z.literal("rollcall:check-in") }),
  z.strictObject({ type: z.literal("rollcall:depart"), memberId: Id, time: Time }),
  z.strictObject({ type: z.literal("proxy:give"), from: Id, to: Id, sittingsUsed: z.number().int().min(1).max(99).optional() }),
  z.strictObject({ type: z.literal("proxy:revoke"), from: Id }),
  z.strictObject({ type: z.literal("interest:declare"), itemId: Id, memberId: Id }),
  z.strictObject({ type: z.literal("item:call"), itemId: Id }),
  z.strictObject({ type: z.literal("ballot-mode:request"), itemId: Id, mode: z.enum(["public", "secret"]), memberId: Id.optional() }),
  z.strictObject({
    type: z.literal("vote:open"),
    itemId: Id,
    mode: BallotModeSchema.optional(),
    reveal: z.enum(["live", "at-close"]).optional(),
    allowChange: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal("ballot:cast"), voteId: Id, choice: ChoiceSchema, onBehalfOf: Id.optional() }),
  z.strictObject({
    type: z.literal("vote:record-hands"),
    voteId: Id,
    tally: TallySchema,
    presidentVote: z.union([ChoiceSchema, z.literal("none")]).optional(),
  }),
  z.strictObject({ type: z.literal("vote:close"), voteId: Id }),
  z.strictObject({ type: z.literal("vote:proclaim"), voteId: Id }),
]);
export type CommandBody = z.infer<typeof CommandBodySchema>;
export type CommandType = CommandBody["type"];
export const COMMAND_TYPES = CommandBodySchema.options.map((o) => o.shape.type.value) as CommandType[];

/**
 * Commands the server itself sends to a sitting's room on behalf of a signed-in clerk (the minutes'
 * approval, reopening for a correction, publication): never accepted from a socket.
 */
export const InternalCommandSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("minutes:approve"), version: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), atSittingId: Id }),
  z.strictObject({ type: z.literal("minutes:reopen"), reason: z.string().min(1).max(500) }),
  z.strictObject({ type: z.literal("minutes:publish") }),
  PublishRecordCommandSchema, // records (#14): freeze a published extract, list or procès-verbal
]);
export type InternalCommand = z.infer<typeof InternalCommandSchema>;
/** What a sitting's room decides on: a client's command or the server's own. */
export type RoomCommand = CommandBody | InternalCommand;

/** The envelope: which sitting, a client-made id (retries are applied once), the body. */
export const CommandEnvelopeSchema = z.strictObject({
  sittingId: Id,
  commandId: CommandId,
  command: CommandBodySchema,
});
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

export const SubscribeSchema = z.strictObject({ sittingId: Id, lastSeq: z.number().int().min(0).optional() });
export type Subscribe = z.infer<typeof SubscribeSchema>;

/** Closed list of reasons a command is refused: the shared list of core/refusal.ts. */
export { REFUSALS as REJECTIONS, reject, describeZodError, type RefusalCode as RejectionCode, type Reply, type WireError as Rejection } from "../refusal";
