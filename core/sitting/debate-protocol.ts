// The debate's commands on the wire (#15): requests to speak, the floor, speaking time, a suspension
// with a planned end, and the room clock's own internal command. protocol.ts spreads these schemas
// into its unions, and CommandReplies extends the replies declared here.
import { z } from "zod";
import { IdSchema as Id } from "../vocabulary";
import { RequestKindSchema, SpeechKindSchema } from "../vocabulary";

/** Client commands of the debate, spread into CommandBodySchema. */
export const DEBATE_COMMAND_SCHEMAS = [
  // A councillor asks for the floor on the item under discussion (memberId: the chair, for a member without a device).
  z.strictObject({ type: z.literal("speech:request"), itemId: Id, kind: RequestKindSchema.optional(), memberId: Id.optional() }),
  // A councillor withdraws their request; the chair removes anyone's.
  z.strictObject({ type: z.literal("speech:withdraw"), requestId: Id }),
  // The chair's new order of the item's pending requests (exactly those, each once).
  z.strictObject({ type: z.literal("speech:reorder"), itemId: Id, requestIds: z.array(Id).min(1).max(200) }),
  // The president gives the floor: to a request of the list, or to a member directly (the rapporteur).
  z
    .strictObject({ type: z.literal("floor:give"), requestId: Id.optional(), memberId: Id.optional(), kind: SpeechKindSchema.optional() })
    .refine((c) => (c.requestId === undefined) !== (c.memberId === undefined), "either requestId or memberId")
    .refine((c) => c.requestId === undefined || c.kind === undefined, "a request already says its kind"),
  z.strictObject({ type: z.literal("floor:add-time"), seconds: z.number().int().min(1).max(3600) }),
  z.strictObject({ type: z.literal("floor:end") }),
  // Suspend for a planned length, or plan the end of the current suspension ("reprise à 20h15").
  z
    .strictObject({
      type: z.literal("suspension:plan"),
      minutes: z.number().int().min(1).max(600).optional(),
      resumeAt: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time as HH:MM")
        .optional(),
    })
    .refine((c) => (c.minutes === undefined) !== (c.resumeAt === undefined), "either minutes or resumeAt"),
] as const;

/** The room clock: sent by the server itself when the core's next deadline comes (never from a socket). */
export const ClockTickCommandSchema = z.strictObject({ type: z.literal("clock:tick") });

interface Base {
  seq: number;
  unchanged?: true;
}

/** What each debate command answers in `data`. */
export interface DebateReplies {
  "speech:request": Base & { requestId?: string; position?: number };
  "speech:withdraw": Base;
  "speech:reorder": Base;
  "floor:give": Base & { speechId: string; allowanceMs: number | null };
  "floor:add-time": Base & { endsAt: string };
  "floor:end": Base & { elapsedMs: number };
  "suspension:plan": Base & { resumeAt: string };
}
