// The debate in the records (#15): the sentence each speech writes into the minutes when the floor
// is given ("M. X, groupe Y, prend la parole à 18h42."), and the procès-verbal's table of speaking
// time per member and per group, both rebuilt from the log on the council's clock.
import { escapeHtml as esc } from "../html";
import { isFeminine } from "../records/attendance";
import type { DebateEvent } from "../sitting/debate-state";
import { speechElapsedMs } from "../sitting/speaking-time";
import type { SittingState } from "../sitting/state";
import { frenchClock } from "../time";

type FloorGiven = Extract<DebateEvent, { type: "floor:given" }>;

/** "M. Adrien ALLARD, groupe Agir pour Poitiers, prend la parole à 18h42." — from the event and the state it met. */
export function speechSentence(event: FloorGiven, before: SittingState): string {
  const m = before.roster[event.memberId];
  const name = m?.name ?? event.memberId;
  const time = frenchClock(event.at, before.settings.timeZone);
  if (event.kind === "rapporteur") return `${name}, ${isFeminine(m?.civility) ? "rapporteure" : "rapporteur"}, présente le point à ${time}.`;
  const group = event.group ? `, groupe ${event.group},` : "";
  const why = event.kind === "point-of-order" ? " pour un rappel au règlement" : "";
  return `${name}${group} prend la parole${why} à ${time}.`;
}

/** "4 min 05 s", "45 s", "1 h 02 min". */
export function frenchDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h} h ${String(min).padStart(2, "0")} min`;
  if (min) return `${min} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}

interface Row {
  label: string;
  speeches: number;
  ms: number;
}

/** Speaking time of the finished speeches: per member (every kind) and per group (debate only, DEBATE-6). */
export function speakingTimeRows(state: SittingState): { members: (Row & { group: string })[]; groups: Row[] } {
  const members = new Map<string, Row & { group: string }>();
  const groups = new Map<string, Row>();
  for (const s of state.debate.speeches) {
    if (!s.endedAt) continue;
    const d = speechElapsedMs(s, 0);
    const m = members.get(s.memberId) ?? { label: state.roster[s.memberId]?.name ?? s.memberId, group: s.group ?? "—", speeches: 0, ms: 0 };
    m.speeches += 1;
    m.ms += d;
    members.set(s.memberId, m);
    const g = s.kind === "speech" ? s.group : s.kind === "rapporteur" ? "Présentation des rapports (rapporteurs)" : "Rappels au règlement";
    if (!g) continue;
    const row = groups.get(g) ?? { label: g, speeches: 0, ms: 0 };
    row.speeches += 1;
    row.ms += d;
    groups.set(g, row);
  }
  const byTime = (a: Row, b: Row) => b.ms - a.ms || a.label.localeCompare(b.label, "fr");
  return { members: [...members.values()].sort(byTime), groups: [...groups.values()].sort(byTime) };
}

/** The PV's "Temps de parole" section; empty when nobody spoke. */
export function speakingTimeHtml(state: SittingState): string {
  const { members, groups } = speakingTimeRows(state);
  if (!members.length) return "";
  const row = (cells: string[]) => `<tr>${cells.map((c, i) => (i ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join("")}</tr>`;
  return `<h2>Temps de parole</h2>
<table class="speaking"><caption>Par groupe (débats ; présentations et rappels au règlement à part)</caption>
<thead><tr><th>Groupe</th><th class="num">Interventions</th><th class="num">Durée</th></tr></thead>
<tbody>${groups.map((g) => row([esc(g.label), String(g.speeches), esc(frenchDuration(g.ms))])).join("")}</tbody></table>
<table class="speaking"><caption>Par élu</caption>
<thead><tr><th>Élu (groupe)</th><th class="num">Interventions</th><th class="num">Durée</th></tr></thead>
<tbody>${members.map((m) => row([`${esc(m.label)} <span class="muted">(${esc(m.group)})</span>`, String(m.speeches), esc(frenchDuration(m.ms))])).join("")}</tbody></table>`;
}
