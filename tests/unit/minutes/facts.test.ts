// The minutes' facts builder called directly (MIN-3): each event of a sitting played through the pure
// core gives its sentence from the state it was decided on. No server, no Yjs.
import { describe, expect, it } from "vitest";
import { factFor, mayWriteFact, type Fact } from "../../../core/minutes/facts";
import { applyCommand } from "../../../core/sitting/apply-command";
import { applyEvents } from "../../../core/sitting/apply-event";
import type { SittingHeader } from "../../../core/sitting/projection";
import type { RoomCommand } from "../../../core/sitting/protocol";
import type { Actor, SittingState } from "../../../core/sitting/state";
import { councillor, ctx, IDS, newSitting, president } from "../sitting/fixture";

const header: SittingHeader = {
  councilName: "Conseil municipal de Testville",
  commune: "Testville",
  date: "2022-10-03",
  time: "18:00",
  place: "Hôtel de ville",
  rapporteursByItem: { i1: ["M. Prénom3 NOM3"] },
};

/** A sitting played command by command, keeping every fact its events write, as the facts writer does. */
class Played {
  facts: Fact[] = [];
  constructor(public state: SittingState) {}

  run(actor: Actor, cmd: RoomCommand): this {
    const out = applyCommand(this.state, actor, cmd, ctx());
    if (!out.ok) throw new Error(`${cmd.type} refused: ${out.error.code}`);
    for (const event of out.events) {
      const seq = this.state.seq + 1;
      const fact = mayWriteFact(event) ? factFor(seq, event, this.state, header) : null;
      if (fact) this.facts.push(fact);
      this.state = applyEvents(this.state, [event]);
      this.state.seq = seq;
    }
    return this;
  }

  last(): Fact {
    const f = this.facts[this.facts.length - 1];
    if (!f) throw new Error("no fact yet");
    return f;
  }
}

/** Seats 1 to `present` marked present, then the sitting opened. */
function opened(present = 7): Played {
  const p = new Played(newSitting());
  for (const id of IDS.slice(0, present)) p.run(president, { type: "rollcall:mark", memberId: id, status: "present" });
  return p.run(president, { type: "sitting:open" });
}

describe("MIN-3 the facts builder", () => {
  it("MIN-3 nothing is written before the opening; the opening states the time, the president, the counts and the quorum", () => {
    const p = opened();
    expect(p.facts.map((f) => f.kind)).toEqual(["opening"]);
    const text = p.last().text;
    // 16:05 UTC is 18h05 in Paris in October (summer time).
    expect(text).toContain("ouverte à 18h05");
    expect(text).toContain("Membres en exercice : 9 ; présents : 7 ; représentés : 0 ; absents : 2");
    expect(text).toContain("Quorum : 5 requis, 7 présents — atteint");
    expect(p.last().heading).toBe("Ouverture de la séance");
  });

  it("MIN-3 an item's call gets its own heading, the rapporteur and that moment's quorum", () => {
    const p = opened().run(president, { type: "item:call", itemId: "i1" });
    const f = p.last();
    expect(f).toMatchObject({ kind: "item-call", heading: "n° 1 — Budget" });
    expect(f.text).toContain("rapporteur : M. Prénom3 NOM3");
    expect(f.text).toContain("Quorum : 5 requis, 7 comptés — atteint");
  });

  it("MIN-3 a public ballot's result lists the names by choice, by surname, and a proxy ballot with its holder", () => {
    const p = opened(8).run(president, { type: "proxy:give", from: "m9", to: "m8" });
    // A surname early in the alphabet for a member late in the seating: the register's order is by surname.
    p.state.roster.m7 = { ...p.state.roster.m7!, lastName: "ABADIE", name: "M. Prénom7 ABADIE" };
    p.run(president, { type: "item:call", itemId: "i1" });
    p.run(president, { type: "vote:open", itemId: "i1", mode: "public" });
    const voteId = p.state.openVoteId ?? "";
    const choices: Record<string, "pour" | "contre" | "abstention"> = {
      m2: "pour",
      m3: "contre",
      m4: "pour",
      m5: "abstention",
      m6: "pour",
      m7: "pour",
      m8: "pour",
    };
    for (const [id, choice] of Object.entries(choices)) p.run(councillor(id), { type: "ballot:cast", voteId, choice });
    p.run(councillor("m8"), { type: "ballot:cast", voteId, choice: "contre", onBehalfOf: "m9" });
    p.run(president, { type: "ballot:cast", voteId, choice: "pour" });
    const before = p.facts.length;
    p.run(president, { type: "vote:close", voteId }).run(president, { type: "vote:proclaim", voteId });
    // Casting and closing write nothing; the proclamation writes the result.
    expect(p.facts.slice(before).map((f) => f.kind)).toEqual(["result"]);
    const text = p.last().text;
    expect(text).toContain("Pour : M. Prénom7 ABADIE, M. Prénom1 NOM1, Mme Prénom2 NOM2, Mme Prénom4 NOM4, Mme Prénom6 NOM6, Mme Prénom8 NOM8.");
    expect(text).toContain("Contre : M. Prénom3 NOM3, M. Prénom9 NOM9 (pouvoir à Mme Prénom8 NOM8).");
    expect(text).toContain("Abstention : M. Prénom5 NOM5.");
  });

  it("MIN-3 SIT-5 a secret ballot's result gives the figures and no name", () => {
    const p = opened().run(president, { type: "item:call", itemId: "i1" });
    p.run(president, { type: "vote:open", itemId: "i1", mode: "secret" });
    const voteId = p.state.openVoteId ?? "";
    for (const id of ["m2", "m3", "m4"]) p.run(councillor(id), { type: "ballot:cast", voteId, choice: id === "m3" ? "contre" : "pour" });
    p.run(president, { type: "vote:close", voteId }).run(president, { type: "vote:proclaim", voteId });
    const text = p.last().text;
    expect(text).toMatch(/scrutin secret/);
    for (const id of IDS) expect(text).not.toContain(`NOM${id.slice(1)}`);
  });

  it("MIN-3 arrivals and departures during the sitting are written with their time; suspension, resumption and closing too", () => {
    const p = opened(6);
    p.run(president, { type: "rollcall:mark", memberId: "m7", status: "present" });
    expect(p.last()).toMatchObject({ kind: "arrival" });
    expect(p.last().text).toContain("M. Prénom7 NOM7");
    p.run(president, { type: "rollcall:depart", memberId: "m6" });
    expect(p.last()).toMatchObject({ kind: "departure" });
    p.run(president, { type: "sitting:suspend" });
    expect(p.last().text).toBe("La séance est suspendue à 18h05.");
    p.run(president, { type: "sitting:resume" });
    expect(p.last().text).toMatch(/^La séance reprend à 18h05\. Quorum : 5 requis, 6 présents — atteint\.$/);
    p.run(president, { type: "sitting:close" });
    expect(p.last()).toMatchObject({ kind: "closing", heading: "Clôture", text: "La séance est levée à 18h05." });
  });

  it("MIN-3 a quorum lost at a call defers the item and says why", () => {
    const p = opened(5);
    p.run(president, { type: "rollcall:depart", memberId: "m5" });
    p.run(president, { type: "item:call", itemId: "i1" });
    const kinds = p.facts.map((f) => f.kind);
    expect(kinds.slice(-2)).toEqual(["item-call", "item-deferred"]);
    expect(p.facts[p.facts.length - 2]!.text).toContain("Quorum : 5 requis, 4 comptés — non atteint");
  });
});
