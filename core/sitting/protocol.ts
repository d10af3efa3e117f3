// The Séance real-time protocol: every client→server command and server→client event as one zod
// schema, the types inferred from it, the protocol version, and the closed list of rejection reasons.
import { z } from "zod";

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

export const ChoiceSchema = z.enum(["pour", "contre", "abstention", "nppv"]);
export type Choice = z.infer<typeof ChoiceSchema>;
export const BallotModeSchema = z.enum(["show-of-hands", "public", "secret"]);
export type BallotMode = z.infer<typeof BallotModeSchema>;
export const AttendanceStatusSchema = z.enum(["present", "absent", "excused"]);
export const TallySchema = z.strictObject({
  pour: z.number().int().min(0).max(10_000),
  contre: z.number().int().min(0).max(10_000),
  abstention: z.number().int().min(0).max(10_000),
  nppv: z.number().int().min(0).max(10_000),
});
export type Tally = z.infer<typeof TallySchema>;

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
    presidentVote: z.enum(["pour", "contre", "abstention", "nppv", "none"]).optional(),
  }),
  z.strictObject({ type: z.literal("vote:close"), voteId: Id }),
  z.strictObject({ type: z.literal("vote:proclaim"), voteId: Id }),
]);
export type CommandBody = z.infer<typeof CommandBodySchema>;
export type CommandType = CommandBody["type"];
export const COMMAND_TYPES = CommandBodySchema.options.map((o) => o.shape.type.value) as CommandType[];

/** The envelope: which sitting, a client-made id (retries are applied once), the body. */
export const CommandEnvelopeSchema = z.strictObject({
  sittingId: Id,
  commandId: CommandId,
  command: CommandBodySchema,
});
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

export const SubscribeSchema = z.strictObject({ sittingId: Id, lastSeq: z.number().int().min(0).optional() });
export type Subscribe = z.infer<typeof SubscribeSchema>;

/** Closed list of reasons a command is refused. */
export const REJECTIONS = {
  "bad-request": { fr: "Requête invalide", en: "Malformed request" },
  "not-signed-in": { fr: "Connexion requise", en: "Sign-in required" },
  forbidden: { fr: "Action non autorisée pour votre rôle", en: "Your role may not do this" },
  "wrong-sitting": { fr: "Cette séance ne relève pas de votre conseil", en: "This sitting is not in your council" },
  "unknown-sitting": { fr: "Séance inconnue", en: "Unknown sitting" },
  "unknown-member": { fr: "Élu inconnu", en: "Unknown member" },
  "unknown-item": { fr: "Point inconnu", en: "Unknown item" },
  "unknown-vote": { fr: "Vote inconnu", en: "Unknown vote" },
  "wrong-state": { fr: "Impossible à cette étape de la séance", en: "Not possible at this stage of the sitting" },
  "not-present": { fr: "L'élu n'est pas présent", en: "The member is not present" },
  "no-quorum": { fr: "Le quorum n'est pas atteint", en: "Quorum is not reached" },
  "proxy-invalid": { fr: "Pouvoir non valable", en: "Proxy not valid" },
  "proxy-not-allowed-now": { fr: "Pouvoir en cours de séance non autorisé", en: "Proxies may not be given during the sitting" },
  "not-entitled": { fr: "Vous ne pouvez pas voter ici", en: "You may not vote here" },
  "already-voted": { fr: "Vote déjà enregistré et non modifiable", en: "Ballot already recorded and may not be changed" },
  "president-votes-last": { fr: "Le président vote en dernier", en: "The president votes last" },
  "vote-open": { fr: "Un vote est en cours", en: "A vote is open" },
  "self-check-in-disabled": { fr: "L'émargement par l'élu n'est pas autorisé", en: "Self check-in is not allowed" },
  "rate-limited": { fr: "Trop de tentatives, réessayez plus tard", en: "Too many attempts, try again later" },
  internal: { fr: "Erreur interne, rien n'a été modifié", en: "Internal error, nothing was changed" },
} as const;
export type RejectionCode = keyof typeof REJECTIONS;

export interface Rejection {
  code: RejectionCode;
  message: string;
  detail?: string;
}
export type Reply<T> = { ok: true; data: T } | { ok: false; error: Rejection };

export function reject(code: RejectionCode, detail?: string): { ok: false; error: Rejection } {
  const base = REJECTIONS[code];
  return { ok: false, error: { code, message: `${base.fr} / ${base.en}`, ...(detail ? { detail } : {}) } };
}

/** Format a zod error into one readable line for the client. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}
