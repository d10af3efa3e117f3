// API-*: the public read-only API for broadcasters' overlays and open data: the list, the public
// projection as JSON, and the same as server-sent events, live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicView } from "../../core/sitting/projection";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { publicEvents } from "../helpers/public-events";
import { Client, createSittingAs, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";

let srv: TestServer;
let sittingId: string;

beforeAll(async () => {
  srv = await startTestServer();
  ({ sittingId } = await createSittingAs(srv.url, await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk)));
});
afterAll(async () => {
  await srv?.stop();
});

describe("public API", () => {
  it("API-1 lists the sittings and gives each one's public projection", async () => {
    const list = (await (await fetch(`${srv.url}/api/public/sittings`)).json()) as { data: { id: string; url: string }[] };
    expect(list.data.map((s) => s.id)).toContain(sittingId);
    const one = (await (await fetch(`${srv.url}/api/public/sittings/${sittingId}`)).json()) as { ok: boolean; data: PublicView };
    expect(one.data).toMatchObject({ kind: "public", sittingId, status: "convened", membersInOffice: 53 });
    expect((await fetch(`${srv.url}/api/public/sittings/nope`)).status).toBe(404);
  });

  it("API-2 CROWD-2 server-sent events carry one snapshot, then patches the same pure function applies", async () => {
    const sse = publicEvents(srv.url, sittingId);
    const { frames, patchBytes } = sse;
    expect(await sse.contentType).toContain("text/event-stream");
    const until = (cond: (view: PublicView) => boolean) => sse.until(cond, 5000);
    await until(() => true);
    expect(frames[0]!.counts.present).toBe(0);
    const pres = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    await pres.subscribe();
    await pres.sendOk({ type: "rollcall:mark", memberId: "m02", status: "present" });
    await until((f) => f.counts.present === 1);
    await pres.sendOk({ type: "rollcall:mark", memberId: "m03", status: "present" });
    await until((f) => f.counts.present === 2);
    // After the first view, only patches: a member and the counts, far smaller than the view.
    expect(patchBytes.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...patchBytes)).toBeLessThan(JSON.stringify(frames[0]).length / 10);
    const now = (await (await fetch(`${srv.url}/api/public/sittings/${sittingId}`)).json()) as { data: PublicView };
    expect(await until((f) => f.seq >= now.data.seq)).toEqual(now.data);
    sse.close();
    pres.close();
  });
});
