// What the records say about the whole sitting's facts (#13), one function per fact, shared by the
// extract, the procès-verbal and the list of deliberations: an item withdrawn or deferred and why, a
// nomination's rounds with their figures and who was designated, the amendments voted before the
// item, the votes cancelled before their proclamation, the ballots the chair recorded, the paper urn,
// a deliberation taken in closed session.
import { roundLine } from "../minutes/whole-sitting-facts";
import type { ItemState, SittingState } from "../sitting/state";
import { voteFigures, voteFiguresLine } from "./vote-figures";

/** "Retiré : …", "Reporté : …", "Reporté (quorum non atteint)", or null while the item is not set aside. */
export function setAsideLabel(it: ItemState): string | null {
  const a = it.setAside;
  if (!a && it.status === "deferred") return "Reporté (quorum non atteint)";
  if (!a) return null;
  if (a.kind === "withdrawn") return `Retiré : ${a.reasonFr}`;
  return a.byChair ? `Reporté : ${a.reasonFr}` : "Reporté (quorum non atteint)";
}

/** A nomination's decision: "Désignation : Mme X" (or "Sont désignés : A, B"), null before. */
export function nominationLabel(it: ItemState): string | null {
  const n = it.nomination;
  if (!n || it.status !== "decided" || !n.elected.length) return null;
  const labels = n.elected.map((id) => n.candidates.find((c) => c.id === id)?.label ?? id);
  return labels.length > 1 ? `Sont désignés : ${labels.join(", ")}` : `Désignation : ${labels[0] ?? ""}`;
}

export interface NominationRecord {
  seats: number;
  openBallot: boolean;
  candidates: string[];
  /** One line per round, with its figures and the engine's sentence. */
  rounds: string[];
  elected: string[];
}

export function nominationRecord(it: ItemState): NominationRecord | null {
  const n = it.nomination;
  if (!n) return null;
  const label = (id: string) => n.candidates.find((c) => c.id === id)?.label ?? id;
  return {
    seats: n.seats,
    openBallot: !!n.openBallot,
    candidates: n.candidates.map((c) => (c.memberIds.length > 1 ? `${c.label} (${c.memberIds.length} candidats)` : c.label)),
    rounds: n.rounds.map((r) => roundLine(r, label)),
    elected: n.elected.map(label),
  };
}

export interface AmendmentRecord {
  number: number;
  author: string;
  text: string;
  /** "Amendement n° 1 adopté" / "rejeté" / "retiré : …" / "non voté". */
  decision: string;
  figures: string | null;
  reason: string | null;
}

export function amendmentRecords(state: SittingState, it: ItemState): AmendmentRecord[] {
  return it.amendments.map((a) => {
    const r = a.result;
    const decision =
      a.status === "withdrawn"
        ? `Amendement n° ${a.number} retiré : ${a.withdrawnReason ?? ""}`
        : r
          ? `Amendement n° ${a.number} ${r.outcome === "adopted" ? "adopté" : "rejeté"}${r.unanimous ? " à l'unanimité" : ""}`
          : `Amendement n° ${a.number} non voté`;
    return {
      number: a.number,
      author: state.roster[a.authorId]?.name ?? a.authorId,
      text: a.text,
      decision,
      figures: r ? voteFiguresLine(voteFigures(r.tally, "ordinary")) : null,
      reason: r ? r.reasonFr : null,
    };
  });
}

/** "Vote au scrutin public du 3 octobre 2022 à 19h10 annulé avant proclamation : …", per cancelled vote on the item. */
export function cancelledVotes(state: SittingState, it: ItemState): string[] {
  return Object.values(state.votes)
    .filter((v) => v.itemId === it.id && v.status === "cancelled" && v.cancelled)
    .map((v) => {
      const what = v.subject?.kind === "amendment" ? "Un vote sur un amendement" : v.subject?.kind === "huis-clos" ? "Un vote sur le huis clos" : "Un vote";
      return `${what} a été annulé avant sa proclamation : ${v.cancelled?.reason ?? ""}`;
    });
}

/** Ballots the chair recorded on the deciding vote (members without a device) and the paper ballots of a secret one. */
export function recordedBallots(state: SittingState, voteId: string | null): { byChair: string[]; paper: number } {
  const vote = voteId ? state.votes[voteId] : undefined;
  const name = (id: string) => state.roster[id]?.name ?? id;
  const byChair = (vote?.byChair ?? []).map((k) => {
    const [memberId = "", onBehalfOf = ""] = k.split("|");
    return onBehalfOf ? `${name(onBehalfOf)} (pouvoir à ${name(memberId)})` : name(memberId);
  });
  return { byChair, paper: (vote?.paper ?? []).reduce((a, p) => a + p.voters.length, 0) };
}

/** Whether the item was deliberated in closed session (L2121-18). */
export function inCamera(it: ItemState): boolean {
  return it.inCamera;
}

/** The decision a list or a PV prints for an item the whole sitting may have set aside or designated through. */
export function decisionOf(it: ItemState): string {
  const aside = setAsideLabel(it);
  if (aside) return aside;
  const nomination = nominationLabel(it);
  if (nomination) return nomination;
  if (it.status === "decided" && it.result) return `${it.result.outcome === "adopted" ? "Adoptée" : "Rejetée"}${it.result.unanimous ? " à l'unanimité" : ""}`;
  return "Non examinée";
}

/** What an extract adds for the whole sitting's facts on its item. */
export interface WholeSittingExtract {
  nomination: NominationRecord | null;
  amendments: AmendmentRecord[];
  cancelled: string[];
  byChair: string[];
  paperBallots: number;
  inCamera: boolean;
}

export function wholeSittingExtract(state: SittingState, it: ItemState, decidingVoteId: string | null): WholeSittingExtract {
  const recorded = recordedBallots(state, decidingVoteId);
  return {
    nomination: nominationRecord(it),
    amendments: amendmentRecords(state, it),
    cancelled: cancelledVotes(state, it),
    byChair: recorded.byChair,
    paperBallots: recorded.paper,
    inCamera: inCamera(it),
  };
}
