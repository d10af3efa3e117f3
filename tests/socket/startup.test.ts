// FOUND-5: a bad DATABASE_URL or a busy port ends with one clear line and a non-zero exit, not a stack trace.
import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { freshDatabaseFile } from "../helpers/test-server";

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { ...process.env, SEANCE_PAGES: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => p.kill("SIGKILL"), 60_000);
    p.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe("start-up failures", () => {
  for (const [what, url] of [
    ["a URL of another database", "mysql://user@localhost/seance"],
    ["a PostgreSQL server that does not answer", "postgresql://user:secret@127.0.0.1:1/seance"],
    ["a folder that does not exist", "file:/nonexistent-folder/seance.db"],
  ] as const) {
    it(`FOUND-5 ${what} in DATABASE_URL: one line, exit 1`, async () => {
      const r = await start({ DATABASE_URL: url, PORT: "0" });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Séance could not start: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      // A password in the URL never reaches the logs.
      expect(r.stderr).not.toContain("secret");
    });
  }

  it("FOUND-5 a busy port: one line, exit 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await start({ DATABASE_URL: `file:${freshDatabaseFile()}`, PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`Séance could not start: port ${port} is already in use (set PORT to another port)`);
    } finally {
      blocker.close();
    }
  });
});
