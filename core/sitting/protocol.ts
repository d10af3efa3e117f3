// The Séance real-time protocol: every client→server command and server→client event as one zod
// schema, the types inferred from it, the protocol version, and the closed list of rejection reasons.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { PublishRecordCommandSchema } from "../records/publication";
import { ConvocationCommandSchemas } from "../convocation/sitting-part";
import { ClockTickCommandSchema, DEBATE_COMMAND_SCHEMAS, type DebateReplies } from "./debate-protocol";
import { BallotModeSchema, ChoiceSchema, TallySchema, type BallotMode, type Choice, type Role, type Tally } from "../vocabulary";
import type { Reply } from "../refusal";
import type { ChairView, MemberView, PublicView } from "./projection";
import type { PublicPatch } from "./public-patch";
import type { QuorumSnapshot, ResultSnapshot } from "./state";
import type { NominationRound } from "./state-parts";

// The version and the compatibility check live in a module without zod: every screen loads them.
export { PROTOCOL_VERSION, INCOMPATIBILITY, incompatibility, type Incompatibility } from "./protocol-version";

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
/** Why the chair withdraws, defers or cancels: said aloud, written in the log and the records. */
const Reason = z.string().trim().min(3, "give the reason (3 characters at least)").max(500);
const Count = z.number().int().min(0).max(10_000);
/** A nomination's candidate: one member, or a list (its members in order, under its name). */
export const CandidateInputSchema = z.strictObject({
  memberIds: z.array(Id).min(1).max(69),
  label: z.string().trim().min(1).max(120).optional(),
});

/** Every command a client may send, discriminated by `type` (noun:verb). */
export const CommandBodySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("sitting:open") }),
  z.strictObject({ type: z.literal("sitting:suspend") }),
  z.strictObject({ type: z.literal("sitting:resume") }),
  z.strictObject({ type: z.literal("sitting:close"), forWantOfQuorum: z.literal(true).optional() }),
  z.strictObject({ type: z.literal("rollcall:mark"), memberId: Id, status: AttendanceStatusSchema, time: Time }),
  z.strictObject({ type: z.literal("rollcall:check-in") }),
  z.strictObject({ type: z.literal("rollcall:depart"), memberId: Id, time: Time }),
  z.strictObject({ type: z.literal("proxy:give"), from: Id, to: Id, sittingsUsed: z.number().int().min(1).max(99).optional() }),
  z.strictObject({ type: z.literal("proxy:revoke"), from: Id }),
  z.strictObject({ type: z.literal("interest:declare"), itemId: Id, memberId: Id }),
  z.strictObject({ type: z.literal("item:call"), itemId: Id }),
  z.strictObject({ type: z.literal("ballot-mode:request"), itemId: Id, mode: z.enum(["public", "secret"]), memberId: Id.optional() }),
  z.strictObject({ type: z.literal("item:withdraw"), itemId: Id, reason: Reason }),
  z.strictObject({ type: z.literal("item:defer"), itemId: Id, reason: Reason }),
  z.strictObject({ type: z.literal("amendment:propose"), itemId: Id, authorId: Id, text: z.string().trim().min(3).max(4000) }),
  z.strictObject({ type: z.literal("amendment:withdraw"), itemId: Id, amendmentId: Id, reason: Reason }),
  z.strictObject({ type: z.literal("nomination:set"), itemId: Id, seats: z.number().int().min(1).max(69), candidates: z.array(CandidateInputSchema).max(69) }),
  z.strictObject({ type: z.literal("nomination:open-ballot"), itemId: Id }),
  z.strictObject({ type: z.literal("nomination:appoint"), itemId: Id }),
  z.strictObject({
    type: z.literal("vote:open"),
    itemId: Id,
    mode: BallotModeSchema.optional(),
    reveal: z.enum(["live", "at-close"]).optional(),
    allowChange: z.boolean().optional(),
    /** Vote on this amendment of the item (before the item itself). */
    amendmentId: Id.optional(),
    /** Vote on sitting in closed session (L2121-18), asked by the mayor or three members. */
    motion: z.literal("huis-clos").optional(),
    requestedBy: z.array(Id).min(1).max(69).optional(),
  }),
  z.strictObject({ type: z.literal("ballot:cast"), voteId: Id, choice: ChoiceSchema, onBehalfOf: Id.optional() }),
  z.strictObject({ type: z.literal("ballot:nominate"), voteId: Id, candidateId: Id.nullable(), onBehalfOf: Id.optional() }),
  z.strictObject({
    type: z.literal("ballot:record"),
    voteId: Id,
    memberId: Id,
    onBehalfOf: Id.optional(),
    choice: ChoiceSchema.optional(),
    /** A nomination: the candidate, or null for a blank ballot. */
    candidateId: Id.nullable().optional(),
  }),
  z.strictObject({
    type: z.literal("vote:paper"),
    voteId: Id,
    voters: z
      .array(z.strictObject({ memberId: Id, onBehalfOf: Id.optional() }))
      .min(1)
      .max(138),
    /** The paper urn's totals (a deliberation)… */
    tally: TallySchema.optional(),
    /** …or, for a nomination, the votes per candidate (in the round's order) and the blank or spoilt papers. */
    candidates: z.array(Count).max(69).optional(),
    blank: Count.optional(),
  }),
  z.strictObject({ type: z.literal("vote:president-turn"), voteId: Id }),
  z.strictObject({ type: z.literal("vote:cancel"), voteId: Id, reason: Reason }),
  z.strictObject({ type: z.literal("huis-clos:end") }),
  z.strictObject({
    type: z.literal("vote:record-hands"),
    voteId: Id,
    tally: TallySchema,
    presidentVote: z.union([ChoiceSchema, z.literal("none")]).optional(),
  }),
  z.strictObject({ type: z.literal("vote:close"), voteId: Id }),
  z.strictObject({ type: z.literal("vote:proclaim"), voteId: Id }),
  // The debate (#15): requests to speak, the floor, speaking time, a planned suspension.
  ...DEBATE_COMMAND_SCHEMAS,
]);
export type CommandBody = z.infer<typeof CommandBodySchema>;
export type CommandType = CommandBody["type"];
export const COMMAND_TYPES = CommandBodySchema.options.map((o): CommandType => o.shape.type.value);

