// The minutes' facts the whole sitting added (#13), one function per fact: an item withdrawn or
// deferred by the chair, amendments proposed and withdrawn, a nomination's candidates, the council's
// unanimous decision to vote openly, each round's figures, the paper urn, the president's turn, a vote
// cancelled, the closed session's start and end. Each from its event and the state it met (REC-9).
import type { SittingEvent, SittingState } from "../sitting/state";
import type { NominationRound } from "../sitting/state-parts";
import { frenchClock } from "../time";
import type { Fact } from "./facts";

const MODE_FR = { "show-of-hands": "à main levée", public: "au scrutin public", secret: "au scrutin secret" } as const;

function name(state: SittingState, id: string): string {
  return state.roster[id]?.name ?? id;
}

function joinFr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

function roundName(round: number): string {
  return round === 1 ? "Premier tour" : round === 2 ? "Deuxième tour" : "Troisième tour";
}

function withdrawn(seq: number, e: Extract<SittingEvent, { type: "item:withdrawn" }>, before: SittingState): Fact {
  const item = before.items[e.itemId];
  return {
    seq,
    kind: "item-withdrawn",
    heading: item && !item.call ? `n° ${item.order} — ${item.title}` : null,
    text: `Point retiré de l'ordre du jour à ${frenchClock(e.at, before.settings.timeZone)} : ${e.reason}.`,
  };
}

function deferredByChair(seq: number, e: Extract<SittingEvent, { type: "item:deferred" }>, before: SittingState): Fact {
  const item = before.items[e.itemId];
  return {
    seq,
    kind: "item-deferred",
    heading: item && !item.call ? `n° ${item.order} — ${item.title}` : null,
    text: `Point reporté à une séance ultérieure : ${e.reasonFr}.`,
  };
}

function amendmentProposed(seq: number, e: Extract<SittingEvent, { type: "amendment:proposed" }>, before: SittingState): Fact {
  return { seq, kind: "amendment", heading: null, text: `Amendement n° ${e.number} déposé par ${name(before, e.authorId)} : « ${e.text} ».` };
}

function amendmentWithdrawn(seq: number, e: Extract<SittingEvent, { type: "amendment:withdrawn" }>, before: SittingState): Fact {
  const a = before.items[e.itemId]?.amendments.find((x) => x.id === e.amendmentId);
  return { seq, kind: "amendment", heading: null, text: `L'amendement n° ${a?.number ?? "?"} est retiré : ${e.reason}.` };
}

function candidates(seq: number, e: Extract<SittingEvent, { type: "nomination:set" }>): Fact {
  const lists = e.candidates.some((c) => c.memberIds.length > 1);
  const seats = `${e.seats} siège${e.seats > 1 ? "s" : ""} à pourvoir`;
  const who = e.candidates.map((c) => c.label);
  return {
    seq,
    kind: "nomination",
    heading: null,
    text: `Désignation — ${seats} ; ${lists ? "listes candidates" : "candidats"} : ${who.length ? joinFr(who) : "aucun"}.`,
  };
}

function openBallot(seq: number): Fact {
  return {
    seq,
    kind: "nomination",
    heading: null,
    text: "Le conseil municipal décide, à l'unanimité, de ne pas procéder au scrutin secret pour cette désignation (CGCT L. 2121-21).",
  };
}

/** "Premier tour, scrutin secret — votants : 49 ; blancs ou nuls : 2 ; suffrages exprimés : 47 ; majorité absolue : 24 — A : 20 voix ; B : 27 voix." */
export function roundLine(round: NominationRound, labelOf: (candidateId: string) => string): string {
  const f = round.figures;
  const seat = ` (siège n° ${round.seat})`;
  if (round.voteId === null) return `Candidature unique${seat} : ${round.reasonFr}`;
  const voix = f.voix.map((v) => `${labelOf(v.candidateId)} : ${v.votes} voix`).join(" ; ");
  return (
    `${roundName(round.round)}${round.seat > 1 ? seat : ""}, ${MODE_FR[round.mode]} — votants : ${f.votants} ; blancs ou nuls : ${f.blancsNuls} ; ` +
    `suffrages exprimés : ${f.exprimes}${f.majoriteAbsolue !== null ? ` ; majorité absolue : ${f.majoriteAbsolue}` : ""}${f.nppv ? ` ; ne prennent pas part au vote : ${f.nppv}` : ""} — ${voix}. ${round.reasonFr}`
  );
}

function nominationRound(seq: number, e: Extract<SittingEvent, { type: "nomination:proclaimed" }>, before: SittingState): Fact {
  const all = before.items[e.itemId]?.nomination?.candidates ?? [];
  const text = roundLine(e.round, (id) => all.find((c) => c.id === id)?.label ?? id);
  return { seq, kind: "nomination", heading: null, text: text.endsWith(".") ? text : `${text}.` };
}

function paper(seq: number, e: Extract<SittingEvent, { type: "vote:paper-deposited" }>, before: SittingState): Fact {
  const who = e.voters.map((v) => (v.onBehalfOf ? `${name(before, v.onBehalfOf)} (pouvoir à ${name(before, v.memberId)})` : name(before, v.memberId)));
  const n = e.voters.length;
  return {
    seq,
    kind: "paper-urn",
    heading: null,
    text: `Urne papier : ${n} bulletin${n > 1 ? "s" : ""} de ${joinFr(who)}, dépouillé${n > 1 ? "s" : ""} par la présidence et ajouté${n > 1 ? "s" : ""} à l'urne du scrutin secret.`,
  };
}

