// REC-8: the council's clock — times typed on the sitting's date become UTC instants, every stored time
// (instants, and the naive wall times of older logs) prints on the council's clock, dates in French.
import { describe, expect, it } from "vitest";
import { factFor } from "@/core/minutes/facts";
import { initialSittingState } from "@/core/sitting/initial-state";
import type { SittingEvent } from "@/core/sitting/state";
import { councilDate, frenchClock, isTimeZone, longFrenchDate, storedTimeToMs, wallTimeToInstant } from "@/core/time";

describe("REC-8 the council's clock", () => {
  it("REC-8 a wall time on the sitting's date is a UTC instant: Paris is UTC+2 in October, UTC+1 in December", () => {
    expect(wallTimeToInstant("2022-10-03", "18:05")).toBe("2022-10-03T16:05:00.000Z");
    expect(wallTimeToInstant("2022-12-12", "18:05")).toBe("2022-12-12T17:05:00.000Z");
    expect(wallTimeToInstant("2022-10-03", "18:05", "America/Cayenne")).toBe("2022-10-03T21:05:00.000Z");
    expect(wallTimeToInstant("2022-10-03", "18:05", "Indian/Reunion")).toBe("2022-10-03T14:05:00.000Z");
  });

  it("REC-8 around the changes of time: a skipped hour lands after it; an hour met twice takes the first", () => {
    // 27 March 2022: 02:00 → 03:00 in Paris. 02:30 does not exist on the wall.
    expect(frenchClock(wallTimeToInstant("2022-03-27", "02:30"))).toBe("03h30");
    expect(wallTimeToInstant("2022-03-27", "03:30")).toBe("2022-03-27T01:30:00.000Z");
    // 30 October 2022: 03:00 → 02:00. 02:30 happens twice: the first, still in summer time.
    expect(wallTimeToInstant("2022-10-30", "02:30")).toBe("2022-10-30T00:30:00.000Z");
    expect(wallTimeToInstant("2022-10-30", "01:30")).toBe("2022-10-29T23:30:00.000Z");
  });

  it("REC-8 prints an instant on the council's clock and an older log's naive time as the wall time it is", () => {
    expect(frenchClock("2022-10-03T16:05:00.000Z")).toBe("18h05");
    expect(frenchClock("2022-10-03T16:05:00Z", "Europe/London")).toBe("17h05");
    expect(frenchClock("2022-10-03T18:40:00")).toBe("18h40");
    expect(storedTimeToMs("2022-10-03T18:40:00")).toBe(Date.parse("2022-10-03T16:40:00Z"));
    expect(councilDate("2022-10-03T22:30:00.000Z")).toBe("2022-10-04");
    expect(frenchClock("n'importe quoi")).toBe("n'importe quoi");
  });

  it("REC-8 the procès-verbal's facts print the Paris time of the opening, whether the log holds an instant or an older naive time", () => {
    const state = initialSittingState({
      sittingId: "s",
      councilId: "c",
      ruleSetId: "fr-cgct",
      date: "2022-10-03",
      settings: {},
      secondConvocation: false,
      presidentMemberId: null,
      secretaryIds: [],
      members: [],
      items: [],
    });
    const header = { councilName: "Ville", commune: "Poitiers", date: "2022-10-03", time: "18:00", place: "Mairie", rapporteursByItem: {} };
    const quorum = { required: 0, counted: 0, reached: true, reasonFr: "", reasonEn: "", ruleId: "" };
    for (const at of ["2022-10-03T16:05:00.000Z", "2022-10-03T18:05:00"]) {
      const e: SittingEvent = { type: "sitting:opened", at, quorum, presentIds: [] };
      expect(factFor(1, e, state, header)?.text).toContain("est ouverte à 18h05");
    }
    expect(factFor(2, { type: "sitting:closed", at: "2022-10-03T19:30:00.000Z" }, state, header)?.text).toBe("La séance est levée à 21h30.");
  });

  it("REC-8 only real IANA zones are accepted; dates read in French", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Pacific/Noumea")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
    expect(isTimeZone("<script>")).toBe(false);
    expect(longFrenchDate("2022-10-03")).toBe("3 octobre 2022");
    expect(longFrenchDate("2022-08-01")).toBe("1er août 2022");
    expect(longFrenchDate("03/10/2022")).toBe("03/10/2022");
  });
});
