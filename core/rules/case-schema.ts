// The conformance-case format (see /shared/rules-cases/README.md) as zod schemas, so a malformed
// case is reported with the exact field at fault instead of crashing the runner.

import { z } from "zod";
import { BallotModeSchema, ChoiceSchema, ItemKindSchema } from "../vocabulary";
import { isIsoDate } from "./dates";

export { BallotModeSchema, ChoiceSchema };

/** "is missing" when absent, otherwise what was expected. */
function expected(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "is missing" : `must be ${what}`);
}

const count = z
  .number({ error: expected("a number") })
  .int("must be a whole number")
  .nonnegative("must not be negative");
const isoDate = z.string({ error: expected("a date string") }).refine(isIsoDate, "must be a real date written YYYY-MM-DD");

export const CaseOutcomeSchema = z.enum(["adopted", "rejected", "no-quorum", "elected", "no-winner", "invalid"]);

export const ProxySchema = z.object({
  from: z.string({ error: expected("a member id (string)") }).min(1, "must not be empty"),
  to: z.string({ error: expected("a member id (string)") }).min(1, "must not be empty"),
  sittingsUsed: z.number().int().min(1, "must be at least 1").optional(),
  illnessCertified: z.boolean().optional(),
});

// Abstentions and NPPV are often left out when there are none.
export const CaseTallySchema = z.object({
  pour: count,
  contre: count,
  abstention: count.default(0),
  nppv: count.default(0),
});

export const CandidateSchema = z.object({
  name: z.string({ error: expected("a string") }).min(1, "must not be empty"),
  votes: count,
  birthDate: isoDate,
});

const sittingFields = {
  membersInOffice: z
    .number({ error: expected("a number") })
    .int("must be a whole number")
    .positive("must be at least 1"),
  present: count,
  recused: count.default(0),
  proxies: z.array(ProxySchema, { error: expected("a list of proxies") }).default([]),
  secondConvocation: z.boolean({ error: expected("true or false") }).default(false),
};

export const VoteInputSchema = z.object({
  kind: ItemKindSchema.exclude(["election"]),
  ...sittingFields,
  ballot: BallotModeSchema.default("show-of-hands"),
  twoThirds: z.boolean({ error: expected("true or false") }).default(false),
  votes: CaseTallySchema,
  presidentVote: z.union([ChoiceSchema, z.literal("none")]).default("none"),
});

export const ElectionInputSchema = z.object({
  kind: z.literal("election"),
  ...sittingFields,
  ballot: BallotModeSchema.default("secret"),
  round: z.union([z.literal(1), z.literal(2), z.literal(3)], {
    error: expected("1, 2 or 3"),
  }),
  candidates: z.array(CandidateSchema, {
    error: expected("a list of candidates"),
  }),
  blank: count.default(0),
});

export const CaseInputSchema = z.discriminatedUnion("kind", [VoteInputSchema, ElectionInputSchema], {
  error: (issue) =>
    issue.code === "invalid_union"
      ? issue.input === undefined
        ? "is missing"
        : `must be one of ${ItemKindSchema.options.map((k) => `"${k}"`).join(", ")}`
      : undefined,
});

export const ExpectSchema = z
  .object({
    valid: z.boolean().optional(),
    quorumRequired: count.optional(),
    quorum: z.boolean().optional(),
    outcome: CaseOutcomeSchema.optional(),
    castingVote: z.boolean().optional(),
    majorityRequired: count.optional(),
    elected: z.string().optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), "must give at least one known field to check");

/** A case without its answer: what evaluateCase needs. A missing ruleSet means the default, fr-cgct. */
export const CaseBodySchema = z.object({
  name: z.string().optional(),
  source: z.string().optional(),
  ruleSet: z.string({ error: expected("a rule set id (string)") }).default("fr-cgct"),
  date: isoDate.optional(),
  input: CaseInputSchema,
});

export const CaseSchema = CaseBodySchema.extend({ expect: ExpectSchema });

export type CaseBody = z.infer<typeof CaseBodySchema>;
export type CaseInput = z.infer<typeof CaseInputSchema>;
export type Case = z.infer<typeof CaseSchema>;
export type CaseExpect = z.infer<typeof ExpectSchema>;

/** One line per problem, "input.votes.pour: must be a number", for the runner's FAIL line. */
export function describeSchemaError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      if (issue.code === "invalid_type" && issue.expected === "object") {
        return /received undefined/.test(issue.message) ? `${path}: is missing` : `${path || "case"}: must be a JSON object`;
      }
      return `${path || "case"}: ${issue.message}`;
    })
    .join("; ");
}
