// Typed request/reply over a forked child's IPC channel: the orchestrator asks, the child answers.
// Each operation is declared once as [arguments, result] so both ends agree at compile time.
import type { ChildProcess } from "node:child_process";

export type OpMap = Record<string, [unknown, unknown]>;

interface Request {
  rpc: number;
  op: string;
  args: unknown;
}
interface Reply {
  rpc: number;
  ok: boolean;
  data?: unknown;
  error?: string;
}

function isReply(m: unknown): m is Reply {
  return typeof m === "object" && m !== null && "rpc" in m && "ok" in m;
}
function isRequest(m: unknown): m is Request {
  return typeof m === "object" && m !== null && "rpc" in m && "op" in m;
}

export class RpcClient<Ops extends OpMap> {
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    child.on("message", (m: unknown) => {
      if (!isReply(m)) return;
      const w = this.waiting.get(m.rpc);
      if (!w) return;
      this.waiting.delete(m.rpc);
      clearTimeout(w.timer);
      if (m.ok) w.resolve(m.data);
      else w.reject(new Error(`${this.name}: ${m.error ?? "failed"}`));
    });
    child.on("exit", (code, signal) => {
      for (const w of this.waiting.values()) {
        clearTimeout(w.timer);
        w.reject(new Error(`${this.name} exited (${code ?? signal})`));
      }
      this.waiting.clear();
    });
  }

  call<K extends keyof Ops & string>(op: K, args: Ops[K][0], timeoutMs = 60_000): Promise<Ops[K][1]> {
    const rpc = this.nextId++;
    return new Promise<Ops[K][1]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(rpc);
        reject(new Error(`${this.name}: ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(rpc, { resolve: (v) => resolve(v), reject, timer });
      this.child.send({ rpc, op, args } satisfies Request);
    });
  }
}

export type Handlers<Ops extends OpMap> = { [K in keyof Ops]: (args: Ops[K][0]) => Promise<Ops[K][1]> | Ops[K][1] };

/** In the child: answer the parent's requests with these handlers. */
export function serveRpc<Ops extends OpMap>(handlers: Handlers<Ops>): void {
  process.on("message", (m: unknown) => {
    if (!isRequest(m) || !process.send) return;
    const handler = (handlers as Record<string, ((args: unknown) => unknown) | undefined>)[m.op];
    const send = (r: Reply) => process.send?.(r);
    if (!handler) return send({ rpc: m.rpc, ok: false, error: `unknown op ${m.op}` });
    Promise.resolve()
      .then(() => handler(m.args))
      .then(
        (data) => send({ rpc: m.rpc, ok: true, data }),
        (err: unknown) => send({ rpc: m.rpc, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
  });
  // The parent going away must not leave a bench process behind.
  process.on("disconnect", () => process.exit(0));
}

export interface MemoryFigures {
  heapUsed: number;
  rss: number;
}

/** Heap after two full collections (needs --expose-gc), and the resident set. */
export function measureMemory(): MemoryFigures {
  for (let i = 0; i < 2; i++) globalThis.gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}
