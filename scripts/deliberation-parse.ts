// CLI: parse draft deliberation files and print the result as JSON, exiting non-zero when a file cannot
// be read or lacks a required field, so an import can be checked from a shell before it is run.
//
//   npm run --silent deliberation:parse -- <file> [<file>…]
//
// stdout: the ParsedDeliberation as JSON (2-space indent); with several files, an array of
// { name, ok, deliberation }. stderr: one line per problem, "error:" when it blocks the import,
// "warning:" otherwise. Exit codes: 0 importable, 1 a blocking problem or an unreadable file, 2 usage.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { isImportable, parseDeliberationFiles } from "../core/records/deliberation-parser";

async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((arg) => arg !== "--");
  if (args.length === 0 || args.includes("-h") || args.includes("--help")) {
    process.stderr.write("usage: npm run --silent deliberation:parse -- <file> [<file>…]\n");
    return 2;
  }
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const base = process.env.npm_lifecycle_event === "deliberation:parse" ? (process.env.INIT_CWD ?? process.cwd()) : process.cwd();

  const files: { name: string; text: string }[] = [];
  let unreadable = false;
  for (const arg of args) {
    try {
      const bytes = await readFile(path.resolve(base, arg));
      // Not fatal: invalid UTF-8 becomes U+FFFD, which the parser reports (or rejects as binary).
      files.push({ name: arg, text: new TextDecoder("utf-8").decode(bytes) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${arg}: error: cannot read the file (${reason})\n`);
      unreadable = true;
    }
  }

  const results = parseDeliberationFiles(files);
  const output = args.length === 1 ? results[0]?.deliberation : results;
  if (output !== undefined) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);

  for (const { name, deliberation } of results) {
    for (const issue of deliberation.issues) {
      process.stderr.write(`${name}: ${issue.blocking ? "error" : "warning"}: ${issue.message}\n`);
    }
  }
  const blocked = results.some(({ deliberation }) => !isImportable(deliberation));
  return unreadable || blocked ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`deliberation:parse failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
