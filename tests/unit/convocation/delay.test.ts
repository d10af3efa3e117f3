// The convocation's legal delay and the French calendar it is counted on (CONV-1…7): fixed cases
// around weekends and public holidays, and properties over random dates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, easterSunday, holidayOn, isWorkingDay, publicHolidays, weekday } from "../../../core/convocation/calendar";
import { checkConvocationDelay, clearDaysBetween, type DelayInput } from "../../../core/convocation/delay";

const POITIERS = { population: 88291, departement: "86", secondConvocation: false, urgencyReason: null } as const;
const VILLAGE = { population: 2000, departement: "86", secondConvocation: false, urgencyReason: null } as const;

describe("the French calendar", () => {
  it("CONV-7 Easter Sunday as the almanacs give it, and the feasts that follow it", () => {
    // Dates from the Gregorian computus tables (earliest and latest possible ones included).
    const known: Record<number, string> = {
      1818: "1818-03-22",
      1943: "1943-04-25",
      2000: "2000-04-23",
      2008: "2008-03-23",
      2011: "2011-04-24",
      2019: "2019-04-21",
      2024: "2024-03-31",
      2025: "2025-04-20",
      2026: "2026-04-05",
      2027: "2027-03-28",
      2038: "2038-04-25",
      2285: "2285-03-22",
    };
    for (const [year, date] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(date);
    const h2026 = publicHolidays(2026, "86").map((h) => `${h.date} ${h.fr}`);
    expect(h2026).toEqual([
      "2026-01-01 Jour de l'an",
      "2026-04-06 Lundi de Pâques",
      "2026-05-01 Fête du travail",
      "2026-05-08 Victoire 1945",
      "2026-05-14 Ascension",
      "2026-05-25 Lundi de Pentecôte",
      "2026-07-14 Fête nationale",
      "2026-08-15 Assomption",
      "2026-11-01 Toussaint",
      "2026-11-11 Armistice 1918",
      "2026-12-25 Noël",
    ]);
  });

  it("CONV-7 Alsace-Moselle adds Good Friday and 26 December; overseas départements their abolition day", () => {
    expect(holidayOn("2026-04-03", "67")?.fr).toBe("Vendredi saint");
    expect(holidayOn("2026-04-03", "86")).toBeNull();
    expect(holidayOn("2026-12-26", "57")?.fr).toBe("Saint-Étienne");
    expect(holidayOn("2026-05-27", "971")?.fr).toBe("Abolition de l'esclavage");
    expect(holidayOn("2026-12-20", "974")?.fr).toBe("Abolition de l'esclavage");
    expect(publicHolidays(2026, "972")).toHaveLength(12);
  });

  it("CONV-7 property: Easter is a Sunday between 22 March and 25 April; Ascension a Thursday; Whit Monday a Monday", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const e = easterSunday(year);
        expect(weekday(e)).toBe(0);
        expect(e.slice(5) >= "03-22" && e.slice(5) <= "04-25").toBe(true);
        const h = publicHolidays(year);
        expect(weekday(h.find((x) => x.en === "Ascension Day")!.date)).toBe(4);
        expect(weekday(h.find((x) => x.en === "Whit Monday")!.date)).toBe(1);
      }),
      { numRuns: 400 },
    );
  });
});

