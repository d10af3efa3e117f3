// API-*: the public read-only API for broadcasters' overlays and open data: the list, the public
// projection as JSON, and the same as server-sent events, live.
import { applyPublicPatch, type PublicPatch } from "../../core/sitting/public-patch";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicView } from "../../core/sitting/projection";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
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
    const frames: PublicView[] = [];
    const patchBytes: number[] = [];
    const req = http.get(`${srv.url}/api/public/sittings/${sittingId}/events`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.once("response", resolve));
    expect(res.headers["content-type"]).toContain("text/event-stream");
    let buf = "";
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const lines = frame.split("\n");
        const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
        const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
        if (!data) continue;
        if (event === "state") frames.push(JSON.parse(data) as PublicView);
        if (event === "patch") {
          patchBytes.push(data.length);
          frames.push(applyPublicPatch(frames[frames.length - 1]!, JSON.parse(data) as PublicPatch));
        }
      }
    });
    const until = async (cond: () => boolean) => {
      const end = Date.now() + 5000;
      while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(cond()).toBe(true);
    };
    await until(() => frames.length >= 1);
    expect(frames[0]!.counts.present).toBe(0);
    const pres = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
    await pres.subscribe();
    await pres.sendOk({ type: "rollcall:mark", memberId: "m02", status: "present" });
    await until(() => frames.some((f) => f.counts.present === 1));
    await pres.sendOk({ type: "rollcall:mark", memberId: "m03", status: "present" });
    await until(() => frames.some((f) => f.counts.present === 2));
    // After the first view, only patches: a member and the counts, far smaller than the view.
    expect(patchBytes.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...patchBytes)).toBeLessThan(JSON.stringify(frames[0]).length / 10);
    const now = (await (await fetch(`${srv.url}/api/public/sittings/${sittingId}`)).json()) as { data: PublicView };
    expect(frames[frames.length - 1]).toEqual(now.data);
    req.destroy();
    pres.close();
  });
});
