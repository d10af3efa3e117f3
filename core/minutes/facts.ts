// The facts the sitting writes into its minutes (opening, arrivals and departures, proxies, each
// item's call, ballot-mode requests, results, suspensions, closing), each built from its event and
// the state that event was decided on (#14.4), with times on the council's clock (#14.3). Pure: the
// live writer and the procès-verbal export give the same sentence for the same event.
import { isFeminine, presidentWithTitle, secretaryLabel } from "../records/attendance";
import { voteFigures, voteFiguresLine } from "../records/vote-figures";
import { usableProxies } from "../sitting/derive";
import type { SittingHeader } from "../sitting/projection";
import type { SittingEvent, SittingState } from "../sitting/state";
import { frenchClock } from "../time";
import { CHOICES } from "../vocabulary";
import { chairRecordedSentence, paperSentence, resultPrefix, WHOLE_SITTING_FACT_EVENTS, wholeSittingFact } from "./whole-sitting-facts";
import { speechSentence } from "./debate-facts";

export type FactKind =
  | "opening"
  | "arrival"
  | "departure"
  | "proxy"
  | "proxy-ended"
  | "item-call"
  | "item-deferred"
  | "ballot-mode"
  | "result"
  | "suspension"
  | "resumption"
  | "closing"
  // The whole sitting (#13): core/minutes/whole-sitting-facts.ts.
  | "item-withdrawn"
  | "amendment"
  | "nomination"
  | "paper-urn"
  | "president-turn"
  | "vote-cancelled"
  | "huis-clos"
  | "speech";

export interface Fact {
  seq: number;
  kind: FactKind;
  /** A heading to insert before the fact (each agenda item gets its own). */
  heading: string | null;
  text: string;
}

const CHOICE_FR = { pour: "Pour", contre: "Contre", abstention: "Abstention", nppv: "Ne prend pas part au vote" } as const;
const MODE_FR = { "show-of-hands": "à main levée", public: "au scrutin public", secret: "au scrutin secret" } as const;

