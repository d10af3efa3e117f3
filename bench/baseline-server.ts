// The baseline: a bare `ws` server that broadcasts one prebuilt buffer to every client, the least a
// server can do to put a message on N screens. Same payload size and schedule as the Séance burst.
import { WebSocketServer } from "ws";
import { measureMemory, serveRpc, type MemoryFigures } from "./ipc";
import { now, sleep } from "./stats";

export type BaselineOps = {
  mem: [Record<string, never>, MemoryFigures];
  clients: [Record<string, never>, number];
  /** Sends `count` messages, one every periodMs; each is `{"k":index,"t":sentAt,"v":<view>}`. */
  burst: [{ view: string; count: number; periodMs: number }, { sent: number; lastSentAt: number }];
};

async function main(): Promise<void> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const addr = wss.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;

  serveRpc<BaselineOps>({
    mem: () => measureMemory(),
    clients: () => wss.clients.size,
    burst: async ({ view, count, periodMs }) => {
      const start = now();
      let sent = 0;
      let lastSentAt = 0;
      for (let k = 0; k < count; k++) {
        await sleep(start + k * periodMs - now());
        lastSentAt = now();
        const frame = Buffer.from(`{"k":${k},"t":${lastSentAt},"v":${view}}`);
        // A text frame, as Socket.IO sends its JSON: the client decodes UTF-8 in both cases.
        for (const ws of wss.clients) ws.send(frame, { binary: false });
        sent += wss.clients.size;
      }
      return { sent, lastSentAt };
    },
  });
  process.send?.({ ready: true, port });
}

main().catch((err: unknown) => {
  console.error(`baseline server failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
