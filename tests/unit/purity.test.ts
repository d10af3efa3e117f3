import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The core must run unchanged in the server, the browser and scripts: no framework, no I/O, no DOM,
// and nothing outside core/ (ARCHITECTURE: the pure floor, no import runs back up).
const coreDir = path.resolve(__dirname, "../../core");
const rulesDir = path.join(coreDir, "rules");
const allowedPackages = new Set(["zod", "@noble/hashes/sha2.js", "@noble/hashes/utils.js"]);
const forbiddenGlobals = new Set(["window", "document"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

function isAllowedSpecifier(spec: string, fromFile: string): boolean {
  if (allowedPackages.has(spec)) return true;
  if (!spec.startsWith("./") && !spec.startsWith("../")) return false;
  // A relative import must stay inside core/.
  const target = path.resolve(path.dirname(fromFile), spec);
  return target === coreDir || target.startsWith(`${coreDir}${path.sep}`);
}

/** Every import, re-export, require() or import() that leaves the folder, and every DOM global used. */
function purityViolations(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const problems: string[] = [];
  const where = (node: ts.Node) => `${path.basename(fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const checkSpecifier = (node: ts.Node, spec: ts.Expression | undefined) => {
    if (spec === undefined) return;
    if (!ts.isStringLiteralLike(spec)) {
      problems.push(`${where(node)} imports a computed module name`);
    } else if (!isAllowedSpecifier(spec.text, fileName)) {
      problems.push(`${where(node)} imports "${spec.text}"`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      checkSpecifier(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      checkSpecifier(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if (isDynamicImport || isRequire) checkSpecifier(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) checkSpecifier(node, arg.literal);
    } else if (ts.isIdentifier(node) && forbiddenGlobals.has(node.text)) {
      problems.push(`${where(node)} references ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe("purity of core/", () => {
  const files = sourceFiles(rulesDir);
  const everyCoreFile = sourceFiles(coreDir);

  it("RULESET-5 the engine folder is found and has source files", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("RULESET-5 core/rules imports only relative modules and zod, and never touches window or document", () => {
    const problems = files.flatMap((f) => purityViolations(f, readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });

  it("ARCH-1 every folder of core/ (rules, sitting, records, minutes, audit, api and the vocabulary) imports nothing outside core/ but zod (and @noble/hashes for the hash chain)", () => {
    const folders = new Set(everyCoreFile.map((f) => path.relative(coreDir, path.dirname(f)).split(path.sep)[0] || "."));
    expect([...folders].sort()).toEqual([".", "api", "audit", "convocation", "minutes", "records", "rules", "sitting"]);
    const problems = everyCoreFile.flatMap((f) => purityViolations(f, readFileSync(f, "utf8")).map((p) => `${path.relative(coreDir, f)}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("RULESET-5 the scanner catches framework imports, path aliases, require, dynamic imports and DOM globals", () => {
    const bad = [
      'import { Server } from "socket.io";',
      'import { PrismaClient } from "@prisma/client";',
      'export { x } from "next/server";',
      'import type { FC } from "react";',
      'import { y } from "@/server/db";',
      'import fs from "node:fs";',
      'const m = require("fs");',
      'const n = await import("react-dom");',
      'type T = import("next").Metadata;',
      "const w = window.innerWidth;",
      "document.title = 'x';",
    ];
    for (const line of bad) {
      expect(purityViolations(path.join(rulesDir, "bad.ts"), line), line).not.toEqual([]);
    }
    // Relative, but leaving core/.
    expect(purityViolations(path.join(rulesDir, "bad.ts"), 'import { db } from "../../server/db/client";')).not.toEqual([]);
    const good = [
      'import { z } from "zod";',
      'import { a } from "./a";',
      'export * from "../b";',
      'import { ChoiceSchema } from "../vocabulary";',
      "// the window of the sitting is not a DOM window",
      "const s = 'document';",
    ];
    for (const line of good) {
      expect(purityViolations(path.join(rulesDir, "good.ts"), line), line).toEqual([]);
    }
  });
});
