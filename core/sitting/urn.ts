// A secret ballot's urn arithmetic: a deposit's choice (or the paper urn's totals) goes into the
// totals and nowhere else. A nomination round's urn also counts each candidate (blank papers are its
// `abstention`, as the records read them).
import { EMPTY_TALLY, type Choice, type Tally } from "../vocabulary";
import type { PaperTotals } from "./state-parts";

export function depositInUrn(urn: Tally, choice: Choice): Tally {
  return { ...urn, [choice]: urn[choice] + 1 };
}

/** One ballot for a choice. */
export function oneBallot(choice: Choice): PaperTotals {
  return { tally: depositInUrn(EMPTY_TALLY, choice), candidates: [] };
}

/** One nomination paper: for the candidate at `index` of the round, or blank (null). */
export function onePick(index: number | null, candidateCount: number): PaperTotals {
  const candidates = Array.from({ length: candidateCount }, (_, i) => (i === index ? 1 : 0));
  return { tally: index === null ? { ...EMPTY_TALLY, abstention: 1 } : { ...EMPTY_TALLY }, candidates };
}

/** The urn after adding some ballots (a deposit or the paper urn). */
export function addToUrn(urn: PaperTotals, add: PaperTotals): PaperTotals {
  const length = Math.max(urn.candidates.length, add.candidates.length);
  return {
    tally: {
      pour: urn.tally.pour + add.tally.pour,
      contre: urn.tally.contre + add.tally.contre,
      abstention: urn.tally.abstention + add.tally.abstention,
      nppv: urn.tally.nppv + add.tally.nppv,
    },
    candidates: Array.from({ length }, (_, i) => (urn.candidates[i] ?? 0) + (add.candidates[i] ?? 0)),
  };
}

/** How many papers some totals stand for. */
export function papersIn(t: PaperTotals): number {
  return t.tally.pour + t.tally.contre + t.tally.abstention + t.tally.nppv + t.candidates.reduce((a, b) => a + b, 0);
}
