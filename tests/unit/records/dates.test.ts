// French dates and times as council records write them.

import { describe, expect, it } from "vitest";
import { isIsoDate, parseFrenchDate, parseFrenchTime } from "@/core/records/dates";

describe("parseFrenchDate", () => {
  it.each([
    ["3 octobre 2022", "2022-10-03"],
    ["lundi 3 octobre 2022", "2022-10-03"],
    ["1er février 2024", "2024-02-01"],
    ["29 FÉVRIER 2024", "2024-02-29"],
    ["15 aout 2022", "2022-08-15"],
    ["26/09/2022", "2022-09-26"],
    ["6.9.2022", "2022-09-06"],
    ["2022-09-26", "2022-09-26"],
  ])("reads %s", (text, iso) => {
    expect(parseFrenchDate(text)).toBe(iso);
  });

  it.each(["32 octobre 2022", "29 février 2023", "31/04/2022", "3 brumaire 2022", "26/09-2022", "", "demain"])("returns null for %j", (text) => {
    expect(parseFrenchDate(text)).toBeNull();
  });
});

describe("parseFrenchTime", () => {
  it.each([
    ["18h00", "18:00"],
    ["9h", "09:00"],
    ["18 h 30", "18:30"],
    ["18:30", "18:30"],
    ["18 heures", "18:00"],
  ])("reads %s", (text, hhmm) => {
    expect(parseFrenchTime(text)).toBe(hhmm);
  });
  it.each(["25h00", "18h60", "soir", "18h0"])("returns null for %j", (text) => {
    expect(parseFrenchTime(text)).toBeNull();
  });
});

describe("isIsoDate", () => {
  it("checks the calendar", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2022-10-3")).toBe(false);
  });
});
