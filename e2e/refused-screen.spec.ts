// SEC-26 ROOM-8 from the browser's side: a server may refuse a screen's connection (its address already
// holds every place it may, or a node of a cluster is starting). Socket.IO does not try again after a
// refusal by the server, so the screen does (lib/client/sitting-client.ts): here the address's places
// are all taken while the public wall opens, then freed; the wall must say it is not live while refused
// and become live by itself.
import { io, type Socket } from "socket.io-client";
import { expect, test } from "@playwright/test";
import { freePort, startChildServer, type ChildServer } from "../tests/helpers/child-server";
import { freshTemplateFile } from "./fresh-database";

const PLACES = 2;
let server: ChildServer;

test.beforeAll(async () => {
  server = await startChildServer({
    dbFile: freshTemplateFile(),
    port: await freePort(),
    env: { SEANCE_DEMO: "1", SEANCE_PAGES: "1", SEANCE_MAX_CONNECTIONS_PER_ADDRESS: String(PLACES) },
  });
});
test.afterAll(async () => {
  await server?.kill("SIGTERM");
});

/** A public connection from this address: connected, or refused with the server's reason. */
function connection(): Promise<{ socket: Socket; refused: string | null }> {
  const socket = io(server.url, { transports: ["websocket"], reconnection: false });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket, refused: null }));
    socket.once("connect_error", (err) => resolve({ socket, refused: err.message }));
  });
}

test("SEC-26 a wall refused for want of a free place says it is not live, tries again by itself and is live once a place is free", async ({ page }) => {
  test.setTimeout(90_000);
  const sittings = (await (await fetch(`${server.url}/api/public/sittings`)).json()) as { data: { id: string }[] };
  const sid = sittings.data[0]!.id;
  // Every place of the address taken; one more is refused.
  const holders = [];
  for (let i = 0; i < PLACES; i++) holders.push(await connection());
  expect(holders.map((h) => h.refused)).toEqual([null, null]);
  const extra = await connection();
  expect(extra.refused).toBe("too many connections from this address");
  extra.socket.close();

  await page.goto(`${server.url}/public/${sid}`);
  // The page shows the sitting as the server rendered it (CROWD-6), but refused at first, and at its
  // first tries again (after 1 s, then 2 s), the wall says it is not live.
  await expect(page.getByTestId("public-screen")).toBeVisible();
  const offline = page.getByRole("alert").filter({ hasText: "Connexion perdue" });
  await expect(offline).toBeVisible();
  await page.waitForTimeout(3500);
  await expect(offline).toBeVisible();

  for (const h of holders) h.socket.close();
  // A place is free: the next try (at most 10 s later) gets in, and the wall is live again.
  await expect(offline).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("seal")).toContainText(/\d/);
});