function names(state: SittingState, ids: readonly string[]): string {
  return ids.map((id) => state.roster[id]?.name ?? id).join(", ");
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** Events that write a fact whatever the state (a cheap filter before any state is rebuilt). */
const FACT_EVENTS: ReadonlySet<SittingEvent["type"]> = new Set([
  "sitting:opened",
  "rollcall:marked",
  "rollcall:departed",
  "proxy:given",
  "proxy:revoked",
  "item:called",
  "item:deferred",
  "ballot-mode:decided",
  "vote:proclaimed",
  "sitting:suspended",
  "sitting:resumed",
  "sitting:closed",
  "floor:given",
]);

/** Whether an event may write a fact: the others (ballots, approvals) never do. */
export function mayWriteFact(event: SittingEvent): boolean {
  return FACT_EVENTS.has(event.type) || WHOLE_SITTING_FACT_EVENTS.has(event.type);
}

/** "présents : 29 ; représentés : 1 ; absents : 23 (dont excusés : 2)" — each member counted once. */
function countsAt(state: SittingState, presentIds: readonly string[], represented: readonly { from: string }[]): string {
  const here = new Set(presentIds);
  const rep = new Set(represented.map((p) => p.from));
  const away = Object.keys(state.roster).filter((id) => !here.has(id) && !rep.has(id));
  const excused = away.filter((id) => state.attendance[id]?.status === "excused").length;
  return `présents : ${presentIds.length} ; représentés : ${represented.length} ; absents : ${away.length}${excused ? ` (dont excusés : ${excused})` : ""}`;
}

function opening(seq: number, event: Extract<SittingEvent, { type: "sitting:opened" }>, before: SittingState, header: SittingHeader): Fact {
  const tz = before.settings.timeZone;
  const q = event.quorum;
  const secretaries = before.secretaryIds.length ? `${secretaryLabel(before.secretaryIds, before.roster)} : ${names(before, before.secretaryIds)}. ` : "";
  return {
    seq,
    kind: "opening",
    heading: "Ouverture de la séance",
    text:
      `La séance du conseil municipal de ${header.commune} est ouverte à ${frenchClock(event.at, tz)} sous la présidence de ${presidentWithTitle(before) ?? "la présidence"}. ` +
      secretaries +
      `Membres en exercice : ${before.membersInOffice} ; ${countsAt(before, event.presentIds, usableProxies(before))}. ` +
      `Quorum : ${q.required} requis, ${q.counted} présents — ${q.reached ? "atteint" : "non atteint"}.`,
  };
}

/** Arrivals, departures and proxies during the sitting (#14.7); none before the opening. */
function movement(seq: number, event: SittingEvent, before: SittingState): Fact | null {
  const tz = before.settings.timeZone;
  const live = before.status === "opened" || before.status === "suspended";
  const name = (id: string) => before.roster[id]?.name ?? id;
  const e = (id: string) => (isFeminine(before.roster[id]?.civility) ? "e" : "");
  switch (event.type) {
    case "rollcall:marked":
      if (!live || event.status !== "present" || before.attendance[event.memberId]?.status === "present") return null;
      return { seq, kind: "arrival", heading: null, text: `${name(event.memberId)} rejoint la séance à ${frenchClock(event.at, tz)}.` };
    case "rollcall:departed":
      return { seq, kind: "departure", heading: null, text: `${name(event.memberId)} quitte la séance à ${frenchClock(event.at, tz)}.` };
    case "proxy:given": {
      if (before.status === "convened") return null;
      const left = before.attendance[event.from];
      const text =
        left?.status === "left" && left.leftAt
          ? `${name(event.from)}, qui a quitté la séance à ${frenchClock(left.leftAt, tz)}, donne pouvoir à ${name(event.to)}.`
          : `${name(event.from)}, absent${e(event.from)}, donne pouvoir à ${name(event.to)} (pouvoir écrit déposé à ${frenchClock(event.at, tz)}).`;
      return { seq, kind: "proxy", heading: null, text };
    }
    case "proxy:revoked": {
      const p = before.proxies[event.from];
      if (before.status === "convened" || !p) return null;
      return { seq, kind: "proxy-ended", heading: null, text: `Le pouvoir de ${name(event.from)} à ${name(p.to)} prend fin à ${frenchClock(event.at, tz)}.` };
    }
    default:
      return null;
  }
}

function result(seq: number, event: Extract<SittingEvent, { type: "vote:proclaimed" }>, before: SittingState): Fact {
  const vote = before.votes[event.voteId];
  const item = before.items[event.itemId];
  const r = event.result;
  let byName = "";
  if (vote?.mode === "public") {
    // By surname, as a register lists them, not by civility.
    const surname = (id: string) => `${before.roster[id]?.lastName ?? id} ${before.roster[id]?.firstName ?? ""}`;
    const groups = CHOICES.map((ch) => {
      const who = Object.values(vote.ballots)
        .filter((b) => b.choice === ch)
        .sort((x, y) => surname(x.onBehalfOf || x.memberId).localeCompare(surname(y.onBehalfOf || y.memberId), "fr"))
        .map((b) => (b.onBehalfOf ? `${names(before, [b.onBehalfOf])} (pouvoir à ${names(before, [b.memberId])})` : names(before, [b.memberId])));
      return who.length ? `${CHOICE_FR[ch]} : ${who.join(", ")}.` : "";
    }).filter(Boolean);
    byName = groups.length ? ` Votes nominatifs — ${groups.join(" ")}` : "";
  }
  return {
    seq,
    kind: "result",
    heading: null,
    text:
      `${resultPrefix(before, event.voteId)}Vote ${vote ? MODE_FR[vote.mode] : ""} — ${voteFiguresLine(voteFigures(r.tally, vote?.subject ? "ordinary" : (item?.kind ?? "ordinary"))).replace(/^V/, "v")}. ` +
      `${r.reasonFr}${r.unanimous && !r.reasonFr.includes("unanimité") ? " (à l'unanimité des suffrages exprimés)" : ""}.${paperSentence(before, event.voteId)}${byName}${chairRecordedSentence(before, event.voteId)}`,
  };
}

/** The fact an event writes into the minutes, from the state it was decided on; null when it writes none. */
export function factFor(seq: number, event: SittingEvent, before: SittingState, header: SittingHeader): Fact | null {
  const tz = before.settings.timeZone;
  switch (event.type) {
    case "sitting:opened":
      return opening(seq, event, before, header);
    case "item:called": {
      const item = before.items[event.itemId];
      const c = event.call;
      const proxies = c.proxies.map((p) => `${names(before, [p.from])} à ${names(before, [p.to])}`).join(" ; ");
      const rapporteurs = header.rapporteursByItem[event.itemId] ?? [];
      return {
        seq,
        kind: "item-call",
        heading: item ? `n° ${item.order} — ${item.title}` : null,
        text:
          `Point appelé à ${frenchClock(c.at, tz)}${rapporteurs.length ? `, rapporteur : ${rapporteurs.join(", ")}` : ""}. ` +
          `${countsAt(before, c.presentIds, c.proxies).replace(/^p/, "P")}${proxies ? ` — pouvoirs : ${proxies}` : ""}. ` +
          (c.recusedIds.length ? `Ne prennent pas part (intérêt déclaré) : ${names(before, c.recusedIds)}. ` : "") +
          `Quorum : ${c.quorum.required} requis, ${c.quorum.counted} comptés — ${c.quorum.reached ? "atteint" : "non atteint"}.`,
      };
    }
    case "item:deferred":
      return event.byChair ? wholeSittingFact(seq, event, before) : { seq, kind: "item-deferred", heading: null, text: event.reasonFr };
    case "ballot-mode:decided": {
      const item = before.items[event.itemId];
      const n = item ? item.ballotRequests[event.mode === "secret" ? "secret" : "public"].length : 0;
      return {
        seq,
        kind: "ballot-mode",
        heading: null,
        text: `Demande de vote ${MODE_FR[event.mode]} par ${plural(n, "membre présent", "membres présents")} : ${event.reasonFr}`,
      };
    }
    case "vote:proclaimed":
      return result(seq, event, before);
    case "sitting:suspended":
      return { seq, kind: "suspension", heading: null, text: `La séance est suspendue à ${frenchClock(event.at, tz)}.` };
    case "sitting:resumed":
      return {
        seq,
        kind: "resumption",
        heading: null,
        text: `La séance reprend à ${frenchClock(event.at, tz)}. Quorum : ${event.quorum.required} requis, ${event.quorum.counted} présents — ${event.quorum.reached ? "atteint" : "non atteint"}.`,
      };
    case "sitting:closed":
      return { seq, kind: "closing", heading: "Clôture", text: `La séance est levée à ${frenchClock(event.at, tz)}.` };
    case "floor:given":
      return { seq, kind: "speech", heading: null, text: speechSentence(event, before) };
    default:
      return movement(seq, event, before) ?? wholeSittingFact(seq, event, before);
  }
}
