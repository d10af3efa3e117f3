// The figures a préfecture reads on every vote (#14.6): votants, suffrages exprimés, abstentions,
// NPPV — and blancs ou nuls for a nomination — from the tally the log proclaimed (L2121-20, L2121-21).
import type { ItemKind, Tally } from "../vocabulary";

export interface VoteFigures {
  /** Members present or represented who took part in the vote (NPPV did not). */
  votants: number;
  /** Pour + Contre: abstentions, blank or spoilt ballots and NPPV are not suffrages exprimés. */
  exprimes: number;
  pour: number;
  contre: number;
  abstention: number;
  nppv: number;
  /** Nominations only (a ballot paper can be blank or spoilt); null for a deliberation. */
  blancsNuls: number | null;
}

export function voteFigures(tally: Tally, kind: ItemKind): VoteFigures {
  // The engine records a nomination's blank or spoilt papers as abstentions (no choice expressed).
  const blancsNuls = kind === "election" ? tally.abstention : null;
  return {
    votants: tally.pour + tally.contre + tally.abstention,
    exprimes: tally.pour + tally.contre,
    pour: tally.pour,
    contre: tally.contre,
    abstention: kind === "election" ? 0 : tally.abstention,
    nppv: tally.nppv,
    blancsNuls,
  };
}

/** One line: "Votants : 4 — suffrages exprimés : 3 — pour : 2 — contre : 1 — abstentions : 1 — ne prennent pas part au vote : 1". */
export function voteFiguresLine(f: VoteFigures): string {
  return [
    `Votants : ${f.votants}`,
    f.blancsNuls !== null ? `blancs ou nuls : ${f.blancsNuls}` : null,
    `suffrages exprimés : ${f.exprimes}`,
    `pour : ${f.pour}`,
    `contre : ${f.contre}`,
    f.blancsNuls === null ? `abstentions : ${f.abstention}` : null,
    `ne prennent pas part au vote : ${f.nppv}`,
  ]
    .filter((x): x is string => x !== null)
    .join(" — ");
}