/**
 * Commands the server itself sends to a sitting's room on behalf of a signed-in clerk (the minutes'
 * approval, reopening for a correction, publication): never accepted from a socket.
 */
export const InternalCommandSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("minutes:approve"), version: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/), atSittingId: Id }),
  z.strictObject({ type: z.literal("minutes:reopen"), reason: z.string().min(1).max(500) }),
  z.strictObject({ type: z.literal("minutes:publish") }),
  // Freeze a published extract, list of deliberations or procès-verbal (#14).
  PublishRecordCommandSchema,
  // The convocation, the ordre du jour's publication, declarations in advance (#19).
  ...ConvocationCommandSchemas,
  // The room clock's deadline (#15): decided and logged like any command.
  ClockTickCommandSchema,
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

// ───────────── Server → client, and the replies: the other direction of the same protocol ─────────────

/** Sent to every socket as it connects: the protocol it speaks, who the server takes it for, its clock. */
export interface Hello {
  protocol: number;
  role: Role;
  memberId: string | null;
  /** The server's clock (epoch ms) when it said hello: countdowns follow the server, not the device. */
  serverTime: number;
}

export interface SubscribeReply {
  seq: number;
  /** The public view, or null when the client said it is already at this seq. */
  view: PublicView | null;
  me: MemberView | null;
  chair: ChairView | null;
}

/** What each accepted command answers in `data` (every reply also carries the sitting's `seq`). */
interface Base {
  seq: number;
  /** The command changed nothing (already so). */
  unchanged?: true;
}
export interface CommandReplies extends DebateReplies {
  "sitting:open": Base & { quorum: QuorumSnapshot };
  "sitting:suspend": Base;
  "sitting:resume": Base & { quorum: QuorumSnapshot };
  "sitting:close": Base;
  "rollcall:mark": Base;
  "rollcall:check-in": Base;
  "rollcall:depart": Base;
  "proxy:give": Base;
  "proxy:revoke": Base;
  "interest:declare": Base;
  "item:call": Base & { quorum: QuorumSnapshot };
  "ballot-mode:request": Base & { publicThreshold?: number; secretThreshold?: number; mode?: BallotMode };
  "vote:open": Base & { voteId: string; mode: BallotMode };
  "ballot:cast": Base & { receipt: { at: string; choice?: Choice; secret?: true } };
  "ballot:nominate": Base & { receipt: { at: string; candidateId?: string | null; secret?: true } };
  "ballot:record": Base & { receipt: { at: string; choice?: Choice; candidateId?: string | null } };
  "vote:paper": Base & { ballots: number };
  "vote:president-turn": Base & { notVoted: number };
  "vote:cancel": Base;
  "item:withdraw": Base;
  "item:defer": Base;
  "amendment:propose": Base & { amendmentId: string; number: number };
  "amendment:withdraw": Base;
  "nomination:set": Base;
  "nomination:open-ballot": Base;
  "nomination:appoint": Base & { round: NominationRound };
  "huis-clos:end": Base;
  "vote:record-hands": Base;
  "vote:close": Base & { tally: Tally; ballots: number; candidateVotes?: number[] };
  "vote:proclaim": Base & { result: ResultSnapshot | null; round?: NominationRound };
}
export type CommandReply<T extends CommandType> = CommandReplies[T];

export interface ServerToClientEvents {
  hello: (hello: Hello) => void;
  "sitting:state": (view: PublicView) => void;
  /** What changed in the public view since the one the screen holds (see core/sitting/public-patch.ts). */
  "sitting:patch": (patch: PublicPatch) => void;
  "sitting:me": (view: MemberView) => void;
  "sitting:chair": (view: ChairView) => void;
}

export interface ClientToServerEvents {
  "sitting:subscribe": (payload: Subscribe, ack: (reply: Reply<SubscribeReply>) => void) => void;
  command: (payload: CommandEnvelope, ack: (reply: Reply<CommandReplies[CommandType]>) => void) => void;
  /** The server's clock now (epoch ms): a client measures its offset from the round trip (#15). */
  "clock:sync": (ack: (reply: { serverTime: number }) => void) => void;
}
