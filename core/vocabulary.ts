// The domain words of Séance, each declared once as a zod schema with its inferred type. Every other
// module (protocol, state, rules, records, API contracts, screens) imports them from here.
import { z } from "zod";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./time";
import { CHOICES } from "./words";

/**
 * An identifier sent by a client (member, item, vote, sitting…): letters, digits, - and _. Never the
 * name of a property every object has ("constructor", "valueOf", "__proto__"…): the state's maps are
 * plain objects, and `state.proxies["valueOf"]` would otherwise find something (SEC-1).
 */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "identifier: letters, digits, - and _ only")
  .refine((s) => !(s in Object.prototype), "identifier: not a reserved name");

/** A ballot's choice (L2121-20): pour, contre, abstention, ne prend pas part au vote. */
export const ChoiceSchema = z.enum(CHOICES);
export type Choice = z.infer<typeof ChoiceSchema>;
export { CHOICES };

/** How a vote is taken (L2121-21): à main levée, scrutin public, scrutin secret. */
export const BallotModeSchema = z.enum(["show-of-hands", "public", "secret"]);
export type BallotMode = z.infer<typeof BallotModeSchema>;
export const BALLOT_MODES = BallotModeSchema.options;

/** What an agenda item is, which decides the majority that applies. */
export const ItemKindSchema = z.enum(["ordinary", "compte-administratif", "huis-clos", "election"]);
export type ItemKind = z.infer<typeof ItemKindSchema>;
export const ITEM_KINDS = ItemKindSchema.options;

/** An item's kind as stored (free text in the database): unknown kinds read as ordinary. */
export function itemKindOf(stored: string): ItemKind {
  const parsed = ItemKindSchema.safeParse(stored);
  return parsed.success ? parsed.data : "ordinary";
}

/** The four totals of a vote. */
export const TallySchema = z.strictObject({
  pour: z.number().int().min(0).max(10_000),
  contre: z.number().int().min(0).max(10_000),
  abstention: z.number().int().min(0).max(10_000),
  nppv: z.number().int().min(0).max(10_000),
});
export type Tally = z.infer<typeof TallySchema>;
export const EMPTY_TALLY: Tally = Object.freeze({ pour: 0, contre: 0, abstention: 0, nppv: 0 });

/**
 * Why a member has the floor: a speech they asked for (or the chair gave), the rapporteur presenting
 * the item, or a point of order (rappel au règlement), which goes before every other request.
 */
export const SpeechKindSchema = z.enum(["speech", "rapporteur", "point-of-order"]);
export type SpeechKind = z.infer<typeof SpeechKindSchema>;
/** What a member may ask for from their device (the rapporteur is offered by the chair). */
export const RequestKindSchema = z.enum(["speech", "point-of-order"]);
export type RequestKind = z.infer<typeof RequestKindSchema>;

/** The roles a signed-in person may hold. */
export const RoleSchema = z.enum(["clerk", "president", "secretary", "councillor", "public"]);
export type Role = z.infer<typeof RoleSchema>;
/** Staff accounts sign in with a password; councillors pair a device. */
export const StaffRoleSchema = z.enum(["clerk", "president", "secretary"]);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** A member's role on the council. */
export const MemberRoleSchema = z.enum(["maire", "adjoint", "conseiller-delegue", "conseiller"]);
export type MemberRole = z.infer<typeof MemberRoleSchema>;
export const MEMBER_ROLES = MemberRoleSchema.options;

export const CivilitySchema = z.enum(["M.", "Mme"]);
export type Civility = z.infer<typeof CivilitySchema>;

/** A member's name, kept structured so nobody has to parse "Mme Léonore MONCOND'HUY" back. */
export const MemberNameSchema = z.strictObject({ civility: CivilitySchema, firstName: z.string(), lastName: z.string() });
export type MemberName = z.infer<typeof MemberNameSchema>;

/** Anything with a member's name parts (a database row, a roster entry). */
type NameParts = { civility: string; firstName: string; lastName: string };

