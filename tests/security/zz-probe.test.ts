import net from "node:net";
import { afterAll, beforeAll, it } from "vitest";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
let srv: TestServer;
let clerk: string;
beforeAll(async () => {
  srv = await startTestServer();
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
});
afterAll(async () => {
  await srv?.stop();
});
// One keep-alive connection: an oversize POST then a small GET on the same socket.
const twoOnOne = (size: number, chunked: boolean) =>
  new Promise<string>((r) => {
    const u = new URL(srv.url);
    const s = net.connect(Number(u.port), "127.0.0.1", () => {
      const body = JSON.stringify({ login: "x".repeat(size), password: "y" });
      const head =
        `POST /api/auth/signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nx-seance-client: 1\r\n` +
        (chunked ? `Transfer-Encoding: chunked\r\n\r\n` : `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
      s.write(head);
      if (chunked) {
        for (let i = 0; i < body.length; i += 16384) {
          const part = body.slice(i, i + 16384);
          s.write(`${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`);
        }
        s.write("0\r\n\r\n");
      } else s.write(body);
      s.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let out = "";
    s.setTimeout(3000, () => s.destroy());
    s.on("data", (d) => (out += d));
    s.on("close", () =>
      r(
        out
          .split("\r\n")
          .filter((l) => l.startsWith("HTTP/") || l.startsWith("{"))
          .join(" | ")
          .slice(0, 400),
      ),
    );
    s.on("error", (e) => r(`ERR ${e.message} after: ${out.slice(0, 100)}`));
  });
it("probe", async () => {
  for (const size of [70_000, 300_000, 1_000_000])
    for (const chunked of [false, true]) console.log(size, chunked ? "chunked" : "length", "->", await twoOnOne(size, chunked));
});
