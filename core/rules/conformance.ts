// Checks one conformance case against the engine and says, in one line, what differed.
// Pure: the runner script does the file reading and printing.

import { type CaseExpect, CaseSchema, describeSchemaError } from "./case-schema";
import { evaluateParsedCase } from "./evaluate-case";
import type { CaseEvaluation } from "./types";

export interface CaseCheck {
  name: string;
  passed: boolean;
  /** What differed, or why the case could not be run; empty when passed. */
  detail: string;
  evaluation?: CaseEvaluation;
}

const checkedFields = ["valid", "quorumRequired", "quorum", "outcome", "castingVote", "majorityRequired", "elected"] as const;

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.map(show).join(",");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value);
}

export function compareExpectation(expect: CaseExpect, got: CaseEvaluation): string[] {
  const diffs: string[] = [];
  for (const field of checkedFields) {
    const wanted = expect[field];
    if (wanted !== undefined && wanted !== got[field]) {
      diffs.push(`${field}: expected ${show(wanted)}, got ${show(got[field])}`);
    }
  }
  return diffs;
}

/** raw is the parsed JSON; fallbackName (usually the file name) is used when the case has no usable name. */
export function checkCase(raw: unknown, fallbackName: string): CaseCheck {
  const name = caseName(raw) ?? fallbackName;
  const parsed = CaseSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      name,
      passed: false,
      detail: `malformed case — ${describeSchemaError(parsed.error)}`,
    };
  }
  const evaluation = evaluateParsedCase(parsed.data);
  const diffs = compareExpectation(parsed.data.expect, evaluation);
  if (diffs.length === 0) return { name, passed: true, detail: "", evaluation };
  return {
    name,
    passed: false,
    detail: `${diffs.join("; ")} [${evaluation.reason.ruleId}: ${evaluation.reason.en}]`,
    evaluation,
  };
}

function caseName(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || !("name" in raw)) return undefined;
  const { name } = raw;
  return typeof name === "string" && name.trim() !== "" ? name : undefined;
}
