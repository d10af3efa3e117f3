import { afterAll, beforeAll, it } from "vitest";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.stop();
});
it("probe", async () => {
  const clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  const { sittingId } = await createSittingAs(srv.url, clerk);
  const pres = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  const coun = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m02"));
  await pres.subscribe();
  await coun.subscribe();
  console.log("pres", JSON.stringify(await pres.send({ type: "rollcall:mark", memberId: "m03", status: "present" }, "shared-id-0001")));
  console.log("councillor replay", JSON.stringify(await coun.send({ type: "sitting:close" }, "shared-id-0001")));
  pres.close();
  coun.close();
});
