import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkCase } from "@/core/rules";

// Our own cases live next to this test; the shared cases sit outside the repo and only run when present.
const ownDir = path.join(__dirname, "cases");
const sharedDir = path.resolve(__dirname, "../../../../shared/rules-cases");

function casesIn(dir: string): { file: string; raw: unknown }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({
      file,
      raw: JSON.parse(readFileSync(path.join(dir, file), "utf8")) as unknown,
    }));
}

describe("CASE conformance cases written for the hidden-case ideas", () => {
  const cases = casesIn(ownDir);
  it("CASE-0 there are at least six of them", () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const { file, raw } of cases) {
    it(`CASE ${file}`, () => {
      const check = checkCase(raw, file);
      expect(check.detail).toBe("");
      expect(check.passed).toBe(true);
    });
  }
});

describe.skipIf(!existsSync(sharedDir))("CASE shared conformance cases", () => {
  for (const { file, raw } of existsSync(sharedDir) ? casesIn(sharedDir) : []) {
    it(`CASE ${file}`, () => {
      const check = checkCase(raw, file);
      expect(check.detail).toBe("");
      expect(check.passed).toBe(true);
    });
  }
});
