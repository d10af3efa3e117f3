// Public entry point of the rules engine: quorum, proxies, results, ballot modes, nominations and
// the conformance evaluator. Pure code only (zod aside) so the server, the screens and scripts can share it.

export type * from "./types";
export { DEFAULT_RULE_SET_ID, checkRuleSetDate, getRuleSet, listRuleSets, frCgct, frCgctCovid2020, robertsRules, ukLga1972 } from "./rule-sets";
export { computeQuorum } from "./quorum";
export { countUsableProxies, validateNewProxy, validateProxies } from "./proxies";
export { computeResult } from "./result";
export { decideBallotMode } from "./ballot-mode";
export { computeElection } from "./election";
export { evaluateCase, evaluateParsedCase, consistencyProblems } from "./evaluate-case";
export { checkCase, compareExpectation, type CaseCheck } from "./conformance";
export {
  CaseSchema,
  CaseBodySchema,
  CaseInputSchema,
  ExpectSchema,
  ProxySchema,
  CaseTallySchema,
  CandidateSchema,
  describeSchemaError,
  type Case,
  type CaseBody,
  type CaseInput,
  type CaseExpect,
} from "./case-schema";
export { isIsoDate } from "./dates";
