// WORDS-1 in the quorum the chair can expect before the opening (core/convocation/forecast.ts): the
// counts agree with their words, and the sentence is said once (the console labels it apart).
import { describe, expect, it } from "vitest";
import { forecastAttendance } from "../../../core/convocation/forecast";
import { IDS, newSitting, play, president } from "../sitting/fixture";

describe("the expected quorum", () => {
  it("WORDS-1 one member announced present is '1 présent annoncé'; nine of nine are 'présents annoncés'", () => {
    const one = forecastAttendance(play(newSitting(), president, { type: "rollcall:mark", memberId: "m1", status: "present" }));
    expect(one.text.fr).toBe("Quorum possible : 1 présent annoncé, 9 au plus, pour 5 requis");
    const all = forecastAttendance(IDS.reduce((s, id) => play(s, president, { type: "rollcall:mark", memberId: id, status: "present" }), newSitting()));
    expect(all.text.fr).toBe("Quorum assuré : 9 présents annoncés pour 5 requis");
    const none = forecastAttendance(
      IDS.slice(0, 8).reduce((s, id) => play(s, president, { type: "rollcall:mark", memberId: id, status: "excused" }), newSitting()),
    );
    expect(none.text.fr).toBe("Quorum hors d'atteinte : 1 présent au plus pour 5 requis");
  });
});
