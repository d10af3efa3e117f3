// DUR-*: the crash suite. SIGKILL at many points of a vote (mid-ballot, mid-close, mid-proclaim,
// mid-minutes-save…), restart, and check nothing acknowledged is lost and nothing counted twice.
// It also proves it catches the fault it exists for: with acknowledgements sent before the commit,
// it reports the lost ballot.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScenario, type Scenario, type ScenarioReport } from "./crash-harness";

const SCENARIOS: Scenario[] = [
  { name: "mid-ballot, command received, before it is applied", crashAt: "command:received:5", mode: "public" },
  { name: "mid-ballot, before the transaction", crashAt: "commit:before:5", mode: "public" },
  { name: "mid-ballot, inside the transaction", crashAt: "commit:in-tx:5", mode: "public" },
  { name: "mid-ballot, committed but not acknowledged", crashAt: "commit:after:5", mode: "public" },
  { name: "mid-ballot, just after the acknowledgement", crashAt: "ack:after:5", mode: "public" },
  { name: "mid-broadcast", crashAt: "broadcast:before:2", mode: "public" },
  { name: "mid-close (inside the closing transaction)", crashAt: "commit:in-tx:13", mode: "public" },
  { name: "mid-proclaim (inside the proclaiming transaction)", crashAt: "commit:in-tx:14", mode: "public" },
  { name: "secret ballot, inside the deposit transaction", crashAt: "commit:in-tx:6", mode: "secret" },
  { name: "secret ballot, deposited but not acknowledged", crashAt: "commit:after:6", mode: "secret" },
  { name: "mid-minutes-save, before the write", crashAt: "minutes:save:before:3", mode: "public", minutes: true },
  {
    name: "mid-minutes-compaction, inside the transaction",
    crashAt: "minutes:compact:in-tx:1",
    mode: "public",
    minutes: true,
    env: { SEANCE_MINUTES_COMPACT_AFTER: "3" },
  },
  { name: "random moment of a concurrent burst (public)", mode: "public", randomKill: true },
  { name: "random moment of a concurrent burst (secret)", mode: "secret", randomKill: true },
];

const reports: ScenarioReport[] = [];

afterAll(() => {
  fs.mkdirSync("reports", { recursive: true });
  fs.writeFileSync(
    path.join("reports", "crash-figures.json"),
    JSON.stringify({ scenarios: reports.length, survived: reports.filter((r) => r.problems.length === 0 && r.killed).length, reports }, null, 2),
  );
});

describe("crash suite: SIGKILL at many points of a vote", () => {
  for (const sc of SCENARIOS) {
    it(`DUR-2 ${sc.name}`, async () => {
      const r = await runScenario(sc);
      reports.push(r);
      expect(r.killed).toBe(true);
      expect(r.problems).toEqual([]);
    });
  }

  it("DUR-3 the suite catches the fault it exists for: acknowledging before the commit loses a ballot", async () => {
    const r = await runScenario({
      name: "unsafe: ack before commit, killed inside the transaction",
      crashAt: "commit:in-tx:5",
      mode: "public",
      unsafeAckBeforeCommit: true,
    });
    expect(r.killed).toBe(true);
    expect(r.problems.some((p) => /acknowledged ballot of m\d+ lost/.test(p))).toBe(true);
  });
});