describe("the legal delay in clear days", () => {
  it("CONV-1 clear days: neither the day of dispatch nor the day of the sitting counts", () => {
    expect(clearDaysBetween("2026-12-01", "2026-12-07")).toBe(5);
    expect(clearDaysBetween("2026-12-01", "2026-12-02")).toBe(0);
    expect(clearDaysBetween("2026-12-07", "2026-12-01")).toBe(-7);
    const after = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-12-08", sittingOn: "2026-12-07" });
    expect(after.ok).toBe(false);
    expect(after.problems[0]?.ruleId).toBe("CONV-1");
    // On the sitting's day itself: refused, and said so (not "after the day of the sitting").
    const sameDay = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-12-07", sittingOn: "2026-12-07" });
    expect(sameDay.problems[0]?.ruleId).toBe("CONV-1");
    expect(sameDay.problems[0]?.fr).toMatch(/^La convocation ne peut pas être envoyée le jour de la séance ni après \(/);
  });

  it("CONV-2 five clear days from 3,500 inhabitants, three below, and the longer when the population is not set (CONV-6)", () => {
    const large = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-12-08", sittingOn: "2026-12-14" });
    expect(large).toMatchObject({ ok: true, required: 5, clearDays: 5, basis: "large-commune", latestDispatchOn: "2026-12-08" });
    expect(checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-12-09", sittingOn: "2026-12-14" })).toMatchObject({ ok: false, clearDays: 4 });
    expect(checkConvocationDelay({ ...POITIERS, population: 3500, dispatchOn: "2026-12-09", sittingOn: "2026-12-14" }).ok).toBe(false);
    expect(checkConvocationDelay({ ...POITIERS, population: 3499, dispatchOn: "2026-12-09", sittingOn: "2026-12-14" })).toMatchObject({
      ok: true,
      required: 3,
      basis: "small-commune",
    });
    const unknown = checkConvocationDelay({ ...POITIERS, population: null, dispatchOn: "2026-12-08", sittingOn: "2026-12-14" });
    expect(unknown).toMatchObject({ ok: true, required: 5, basis: "unknown-population" });
    expect(unknown.warnings.map((w) => w.ruleId)).toContain("CONV-6");
    expect(large.reason.fr).toContain("(CGCT L2121-12)");
  });

  it("CONV-4 a delay over Easter: Saturday, Sunday and Easter Monday count as clear days, and the clerk is warned of the short reading time", () => {
    // Sitting on Tuesday 7 April 2026, the day after Easter Monday: the last day to send is Wednesday 1 April.
    const onTime = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-04-01", sittingOn: "2026-04-07" });
    expect(onTime.ok).toBe(true);
    expect(onTime.clearDays).toBe(5);
    expect(onTime.nonWorking.map((d) => `${d.date} ${d.fr}`)).toEqual(["2026-04-04 week-end", "2026-04-05 week-end", "2026-04-06 Lundi de Pâques"]);
    expect(onTime.warnings.map((w) => w.ruleId)).toEqual(["CONV-4"]);
    expect(onTime.warnings[0]?.fr).toContain("2 jour(s) ouvré(s)");
    // One day later is one clear day short, holiday or not.
    const late = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-04-02", sittingOn: "2026-04-07" });
    expect(late.ok).toBe(false);
    expect(late.problems[0]?.fr).toContain("l'envoyer au plus tard le 2026-04-01");
  });

  it("CONV-4 Christmas in a small commune: 25, 26 and 27 December are the three clear days of a Monday sitting (as CE 1993 held)", () => {
    const c = checkConvocationDelay({ ...VILLAGE, dispatchOn: "2026-12-24", sittingOn: "2026-12-28" });
    expect(c).toMatchObject({ ok: true, clearDays: 3, required: 3 });
    expect(c.nonWorking.map((d) => d.date)).toEqual(["2026-12-25", "2026-12-26", "2026-12-27"]);
    expect(checkConvocationDelay({ ...VILLAGE, dispatchOn: "2026-12-25", sittingOn: "2026-12-28" }).ok).toBe(false);
  });

  it("CONV-4 when the last legal day to send is a holiday or a weekend, the last working day before it is given", () => {
    // Thursday 7 May 2026: the last day is Friday 1 May (Fête du travail), the town hall sends on Thursday 30 April.
    const may = checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-04-30", sittingOn: "2026-05-07" });
    expect(may).toMatchObject({ latestDispatchOn: "2026-05-01", latestWorkingDispatchOn: "2026-04-30" });
    // A Monday sitting in Strasbourg after Easter: the last day is Tuesday 7 April… and a Friday sitting
    // on 10 April has its last day on Good Friday, a holiday in Alsace-Moselle only.
    expect(checkConvocationDelay({ ...POITIERS, departement: "67", dispatchOn: "2026-04-01", sittingOn: "2026-04-09" })).toMatchObject({
      latestDispatchOn: "2026-04-03",
      latestWorkingDispatchOn: "2026-04-02",
    });
    expect(checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-04-01", sittingOn: "2026-04-09" }).latestWorkingDispatchOn).toBe("2026-04-03");
    // A Saturday sitting: the last day to send is a Sunday, the town hall sends on the Friday.
    expect(checkConvocationDelay({ ...POITIERS, dispatchOn: "2026-12-01", sittingOn: "2026-12-12" })).toMatchObject({
      latestDispatchOn: "2026-12-06",
      latestWorkingDispatchOn: "2026-12-04",
    });
  });

  it("CONV-3 urgency: one clear day, with a stated reason of some substance", () => {
    const base: DelayInput = {
      ...POITIERS,
      dispatchOn: "2026-12-10",
      sittingOn: "2026-12-12",
      urgencyReason: "Subvention d'État à voter avant le 15 décembre",
    };
    expect(checkConvocationDelay(base)).toMatchObject({ ok: true, required: 1, basis: "urgency" });
    expect(checkConvocationDelay({ ...base, dispatchOn: "2026-12-11" })).toMatchObject({ ok: false, clearDays: 0 });
    const vague = checkConvocationDelay({ ...base, urgencyReason: "urgent" });
    expect(vague.ok).toBe(false);
    expect(vague.problems.map((p) => p.ruleId)).toEqual(["CONV-3"]);
    // Without a reason there is no urgency: the ordinary delay applies.
    expect(checkConvocationDelay({ ...base, urgencyReason: "  " })).toMatchObject({ ok: false, basis: "large-commune" });
  });

  it("CONV-5 a second convocation after a failed quorum: three clear days whatever the commune's size, never in urgency", () => {
    const second = { ...POITIERS, secondConvocation: true };
    expect(checkConvocationDelay({ ...second, dispatchOn: "2026-12-10", sittingOn: "2026-12-14" })).toMatchObject({ ok: true, required: 3 });
    expect(checkConvocationDelay({ ...second, dispatchOn: "2026-12-11", sittingOn: "2026-12-14" }).ok).toBe(false);
    const urgent = checkConvocationDelay({
      ...second,
      urgencyReason: "Réunion indispensable avant la fin de l'année",
      dispatchOn: "2026-12-12",
      sittingOn: "2026-12-14",
    });
    expect(urgent.ok).toBe(false);
    expect(urgent.problems.map((p) => p.ruleId)).toEqual(["CONV-5"]);
  });

  const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays("2010-01-01", n));
  const input = fc.record({
    dispatchOn: day,
    gap: fc.integer({ min: -3, max: 20 }),
    population: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: null }),
    secondConvocation: fc.boolean(),
    urgent: fc.boolean(),
    departement: fc.constantFrom("86", "67", "57", "971", "974", "2A"),
  });
  const toInput = (r: {
    dispatchOn: string;
    gap: number;
    population: number | null;
    secondConvocation: boolean;
    urgent: boolean;
    departement: string;
  }): DelayInput => ({
    dispatchOn: r.dispatchOn,
    sittingOn: addDays(r.dispatchOn, r.gap),
    population: r.population,
    secondConvocation: r.secondConvocation,
    urgencyReason: r.urgent ? "Motif d'urgence exposé par le maire" : null,
    departement: r.departement,
  });

  it("CONV-1 CONV-2 property: lawful exactly when the clear days reach the requirement (and urgency is not a second convocation)", () => {
    fc.assert(
      fc.property(input, (r) => {
        const c = checkConvocationDelay(toInput(r));
        expect(c.clearDays).toBe(r.gap - 1);
        expect(c.ok).toBe(c.clearDays >= c.required && !(r.urgent && r.secondConvocation));
        expect(c.required).toBe(r.urgent ? 1 : r.secondConvocation ? 3 : r.population !== null && r.population < 3500 ? 3 : 5);
      }),
      { numRuns: 2000 },
    );
  });

  it("CONV-4 property: weekends and holidays never change the answer (only the date difference does); the last day to send is lawful and the next is not", () => {
    fc.assert(
      fc.property(input, (r) => {
        const i = toInput(r);
        const here = checkConvocationDelay(i);
        const elsewhere = checkConvocationDelay({ ...i, departement: null });
        expect(here.ok).toBe(elsewhere.ok);
        const atLatest = checkConvocationDelay({ ...i, dispatchOn: here.latestDispatchOn });
        const dayAfter = checkConvocationDelay({ ...i, dispatchOn: addDays(here.latestDispatchOn, 1) });
        if (!(r.urgent && r.secondConvocation)) expect(atLatest.ok).toBe(true);
        expect(dayAfter.ok).toBe(false);
        expect(daysBetween(here.latestWorkingDispatchOn, here.latestDispatchOn)).toBeGreaterThanOrEqual(0);
        expect(isWorkingDay(here.latestWorkingDispatchOn, r.departement)).toBe(true);
        expect(here.nonWorking.every((d) => !isWorkingDay(d.date, r.departement))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