function othersClosed(seq: number, e: Extract<SittingEvent, { type: "vote:others-closed" }>, before: SittingState): Fact {
  const president = before.presidentMemberId ? name(before, before.presidentMemberId) : "La présidence";
  const missing = e.notVoted
    ? ` ; ${e.notVoted} vote${e.notVoted > 1 ? "s" : ""} n'${e.notVoted > 1 ? "ont" : "a"} pas été exprimé${e.notVoted > 1 ? "s" : ""}`
    : "";
  return {
    seq,
    kind: "president-turn",
    heading: null,
    text: `${president}, qui vote en dernier, clôt le vote des autres membres à ${frenchClock(e.at, before.settings.timeZone)} et vote${missing}.`,
  };
}

function cancelled(seq: number, e: Extract<SittingEvent, { type: "vote:cancelled" }>, before: SittingState): Fact {
  const vote = before.votes[e.voteId];
  const a =
    vote?.subject?.kind === "amendment"
      ? before.items[e.itemId]?.amendments.find((x) => x.id === (vote.subject as { amendmentId: string }).amendmentId)
      : undefined;
  const what = a ? `Le vote sur l'amendement n° ${a.number}` : vote?.subject?.kind === "huis-clos" ? "Le vote sur le huis clos" : "Le vote";
  return {
    seq,
    kind: "vote-cancelled",
    heading: null,
    text: `${what} ${vote ? MODE_FR[vote.mode] : ""} est annulé avant sa proclamation, à ${frenchClock(e.at, before.settings.timeZone)} : ${e.reason}.`,
  };
}

function huisClosBegan(seq: number, e: Extract<SittingEvent, { type: "huis-clos:began" }>, before: SittingState): Fact {
  return {
    seq,
    kind: "huis-clos",
    heading: null,
    text: `Le conseil municipal siège à huis clos à partir de ${frenchClock(e.at, before.settings.timeZone)} (CGCT L. 2121-18).`,
  };
}

function huisClosEnded(seq: number, e: Extract<SittingEvent, { type: "huis-clos:ended" }>, before: SittingState): Fact {
  return { seq, kind: "huis-clos", heading: null, text: `Fin du huis clos à ${frenchClock(e.at, before.settings.timeZone)} : la séance redevient publique.` };
}

/** The events that write one of these facts. */
export const WHOLE_SITTING_FACT_EVENTS: ReadonlySet<SittingEvent["type"]> = new Set([
  "item:withdrawn",
  "amendment:proposed",
  "amendment:withdrawn",
  "nomination:set",
  "nomination:open-ballot-decided",
  "nomination:proclaimed",
  "vote:paper-deposited",
  "vote:others-closed",
  "vote:cancelled",
  "huis-clos:began",
  "huis-clos:ended",
]);

/** The fact of an event the whole sitting added, from the state it met; null for any other event. */
export function wholeSittingFact(seq: number, event: SittingEvent, before: SittingState): Fact | null {
  switch (event.type) {
    case "item:withdrawn":
      return withdrawn(seq, event, before);
    case "item:deferred":
      return event.byChair ? deferredByChair(seq, event, before) : null;
    case "amendment:proposed":
      return amendmentProposed(seq, event, before);
    case "amendment:withdrawn":
      return amendmentWithdrawn(seq, event, before);
    case "nomination:set":
      return candidates(seq, event);
    case "nomination:open-ballot-decided":
      return openBallot(seq);
    case "nomination:proclaimed":
      return nominationRound(seq, event, before);
    case "vote:paper-deposited":
      return paper(seq, event, before);
    case "vote:others-closed":
      return othersClosed(seq, event, before);
    case "vote:cancelled":
      return cancelled(seq, event, before);
    case "huis-clos:began":
      return huisClosBegan(seq, event, before);
    case "huis-clos:ended":
      return huisClosEnded(seq, event, before);
    default:
      return null;
  }
}

/** What the result fact adds for a whole-sitting vote: the amendment or motion it decided, the ballots the chair recorded. */
export function resultPrefix(state: SittingState, voteId: string): string {
  const vote = state.votes[voteId];
  const subject = vote?.subject;
  if (subject?.kind === "amendment") {
    const a = state.items[vote?.itemId ?? ""]?.amendments.find((x) => x.id === subject.amendmentId);
    return a ? `Amendement n° ${a.number} (${name(state, a.authorId)}) — ` : "Amendement — ";
  }
  if (subject?.kind === "huis-clos") return `Huis clos demandé par ${joinFr(subject.requestedBy.map((id) => name(state, id)))} — `;
  return "";
}

/** "Votes enregistrés par la présidence (membres sans tablette) : M. A, Mme B." — or nothing. */
export function chairRecordedSentence(state: SittingState, voteId: string): string {
  const keys = state.votes[voteId]?.byChair ?? [];
  if (!keys.length) return "";
  const who = keys.map((k) => {
    const [memberId = "", onBehalfOf = ""] = k.split("|");
    return onBehalfOf ? `${name(state, onBehalfOf)} (pouvoir à ${name(state, memberId)})` : name(state, memberId);
  });
  return ` Votes enregistrés par la présidence (membres sans tablette) : ${joinFr(who)}.`;
}

/** " Dont 3 bulletins sur papier." for a secret ballot with a paper urn. */
export function paperSentence(state: SittingState, voteId: string): string {
  const n = (state.votes[voteId]?.paper ?? []).reduce((a, p) => a + p.voters.length, 0);
  return n ? ` Dont ${n} bulletin${n > 1 ? "s" : ""} de l'urne papier.` : "";
}
