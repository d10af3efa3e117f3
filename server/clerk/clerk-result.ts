// What the clerk's domain functions answer: the shared Result of core/refusal.ts.
export { done, refuse, type Result as ClerkResult, type Refusal as ClerkRefusal, type Bilingual } from "../../core/refusal";
export type { FileProblem } from "../../core/api/clerk-roster";
