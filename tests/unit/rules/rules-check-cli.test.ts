import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Runs the real runner the way `npm run --silent rules:check -- …` does, to pin its output and exit codes.
const root = path.resolve(__dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const ownCases = path.join(__dirname, "cases");

function run(...args: string[]) {
  const r = spawnSync(tsx, ["scripts/rules-check.ts", ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout.trim().split("\n"), err: r.stderr };
}

describe("rules:check runner", () => {
  it("CASE-0 no arguments prints the usage and exits 2", () => {
    const r = run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Usage/);
  });

  it("CASE-0 a folder of good cases passes, one line per case, exit 0", () => {
    const r = run(path.relative(root, ownCases));
    const count = readdirSync(ownCases).filter((f) => f.endsWith(".json")).length;
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => l.startsWith("PASS "))).toHaveLength(count);
    expect(r.out.at(-1)).toBe(`${count} passed, 0 failed`);
  });

  it("CASE-0 bad JSON, malformed input, wrong answers and missing paths FAIL cleanly with exit 1", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rules-check-"));
    writeFileSync(path.join(dir, "a-bad-json.json"), '{ "name": "broken", ');
    writeFileSync(
      path.join(dir, "b-no-input.json"),
      JSON.stringify({
        name: "no input",
        ruleSet: "fr-cgct",
        expect: { outcome: "adopted" },
      }),
    );
    writeFileSync(
      path.join(dir, "c-wrong-types.json"),
      JSON.stringify({
        input: {
          kind: "ordinary",
          membersInOffice: "29",
          present: 20,
          votes: { pour: 1, contre: 0 },
        },
        expect: { outcome: "adopted" },
      }),
    );
    writeFileSync(
      path.join(dir, "d-wrong-answer.json"),
      JSON.stringify({
        name: "wrong",
        input: {
          kind: "ordinary",
          membersInOffice: 29,
          present: 20,
          votes: { pour: 3, contre: 1 },
        },
        expect: { outcome: "rejected" },
      }),
    );
    writeFileSync(path.join(dir, "README.md"), "# not a case");
    copyFileSync(path.join(ownCases, "tie-president-abstains.json"), path.join(dir, "e-good.json"));

    const r = run(dir, path.join(dir, "missing.json"));
    expect(r.code).toBe(1);
    expect(r.out).toEqual([
      expect.stringMatching(/^FAIL a-bad-json\.json: not valid JSON/),
      "FAIL no input: malformed case — input: is missing",
      "FAIL c-wrong-types.json: malformed case — input.membersInOffice: must be a number",
      expect.stringMatching(/^FAIL wrong: outcome: expected rejected, got adopted/),
      "PASS a tie when the president abstained rejects, no casting vote",
      `FAIL ${path.join(dir, "missing.json")}: no such file or folder`,
      "1 passed, 5 failed",
    ]);
  });
});
