// SEC-12, SEC-14, after the production build (`npx tsx scripts/check-bundle.ts`, called by
// scripts/test-all.sh): (1) nothing secret or server-only in what browsers download (.next/static
// and the prerendered pages); (2) the pages the built server renders carry the security headers.
// Exit 0 when both hold, 1 otherwise (each problem on its own line).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WALL_DIR } from "../server/http/wall-page";
import { DEMO_PASSWORDS } from "../server/seed/demo";
import { freePort } from "../tests/helpers/child-server";

const NEXT = path.join(process.cwd(), ".next");

/** Literal strings that would mean server code, credentials or configuration reached the browser. */
const FORBIDDEN = [
  "passwordHash",
  "codeHash",
  "DATABASE_URL",
  "SEANCE_SECRET",
  "auth-secret",
  DEMO_PASSWORDS.clerk,
  DEMO_PASSWORDS.president,
  "-----BEGIN",
  "PRIVATE KEY",
  "better-sqlite3",
  "@prisma/client",
  "PrismaClient",
  "scrypt$",
];

/** Values of this process's secret-looking variables (SEANCE_SECRET and the like), if any are set. */
function secretValues(): { name: string; value: string }[] {
  return Object.entries(process.env)
    .filter(([name, value]) => /SECRET|TOKEN|PASSWORD|PRIVATE|API_KEY/i.test(name) && value !== undefined && value.length >= 12)
    .map(([name, value]) => ({ name, value: value ?? "" }));
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, keep) : keep(p) ? [p] : [];
  });
}

function scanBundle(problems: string[]): number {
  // What a browser can download: the static chunks and the prerendered pages with their RSC payloads.
  const files = [
    ...walk(path.join(NEXT, "static"), (f) => /\.(js|css|json)$/.test(f)),
    // The public wall's own script and style (scripts/build-wall.ts), served at /_wall/.
    ...walk(path.join(process.cwd(), WALL_DIR, "static"), (f) => /\.(js|css)$/.test(f)),
    ...walk(path.join(NEXT, "server", "app"), (f) => /\.(html|rsc)$/.test(f)),
  ];
  if (!files.some((f) => f.endsWith(".js"))) problems.push("bundle: no JavaScript under .next/static — is the build complete?");
  if (!files.some((f) => f.startsWith(path.join(process.cwd(), WALL_DIR)) && f.endsWith(".js")))
    problems.push("bundle: no public wall under .next/wall — run `npm run build`");
  const secrets = secretValues();
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const rel = path.relative(process.cwd(), file);
    for (const s of FORBIDDEN) if (text.includes(s)) problems.push(`bundle: ${rel} contains "${s}"`);
    for (const { name, value } of secrets) if (text.includes(value)) problems.push(`bundle: ${rel} contains the value of ${name}`);
  }
  return files.length;
}

/** Starts the built server on a throwaway database, as a user runs it, and checks what pages send. */
async function checkPages(problems: string[]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seance-check-bundle-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${path.join(dir, "seance.db")}`,
      SEANCE_DEMO: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in 90 s:\n${out}`)), 90_000);
      child.stdout.on("data", () => {
        if (out.includes("Séance is ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code}:\n${out}`));
      });
    });
    const base = `http://127.0.0.1:${port}`;
    const list = (await (await fetch(`${base}/api/public/sittings`)).json()) as { data: { id: string }[] };
    const sittingId = list.data[0]?.id ?? "none";
    const pages = ["/", "/signin", "/pair", `/public/${sittingId}`, "/clerk", "/page-that-does-not-exist"];
    for (const page of pages) {
      const res = await fetch(`${base}${page}`, { redirect: "manual" });
      const body = await res.text();
      const csp = res.headers.get("content-security-policy") ?? "";
      const where = `page ${page} (${res.status})`;
      if (!csp.includes("frame-ancestors 'none'")) problems.push(`${where}: Content-Security-Policy without frame-ancestors 'none' (${csp || "absent"})`);
      if (res.headers.get("x-content-type-options") !== "nosniff") problems.push(`${where}: X-Content-Type-Options is not nosniff`);
      if (!res.headers.get("referrer-policy")) problems.push(`${where}: no Referrer-Policy`);
      if (res.headers.get("x-frame-options") !== "DENY") problems.push(`${where}: X-Frame-Options is not DENY`);
      if (res.headers.get("x-powered-by")) problems.push(`${where}: X-Powered-By is sent`);
      for (const s of FORBIDDEN) if (body.includes(s)) problems.push(`${where}: the HTML contains "${s}"`);
    }
    return pages.length;
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(NEXT, "BUILD_ID"))) {
    console.error("check-bundle: no production build (.next/BUILD_ID); run `npm run build` first");
    return 1;
  }
  const problems: string[] = [];
  const files = scanBundle(problems);
  const pages = await checkPages(problems);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`check-bundle: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(`check-bundle: ok — ${files} files browsers download hold no secret; ${pages} pages carry the security headers`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error(`check-bundle: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
