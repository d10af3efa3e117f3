// CLERK-8: the council's rule set and sitting settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouncilSetup } from "../../core/api/clerk-council";
import { Client, createSittingAs } from "../helpers/test-server";
import { call, data, startClerkFixture, type ClerkFixture } from "./clerk-fixture";

let f: ClerkFixture;
beforeAll(async () => {
  f = await startClerkFixture();
});
afterAll(async () => {
  await f.stop();
});

const setup = async () => data<CouncilSetup>(await call(f.srv.url, "GET", "/api/clerk/council", f.clerk));
const patch = (body: unknown, cookie: string | null = f.clerk) => call(f.srv.url, "PATCH", "/api/clerk/council/settings", cookie, body);

describe("CLERK-8 council settings", () => {
  it("CLERK-8 lists the rule sets and the current settings", async () => {
    const s = await setup();
    expect(s.ruleSet).toBe("fr-cgct");
    expect(s.ruleSets.map((rs) => rs.id)).toEqual(expect.arrayContaining(["fr-cgct", "fr-cgct-covid-2020", "roberts-rules", "uk-lga-1972"]));
    expect(s.settings).toEqual({
      selfCheckIn: true,
      midSittingProxies: true,
      revealMode: "live",
      presidentVotesLast: true,
      timeZone: "Europe/Paris",
      publicationMode: "electronic",
      administrativeCourt: "Tribunal administratif de Poitiers",
      speechSeconds: 300,
      rapporteurSeconds: 0,
      pointOfOrderSeconds: 120,
      groupBudgetSeconds: 0,
      groupBudgetScope: "item",
    });
  });

  it("DEBATE-6 the clerk sets the speaking times of the règlement intérieur; nonsense is refused and changes nothing", async () => {
    const r = await patch({ speechSeconds: 240, rapporteurSeconds: 600, pointOfOrderSeconds: 60, groupBudgetSeconds: 1800, groupBudgetScope: "sitting" });
    expect(r.status).toBe(200);
    expect(data<CouncilSetup>(r).settings).toMatchObject({ speechSeconds: 240, rapporteurSeconds: 600, groupBudgetSeconds: 1800, groupBudgetScope: "sitting" });
    for (const bad of [{ speechSeconds: -1 }, { speechSeconds: 1.5 }, { groupBudgetScope: "week" }, { pointOfOrderSeconds: "60" }])
      expect((await patch(bad)).status).toBe(400);
    expect((await setup()).settings.speechSeconds).toBe(240);
    const back = await patch({ speechSeconds: 300, rapporteurSeconds: 0, pointOfOrderSeconds: 120, groupBudgetSeconds: 0, groupBudgetScope: "item" });
    expect(back.status).toBe(200);
  });

  it("CLERK-8 saves the switches and the rule set; the convened sittings' live state follows", async () => {
    const { sittingId } = await createSittingAs(f.srv.url, f.clerk);
    const screen = new Client(f.srv.url, sittingId);
    await screen.subscribe();
    const r = await patch({ selfCheckIn: false, revealMode: "at-close", ruleSet: "roberts-rules" });
    expect(r.status).toBe(200);
    expect(data<CouncilSetup>(r)).toMatchObject({
      ruleSet: "roberts-rules",
      settings: { selfCheckIn: false, revealMode: "at-close", midSittingProxies: true },
    });
    await screen.until((c) => c.view?.ruleSetId === "roberts-rules", "the new rule set on the public screen");
    screen.close();
    await patch({ selfCheckIn: true, revealMode: "live", ruleSet: "fr-cgct" });
  });

  it("CLERK-8 refuses unknown rule sets and bad values, changing nothing", async () => {
    const before = JSON.stringify(await setup());
    for (const body of [{}, { ruleSet: "fr-ancien-regime" }, { selfCheckIn: "yes" }, { revealMode: "never" }, { quorum: 3 }]) {
      const r = await patch(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    // The 2020 health-emergency rules do not cover the demo sitting of 3 October 2022, still to be held.
    const dated = await patch({ ruleSet: "fr-cgct-covid-2020" });
    expect(dated.status).toBe(409);
    expect(JSON.stringify(await setup())).toBe(before);
  });

  it("CLERK-8 the rule set cannot change under a sitting in progress; the switches can", async () => {
    const { sittingId } = await createSittingAs(f.srv.url, f.clerk);
    await f.srv.db.sitting.update({ where: { id: sittingId }, data: { status: "suspended" } });
    try {
      const r = await patch({ ruleSet: "uk-lga-1972" });
      expect(r.status).toBe(409);
      expect(r.json.error?.text?.fr).toMatch(/est en cours/);
      expect((await patch({ midSittingProxies: false })).status).toBe(200);
      expect((await setup()).settings.midSittingProxies).toBe(false);
    } finally {
      await f.srv.db.sitting.update({ where: { id: sittingId }, data: { status: "closed" } });
      await patch({ midSittingProxies: true });
    }
  });

  it("CLERK-1 settings are the clerk's, each of their own council", async () => {
    expect((await patch({ selfCheckIn: false }, null)).status).toBe(401);
    expect((await patch({ selfCheckIn: false }, f.councillor)).status).toBe(403);
    expect((await call(f.srv.url, "GET", "/api/clerk/council", f.councillor)).status).toBe(403);
    expect((await patch({ selfCheckIn: false }, f.otherClerk)).status).toBe(200);
    expect((await setup()).settings.selfCheckIn).toBe(true);
    expect(JSON.parse((await f.srv.db.council.findUniqueOrThrow({ where: { id: "ligugé" } })).settings)).toMatchObject({ selfCheckIn: false });
  });
});
