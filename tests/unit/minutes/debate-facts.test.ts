// DEBATE-10 through the pure core: each speech writes its sentence into the minutes when the floor is
// given, on the council's clock; the procès-verbal's speaking time per member and per group.
import { describe, expect, it } from "vitest";
import { frenchDuration, speakingTimeHtml, speakingTimeRows } from "../../../core/minutes/debate-facts";
import { factFor, mayWriteFact, type Fact } from "../../../core/minutes/facts";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvents } from "../../../core/sitting/apply-event";
import type { SittingHeader } from "../../../core/sitting/projection";
import type { RoomCommand } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { liveItem, president } from "../sitting/fixture";

const header: SittingHeader = { councilName: "Ville", commune: "Ville", date: "2022-10-03", time: "18:00", place: "Salle", rapporteursByItem: {} };
const T0 = Date.parse("2022-10-03T16:42:00.000Z"); // 18h42 in Paris
let n = 0;

function run(state: SittingState, facts: Fact[], actor: Actor, cmd: RoomCommand, seconds: number): SittingState {
  const out = applyCommand(state, actor, cmd, { now: new Date(T0 + seconds * 1000).toISOString(), newId: () => `id${++n}` });
  if (!out.ok) throw new Error(`${cmd.type}: ${out.error.code}`);
  let s = state;
  for (const event of out.events) {
    const seq = s.seq + 1;
    const fact = mayWriteFact(event) ? factFor(seq, event, s, header) : null;
    if (fact) facts.push(fact);
    s = applyEvents(s, [event]);
    s.seq = seq;
  }
  return s;
}

describe("the debate in the minutes", () => {
  it("DEBATE-10 each speech writes one fact when the floor is given: name, group, Paris time; a rapporteur and a point of order say so", () => {
    const facts: Fact[] = [];
    let s = liveItem(7, { speechSeconds: 300 });
    s = run(s, facts, president, { type: "floor:give", memberId: "m4", kind: "rapporteur" }, 0);
    s = run(s, facts, president, { type: "floor:give", memberId: "m6" }, 125);
    s = run(s, facts, president, { type: "floor:give", memberId: "m3", kind: "point-of-order" }, 200);
    s = run(s, facts, president, { type: "floor:give", memberId: "m2" }, 260);
    s = run(s, facts, president, { type: "floor:end" }, 400);
    expect(facts.map((f) => [f.kind, f.heading, f.text])).toEqual([
      ["speech", null, "Mme Prénom4 NOM4, rapporteure, présente le point à 18h42."],
      ["speech", null, "Mme Prénom6 NOM6, groupe Opposition, prend la parole à 18h44."],
      ["speech", null, "M. Prénom3 NOM3, groupe Majorité, prend la parole pour un rappel au règlement à 18h45."],
      ["speech", null, "Mme Prénom2 NOM2, groupe Majorité, prend la parole à 18h46."],
    ]);
    // Ending a speech, the clock's time-up and the additions write nothing.
    expect(facts).toHaveLength(4);

    const rows = speakingTimeRows(s);
    expect(rows.groups).toEqual(
      [
        { label: "Présentation des rapports (rapporteurs)", speeches: 1, ms: 125_000 },
        { label: "Majorité", speeches: 1, ms: 140_000 },
        { label: "Opposition", speeches: 1, ms: 75_000 },
        { label: "Rappels au règlement", speeches: 1, ms: 60_000 },
      ].sort((a, b) => b.ms - a.ms),
    );
    expect(rows.members.map((m) => [m.label, m.group, m.ms])).toEqual([
      ["Mme Prénom2 NOM2", "Majorité", 140_000],
      ["Mme Prénom4 NOM4", "Majorité", 125_000],
      ["Mme Prénom6 NOM6", "Opposition", 75_000],
      ["M. Prénom3 NOM3", "Majorité", 60_000],
    ]);
    const html = speakingTimeHtml(s);
    expect(html).toContain("<h2>Temps de parole</h2>");
    expect(html).toContain('<td>Opposition</td><td class="num">1</td><td class="num">1 min 15 s</td>');
    expect(speakingTimeHtml(liveItem())).toBe("");
  });

  it("DEBATE-10 durations read as French records write them", () => {
    expect([45_000, 65_000, 600_000, 3_725_000].map(frenchDuration)).toEqual(["45 s", "1 min 05 s", "10 min 00 s", "1 h 02 min"]);
  });
});
