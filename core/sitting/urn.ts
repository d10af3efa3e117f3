// A secret ballot's urn arithmetic: the choice of a deposit goes into the totals and nowhere else.
import type { Choice, Tally } from "../vocabulary";

export function depositInUrn(urn: Tally, choice: Choice): Tally {
  return { ...urn, [choice]: urn[choice] + 1 };
}
