// Conformance runner: evaluates rules cases (files or folders of *.json) against the rules engine,
// prints PASS/FAIL per case and "N passed, M failed"; exit 1 on any failure, 2 on bad usage.

import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkCase } from "../core/rules";

const USAGE = `Usage: npm run --silent rules:check -- <case.json | folder>...
Evaluates every rules conformance case given (a folder means every *.json directly inside it)
and prints PASS <name> or FAIL <name>: <what differed>, then "N passed, M failed".`;

interface Outcome {
  passed: boolean;
  line: string;
}

type Target = { file: string } | { missing: string };

/** Expands arguments, in order, to case files; a path that does not exist becomes a failure, not a crash. */
function collect(args: string[]): Target[] {
  const targets: Target[] = [];
  for (const arg of args) {
    const full = path.resolve(process.cwd(), arg);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      targets.push({ missing: arg });
      continue;
    }
    if (!isDir) {
      targets.push({ file: full });
      continue;
    }
    const inside = readdirSync(full, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".json"))
      .map((e) => e.name)
      .sort();
    targets.push(...inside.map((name) => ({ file: path.join(full, name) })));
  }
  return targets;
}

function runFile(file: string): Outcome {
  const fileName = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return {
      passed: false,
      line: `FAIL ${fileName}: cannot read file (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      passed: false,
      line: `FAIL ${fileName}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  try {
    const check = checkCase(raw, fileName);
    return {
      passed: check.passed,
      line: check.passed ? `PASS ${check.name}` : `FAIL ${check.name}: ${check.detail}`,
    };
  } catch (err) {
    // The engine should never throw on a parsed case; if it does, that case fails and the run goes on.
    return {
      passed: false,
      line: `FAIL ${fileName}: engine error (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

function main(args: string[]): number {
  if (args.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const outcomes: Outcome[] = collect(args).map((t) => ("file" in t ? runFile(t.file) : { passed: false, line: `FAIL ${t.missing}: no such file or folder` }));
  for (const o of outcomes) console.log(o.line);
  const passed = outcomes.filter((o) => o.passed).length;
  const failed = outcomes.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
