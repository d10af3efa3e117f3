import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The engine must run unchanged in the server, the browser and scripts: no framework, no I/O, no DOM.
const rulesDir = path.resolve(__dirname, "../../../core/rules");
const allowedPackages = new Set(["zod"]);
const forbiddenGlobals = new Set(["window", "document"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

function isAllowedSpecifier(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../") || allowedPackages.has(spec);
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
    } else if (!isAllowedSpecifier(spec.text)) {
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
      if (ts.isLiteralTypeNode(arg)) checkSpecifier(node, arg.literal as ts.Expression);
    } else if (ts.isIdentifier(node) && forbiddenGlobals.has(node.text)) {
      problems.push(`${where(node)} references ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe("purity of core/rules", () => {
  const files = sourceFiles(rulesDir);

  it("RULESET-5 the engine folder is found and has source files", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("RULESET-5 core/rules imports only relative modules and zod, and never touches window or document", () => {
    const problems = files.flatMap((f) => purityViolations(f, readFileSync(f, "utf8")));
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
      expect(purityViolations("bad.ts", line), line).not.toEqual([]);
    }
    const good = [
      'import { z } from "zod";',
      'import { a } from "./a";',
      'export * from "../b";',
      "// the window of the sitting is not a DOM window",
      "const s = 'document';",
    ];
    for (const line of good) {
      expect(purityViolations("good.ts", line), line).toEqual([]);
    }
  });
});