/** "Mme Léonore MONCOND'HUY". */
export function fullName(n: NameParts): string {
  return `${n.civility} ${n.firstName} ${n.lastName}`;
}
/** "Mme MONCOND'HUY" (the minutes name members by surname). */
export function surnameName(n: NameParts): string {
  return `${n.civility} ${n.lastName}`;
}

/** A council's settings for its sittings (part of its règlement intérieur), each with its schema. */
export const COUNCIL_SETTING_FIELDS = {
  /** Councillors may check themselves in from their device. */
  selfCheckIn: z.boolean(),
  /** A member leaving during the sitting may give a proxy (L2121-20, règlement intérieur). */
  midSittingProxies: z.boolean(),
  /** Whether a public vote's tally shows while the vote is open. */
  revealMode: z.enum(["live", "at-close"]),
  /** The president votes once every other member has. */
  presidentVotesLast: z.boolean(),
  // The council's clock, how it publishes its acts, the court named in its acts.
  /** The council's clock (IANA name): times are stored as UTC instants and printed on this clock. */
  timeZone: z.string().max(64).refine(isTimeZone, "unknown time zone: an IANA name such as Europe/Paris"),
  /**
   * How acts are made public where the law lets the council choose (L2131-1: communes under 3,500
   * inhabitants, by deliberation, since 1 July 2022); from 3,500 inhabitants only electronic counts.
   */
  publicationMode: z.enum(["electronic", "posting"]),
  /** The administrative court named in the acts' voies et délais de recours ("Tribunal administratif de Poitiers"). */
  administrativeCourt: z.string().trim().max(120),
  // The debate's speaking times (règlement intérieur, L2121-8): 0 means no limit.
  /** Each speech's time, in seconds. */
  speechSeconds: z.number().int().min(0).max(7200),
  /** A rapporteur's presentation of the item, in seconds (outside the groups' budgets). */
  rapporteurSeconds: z.number().int().min(0).max(7200),
  /** A point of order (rappel au règlement), in seconds. */
  pointOfOrderSeconds: z.number().int().min(0).max(7200),
  /** Each political group's total speaking time, in seconds, over one item or the whole sitting. */
  groupBudgetSeconds: z.number().int().min(0).max(86_400),
  groupBudgetScope: z.enum(["item", "sitting"]),
};
export const CouncilSettingsSchema = z.object({
  selfCheckIn: COUNCIL_SETTING_FIELDS.selfCheckIn.default(true),
  midSittingProxies: COUNCIL_SETTING_FIELDS.midSittingProxies.default(true),
  revealMode: COUNCIL_SETTING_FIELDS.revealMode.default("live"),
  presidentVotesLast: COUNCIL_SETTING_FIELDS.presidentVotesLast.default(true),
  timeZone: COUNCIL_SETTING_FIELDS.timeZone.default(DEFAULT_TIME_ZONE),
  publicationMode: COUNCIL_SETTING_FIELDS.publicationMode.default("electronic"),
  administrativeCourt: COUNCIL_SETTING_FIELDS.administrativeCourt.default(""),
  speechSeconds: COUNCIL_SETTING_FIELDS.speechSeconds.default(300),
  rapporteurSeconds: COUNCIL_SETTING_FIELDS.rapporteurSeconds.default(0),
  pointOfOrderSeconds: COUNCIL_SETTING_FIELDS.pointOfOrderSeconds.default(120),
  groupBudgetSeconds: COUNCIL_SETTING_FIELDS.groupBudgetSeconds.default(0),
  groupBudgetScope: COUNCIL_SETTING_FIELDS.groupBudgetScope.default("item"),
});
export type CouncilSettings = z.infer<typeof CouncilSettingsSchema>;

/** A sentence in both languages of the interface. */
export interface Bilingual {
  fr: string;
  en: string;
}

/** Why the rules engine answered what it did: the rule's id, the article of law, a sentence in each language. */
export interface Reason extends Bilingual {
  ruleId: string;
  article: string;
}
