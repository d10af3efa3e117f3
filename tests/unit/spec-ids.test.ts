// SPEC-1: docs/SPEC.md and the tests name the same rules. An id no test cites is a rule nobody checks;
// an id a test cites that the SPEC lacks is a test of an unwritten rule.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const spec = fs.readFileSync(path.join(ROOT, "docs/SPEC.md"), "utf8");

/** Ids declared by the SPEC: "- **VOTE-3** —" and table rows "| SIT-9 |" or "| AUTH-1…4 |" (a range). */
function declaredIds(): Set<string> {
  const ids = new Set<string>();
  for (const m of spec.matchAll(/^(?:- \*\*|\| *)([A-Z]+)-(\d+)(?:…(\d+))?\b/gm)) {
    const [, prefix, from, to] = m;
    for (let n = Number(from); n <= Number(to ?? from); n += 1) ids.add(`${prefix}-${n}`);
  }
  return ids;
}

function files(dir: string, ext: RegExp): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() && ext.test(e.name) ? [path.join(e.parentPath, e.name)] : []));
}

/** Where each id is cited: the tests, the end-to-end specs, the rules cases, and the checks `npm test` runs. */
function citations(prefixes: Set<string>): Map<string, string[]> {
  const sources = [
    ...files("tests", /\.(ts|json)$/),
    ...files("e2e", /\.ts$/),
    ...["scripts/check-bundle.ts", "scripts/check-audit.ts"].map((f) => path.join(ROOT, f)),
  ];
  const cited = new Map<string, string[]>();
  for (const file of sources) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/\b([A-Z]+)-(\d+)\b/g)) {
      if (!prefixes.has(m[1]!)) continue;
      const id = `${m[1]}-${m[2]}`;
      cited.set(id, [...(cited.get(id) ?? []), path.relative(ROOT, file)]);
    }
  }
  return cited;
}

describe("SPEC ids", () => {
  const declared = declaredIds();
  const prefixes = new Set([...declared].map((id) => id.split("-")[0]!));
  const cited = citations(prefixes);

  it("SPEC-1 the SPEC declares rules in every chapter (the parser reads it)", () => {
    expect(declared.size).toBeGreaterThan(150);
    for (const id of ["VOTE-3", "SIT-9", "AUTH-4", "SCREEN-6", "STORE-6", "SEC-27"]) expect(declared.has(id), id).toBe(true);
  });

  it("SPEC-1 every SPEC id is cited by a test", () => {
    const uncited = [...declared].filter((id) => id !== "SPEC-1" && !cited.has(id));
    expect(uncited).toEqual([]);
  });

  it("SPEC-1 every id a test cites is declared in the SPEC", () => {
    const unknown = [...cited.entries()].filter(([id]) => !declared.has(id)).map(([id, where]) => `${id} (${[...new Set(where)].join(", ")})`);
    expect(unknown).toEqual([]);
  });
});
