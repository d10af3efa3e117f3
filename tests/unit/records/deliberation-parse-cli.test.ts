// The deliberation:parse CLI as a user runs it: JSON on stdout, problems on stderr, and an exit code
// that tells an importable file (0) from an unreadable or incomplete one (1).

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const SCRIPT = path.join(ROOT, "scripts", "deliberation-parse.ts");
const SEED = path.join(__dirname, "fixtures", "deliberation-2022-0245.txt");
const TMP = mkdtempSync(path.join(os.tmpdir(), "deliberation-parse-"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, [SCRIPT, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(TMP, name);
  writeFileSync(file, content);
  return file;
}

describe("deliberation:parse CLI", () => {
  it("prints the seed as 2-space JSON and exits 0", async () => {
    const { code, stdout, stderr } = await run(SEED);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.startsWith('{\n  "sittingDate": "2022-10-03",')).toBe(true);
    const parsed: unknown = JSON.parse(stdout);
    expect(parsed).toMatchObject({
      identifier: "2022-0245",
      order: 9,
      amounts: [2500],
      problems: [],
    });
  });

  it("exits 1 with the problems on stderr for an empty file", async () => {
    const { code, stdout, stderr } = await run(tempFile("empty.md", ""));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      sittingDate: null,
      title: null,
    });
    expect(stderr).toContain("error: missing field: Titre");
  });

  it("exits 1 for random text", async () => {
    const { code, stderr } = await run(tempFile("random.md", "Il était une fois une ville.\n"));
    expect(code).toBe(1);
    expect(stderr).toContain("no deliberation structure found");
  });

  it("exits 1 for binary garbage", async () => {
    const { code, stderr } = await run(tempFile("garbage.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0])));
    expect(code).toBe(1);
    expect(stderr).toContain("does not look like text");
  });

  it("exits 1 for an impossible sitting date", async () => {
    const text = readFileSync(SEED, "utf8").replace("3 octobre 2022", "32 octobre 2022");
    const { code, stdout, stderr } = await run(tempFile("bad-date.md", text));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ sittingDate: null, order: 9 });
    expect(stderr).toContain('unreadable date in Conseil Municipal du: "32 octobre 2022"');
  });

  it("exits 0 but warns for a problem that does not block the import", async () => {
    const text = readFileSync(SEED, "utf8").replace("18h00", "25h00");
    const { code, stderr } = await run(tempFile("bad-time.md", text));
    expect(code).toBe(0);
    expect(stderr).toContain('warning: unreadable time in à: "25h00"');
  });

  it("exits 1 when the file cannot be read", async () => {
    const { code, stdout, stderr } = await run(path.join(TMP, "does-not-exist.md"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("cannot read the file");
  });

  it("exits 2 without a file argument", async () => {
    const { code, stderr } = await run();
    expect(code).toBe(2);
    expect(stderr).toContain("usage:");
  });

  it("prints an array for several files", async () => {
    const { code, stdout } = await run(SEED, tempFile("empty2.md", ""));
    expect(code).toBe(1);
    const results: unknown = JSON.parse(stdout);
    expect(results).toMatchObject([{ ok: true }, { ok: false }]);
  });
});
