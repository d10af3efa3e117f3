// SEC-15: dependency audit of what ships (`npx tsx scripts/check-audit.ts`, called by
// scripts/test-all.sh): `npm audit --omit=dev --audit-level=high --json`.
// Exit 0: no high or critical advisory. Exit 1: some (each named), or an answer that makes no sense.
// Exit 2: SKIPPED, NOT A PASS — the registry's audit endpoint could not be reached or refused the
// request (offline, a mirror without the audit API); the reason is printed on one line.
import { execFile } from "node:child_process";

interface AuditReport {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { severity?: string; range?: string; fixAvailable?: unknown; via?: unknown[] }>;
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: Record<string, number> | number };
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
}

function runAudit(): Promise<{ stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["audit", "--omit=dev", "--audit-level=high", "--json"],
      { cwd: process.cwd(), timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        // npm audit exits non-zero both when it finds advisories and when it fails: the JSON decides.
        const timedOut = !!err && "killed" in err && err.killed === true;
        resolve({ stdout: String(stdout), stderr: String(stderr), timedOut });
      },
    );
  });
}

function skipped(reason: string): number {
  // The registry's address is not ours to print in CI logs: keep the status and what was refused.
  console.log(
    `dependency audit: SKIPPED, NOT A PASS — ${reason
      .replace(/https?:\/\/\S+/g, "(registry)")
      .replace(/\s+/g, " ")
      .trim()}`,
  );
  return 2;
}

async function main(): Promise<number> {
  const { stdout, stderr, timedOut } = await runAudit();
  if (timedOut) return skipped("npm audit did not answer within 120 s (registry unreachable?)");
  let report: AuditReport;
  try {
    report = JSON.parse(stdout) as AuditReport;
  } catch {
    const line = stderr.split("\n").find((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network|audit endpoint/i.test(l));
    if (line) return skipped(`the registry's audit endpoint is unreachable (${line})`);
    console.error(`dependency audit: npm audit gave no JSON:\n${stderr.slice(0, 2000)}`);
    return 1;
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    // npm prints the registry's error as JSON: 405 from a mirror, 5xx, or a network code.
    const why = [report.statusCode ? `HTTP ${report.statusCode}` : "", report.error?.code ?? "", report.message ?? report.error?.summary ?? ""]
      .filter(Boolean)
      .join(" ");
    if (why) return skipped(`the registry's audit endpoint refused or failed (${why})`);
    console.error(`dependency audit: unexpected answer: ${stdout.slice(0, 500)}`);
    return 1;
  }
  const high = (counts.high ?? 0) + (counts.critical ?? 0);
  const summary = Object.entries(counts)
    .filter(([k]) => k !== "total")
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  if (high > 0) {
    for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
      if (v.severity === "high" || v.severity === "critical")
        console.error(`  ${v.severity}: ${name} ${v.range ?? ""}${v.fixAvailable ? " (fix available)" : ""}`);
    }
    console.error(`dependency audit: ${high} high or critical advisories in production dependencies (${summary})`);
    return 1;
  }
  console.log(`dependency audit: ok — no high or critical advisory in production dependencies (${summary})`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`dependency audit: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
