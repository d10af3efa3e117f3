// The facts the sitting writes into its minutes (opening, each item's call, ballot-mode requests,
// results, suspensions, closing), as sentences built from the event log and the sitting's state.
// Pure: the same event always gives the same sentence, so the figures cannot drift from the log.
import type { SittingHeader } from "../sitting/projection";
import type { SittingEvent, SittingState } from "../sitting/state";

export type FactKind = "opening" | "item-call" | "item-deferred" | "ballot-mode" | "result" | "suspension" | "resumption" | "closing";

export interface Fact {
  seq: number;
  kind: FactKind;
  /** A heading to insert before the fact (each agenda item gets its own). */
  heading: string | null;
  text: string;
}

const CHOICE_FR = { pour: "Pour", contre: "Contre", abstention: "Abstention", nppv: "Ne prend pas part au vote" } as const;
const MODE_FR = { "show-of-hands": "à main levée", public: "au scrutin public", secret: "au scrutin secret" } as const;

function hhmm(iso: string): string {
  const m = /T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[1]}h${m[2]}` : iso;
}

function names(state: SittingState, ids: string[]): string {
  return ids.map((id) => state.roster[id]?.name ?? id).join(", ");
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** The fact an event writes into the minutes, or null for events the minutes do not record. */
export function factFor(seq: number, event: SittingEvent, state: SittingState, header: SittingHeader): Fact | null {
  const president = state.presidentMemberId ? (state.roster[state.presidentMemberId]?.name ?? "") : "";
  switch (event.type) {
    case "sitting:opened": {
      const q = event.quorum;
      const present = event.presentIds.length;
      const represented = Object.keys(state.proxies).length;
      return {
        seq,
        kind: "opening",
        heading: "Ouverture de la séance",
        text:
          `La séance du conseil municipal de ${header.commune} est ouverte à ${hhmm(event.at)} sous la présidence de ${president || "la présidence"}. ` +
          `Secrétaire${state.secretaryIds.length > 1 ? "s" : ""} de séance : ${names(state, state.secretaryIds) || "—"}. ` +
          `Membres en exercice : ${state.membersInOffice} ; présents : ${present} ; représentés : ${represented} ; absents : ${state.membersInOffice - present}. ` +
          `Quorum : ${q.required} requis, ${q.counted} présents — ${q.reached ? "atteint" : "non atteint"}.`,
      };
    }
    case "item:called": {
      const item = state.items[event.itemId];
      const c = event.call;
      const proxies = c.proxies.map((p) => `${names(state, [p.from])} à ${names(state, [p.to])}`).join(" ; ");
      return {
        seq,
        kind: "item-call",
        heading: item ? `n° ${item.order} — ${item.title}` : null,
        text:
          `Point appelé à ${hhmm(c.at)}${header.rapporteursByItem[event.itemId]?.length ? `, rapporteur : ${header.rapporteursByItem[event.itemId]!.join(", ")}` : ""}. ` +
          `Présents : ${c.presentIds.length} ; représentés : ${c.proxies.length}${proxies ? ` (pouvoirs : ${proxies})` : ""} ; absents : ${c.absentIds.length}. ` +
          (c.recusedIds.length ? `Ne prennent pas part (intérêt déclaré) : ${names(state, c.recusedIds)}. ` : "") +
          `Quorum : ${c.quorum.required} requis, ${c.quorum.counted} — ${c.quorum.reached ? "atteint" : "non atteint"}.`,
      };
    }
    case "item:deferred":
      return { seq, kind: "item-deferred", heading: null, text: event.reasonFr };
    case "ballot-mode:decided": {
      const item = state.items[event.itemId];
      const n = item ? item.ballotRequests[event.mode === "secret" ? "secret" : "public"].length : 0;
      return {
        seq,
        kind: "ballot-mode",
        heading: null,
        text: `Demande de vote ${MODE_FR[event.mode]} par ${plural(n, "membre présent", "membres présents")} : ${event.reasonFr}`,
      };
    }
    case "vote:proclaimed": {
      const vote = state.votes[event.voteId];
      const r = event.result;
      const t = r.tally;
      let byName = "";
      if (vote?.mode === "public") {
        const groups = (["pour", "contre", "abstention", "nppv"] as const)
          .map((ch) => {
            const who = Object.values(vote.ballots)
              .filter((b) => b.choice === ch)
              .map((b) => (b.onBehalfOf ? `${names(state, [b.onBehalfOf])} (pouvoir à ${names(state, [b.memberId])})` : names(state, [b.memberId])))
              // By surname, as a register lists them, not by civility.
              .sort((x, y) => x.replace(/^(M\.|Mme) \S+ /, "").localeCompare(y.replace(/^(M\.|Mme) \S+ /, ""), "fr"));
            return who.length ? `${CHOICE_FR[ch]} : ${who.join(", ")}.` : "";
          })
          .filter(Boolean);
        byName = groups.length ? ` Votes nominatifs — ${groups.join(" ")}` : "";
      }
      const mode = vote ? MODE_FR[vote.mode] : "";
      return {
        seq,
        kind: "result",
        heading: null,
        text:
          `Vote ${mode} : Pour ${t.pour}, Contre ${t.contre}, Abstention ${t.abstention}, Ne prend pas part au vote ${t.nppv}. ` +
          `${r.reasonFr}${r.unanimous ? " (à l'unanimité des suffrages exprimés)" : ""}.${byName}`,
      };
    }
    case "sitting:suspended":
      return { seq, kind: "suspension", heading: null, text: `La séance est suspendue à ${hhmm(event.at)}.` };
    case "sitting:resumed":
      return {
        seq,
        kind: "resumption",
        heading: null,
        text: `La séance reprend à ${hhmm(event.at)}. Quorum : ${event.quorum.required} requis, ${event.quorum.counted} présents — ${event.quorum.reached ? "atteint" : "non atteint"}.`,
      };
    case "sitting:closed":
      return { seq, kind: "closing", heading: "Clôture", text: `La séance est levée à ${hhmm(event.at)}.` };
    default:
      return null;
  }
}
