// Project lint beside ESLint (eslint.config.mjs does the type-aware, React hooks, a11y and size rules):
// the checks ESLint has no rule for here. No any-typed values or ts-ignore (also ESLint errors, kept
// for scripts ESLint skips), no focused or skipped tests, kebab-case file names, a pure core.
import fs from "node:fs";
import path from "node:path";

const ROOTS = ["app", "core", "server", "lib", "scripts", "tests", "e2e", "bench", "prisma"];
const problems: string[] = [];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(p);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

const SELF = path.join("scripts", "lint.ts");
for (const file of ROOTS.flatMap(walk)) {
  if (file === SELF) continue;
  const text = fs.readFileSync(file, "utf8");
  const base = path
    .basename(file)
    .replace(/\.(test|spec)\.(ts|tsx)$/, "")
    .replace(/\.(ts|tsx|mts)$/, "");
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(base) && !/^\[[a-zA-Z]+\]$/.test(base) && !/^(page|layout)$/.test(base))
    problems.push(`${file}: file name is not kebab-case`);
  text.split("\n").forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    // Code only: prose in comments may say "any".
    const code = /^\s*(\/\/|\/\*|\*)/.test(line) ? "" : line.replace(/\/\/.*$/, "");
    if (/:\s*any\b|as any\b|<any>/.test(code)) problems.push(`${at}: \`any\``);
    if (/@ts-(ignore|nocheck)/.test(line)) problems.push(`${at}: @ts-ignore`);
    if (/\b(it|test|describe)\.(only|skip)\(|\btest\.fixme\(/.test(line)) problems.push(`${at}: focused or skipped test`);
  });
  if (file.startsWith(`core${path.sep}`) && /from "(socket\.io|@prisma|next|react)|from "next\//.test(text))
    problems.push(`${file}: core/ must not import transport, storage or UI`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("lint: ok");
