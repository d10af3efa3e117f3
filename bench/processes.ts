// Starting and stopping the bench's child processes: the Séance server (bench/server-entry.ts), the
// baseline ws server and the client process, each a node process of its own with an IPC channel.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { RpcClient, type OpMap } from "./ipc";

export interface Forked<Ops extends OpMap> {
  proc: ChildProcess;
  rpc: RpcClient<Ops>;
  ready: Record<string, unknown>;
  output: () => string;
}

export async function forkTs<Ops extends OpMap>(file: string, name: string, env: Record<string, string> = {}, extraArgs: string[] = []): Promise<Forked<Ops>> {
  const proc = fork(path.join(process.cwd(), "bench", file), [], {
    execArgv: ["--import", "tsx", "--expose-gc", ...extraArgs],
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let out = "";
  proc.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  proc.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${out}`)), 60_000);
    proc.on("message", (m: unknown) => {
      if (typeof m === "object" && m !== null && "ready" in m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${out}`));
    });
  });
  return { proc, rpc: new RpcClient<Ops>(proc, name), ready, output: () => out };
}

/** SIGTERM (the server saves and closes its sockets), SIGKILL if it lingers. */
export function stop(proc: ChildProcess, graceMs = 8000): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
    proc.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill("SIGTERM");
  });
}
