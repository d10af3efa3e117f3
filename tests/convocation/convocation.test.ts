// The weeks before the sitting on the real server (#19): the dispatch and its legal delay on the
// server's clock, e-mails over real SMTP to a sink the test starts, acknowledgement from a device and
// from the e-mail's link, declarations in advance checked by the rules engine, the roll call and the
// chair's expected quorum built from them, the ordre du jour hidden until published, the urgency in the PV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClerkConvocation, MemberConvocation } from "../../core/api/convocation";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, pairDevice, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { memberId } from "../helpers/demo-sitting";
import { call, data } from "../clerk/clerk-fixture";
import { addDays } from "../../core/convocation/calendar";
import { frenchDayDate } from "../../core/convocation/documents";
import { longFrenchDate } from "../../core/time";
import { attachmentNames, startSmtpSink, textOf, type SmtpSink } from "./smtp-sink";

// The server's clock runs days ahead of the real one (sessions stay valid for the real-time socket
// checks); the sitting is ten days from today, in a council whose members are in office then.
const today = new Date().toISOString().slice(0, 10);
const D = addDays(today, 10);
const E = addDays(today, 14);
const at = (day: string) => new Date(`${day}T09:00:00Z`);
let now = at(addDays(D, -4));
const clock = { now: () => now };
let srv: TestServer;
let sink: SmtpSink;
let clerk: string;
let president: string;
let sid: string;
const mailed = [memberId(2), memberId(3), memberId(4)];

const clerkView = async (id = sid) => data<ClerkConvocation>(await call(srv.url, "GET", `/api/clerk/sittings/${id}/convocation`, clerk));
const row = (v: ClerkConvocation, m: string) => v.recipients.find((r) => r.memberId === m)!;

beforeAll(async () => {
  sink = await startSmtpSink();
  srv = await startTestServer({ clock, env: { SEANCE_SMTP_URL: sink.url, SEANCE_MAIL_FROM: "Mairie de Poitiers <assemblees@poitiers.test>" } });
  clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  president = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
  await srv.db.member.updateMany({ data: { mandateEnd: null } });
  for (const [i, m] of mailed.entries()) await srv.db.member.update({ where: { id: m }, data: { email: `elu${i + 2}@poitiers.test` } });
  // Poitiers (88,291 inhabitants): five clear days.
  ({ sittingId: sid } = await createSittingAs(srv.url, clerk, { date: D, convocationDate: addDays(D, -6) }));
});
afterAll(async () => {
  await srv?.stop();
  await sink?.close();
});

describe("sending the convocation", () => {
  it("CONV-8 refused without a note of synthesis on each item (3,500 inhabitants and more), then once the delay is past", async () => {
    const missing = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/convocation/send`, clerk);
    const before = await clerkView();
    if (before.missingSynthesis.length) {
      expect(missing.status).toBe(409);
      expect(missing.json.error?.text?.fr).toContain("Note explicative de synthèse manquante");
      for (const it of before.missingSynthesis)
        expect((await call(srv.url, "PATCH", `/api/clerk/items/${it.itemId}`, clerk, { synthesis: `Synthèse du point ${it.order}.` })).status).toBe(200);
    }
    expect((await clerkView()).missingSynthesis).toEqual([]);
    // Four days before: three clear days, five needed.
    const late = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/convocation/send`, clerk);
    expect(late.status).toBe(409);
    expect(late.json.error?.code).toBe("convocation-too-late");
    expect(late.json.error?.text?.fr).toContain(`l'envoyer au plus tard le ${addDays(D, -6)}`);
    expect(await srv.db.convocationRecipient.count({ where: { sittingId: sid } })).toBe(0);
    expect((await clerkView()).delayToday).toMatchObject({ ok: false, clearDays: 3, required: 5, latestDispatchOn: addDays(D, -6) });
  });

  it("CONV-9 on time, it reaches every member's copy in Séance and one e-mail per address, with the convocation and the ordre du jour as PDFs", async () => {
    now = at(addDays(D, -6));
    const sent = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/convocation/send`, clerk);
    expect(sent.status).toBe(201);
    expect(sent.json.data).toMatchObject({ dispatch: 1, on: addDays(D, -6), emails: 3, clearDays: 5, required: 5, inTime: true });
    await sink.until(3);
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual(["elu2@poitiers.test", "elu3@poitiers.test", "elu4@poitiers.test"]);
    for (const m of sink.messages) {
      expect(attachmentNames(m.raw).sort()).toEqual([`convocation-${D}.pdf`, `ordre-du-jour-${D}.pdf`]);
      expect(textOf(m.raw)).toContain(`Le conseil municipal se réunira le ${frenchDayDate(D)} à 18h00, Salle du Conseil.`);
      expect(m.from).toBe("assemblees@poitiers.test");
    }
    const v = await clerkView();
    expect(v.recipients).toHaveLength(Object.keys((await srv.server.rooms.get(sid)).state.roster).length);
    await expect
      .poll(
        async () => {
          const now = await clerkView();
          return mailed.map((m) => row(now, m).emailStatus);
        },
        { timeout: 30_000 },
      )
      .toEqual(["sent", "sent", "sent"]);
    const after = await clerkView();
    expect(row(after, memberId(5)).emailStatus).toBe("no-address");
    expect(row(after, memberId(5)).deliveredAt).not.toBeNull();
    // The date of dispatch is the sitting's convocation date (registre, PV).
    expect((await srv.db.sitting.findUniqueOrThrow({ where: { id: sid } })).convocationDate).toBe(addDays(D, -6));
  });

  it("CONV-10 a member acknowledges from the e-mail's link, another from the paired device; the clerk sees who opened and acknowledged", async () => {
    const mail = sink.messages.find((m) => m.to[0] === "elu2@poitiers.test")!;
    const token = /\/convocation\/([A-Za-z0-9_-]{43})/.exec(textOf(mail.raw))?.[1];
    expect(token).toBeDefined();
    const read = await call(srv.url, "GET", `/api/convocation/${token}`, null);
    expect(read.status).toBe(200);
    const packet = data<MemberConvocation>(read);
    expect(packet.member.id).toBe(memberId(2));
    expect(packet.items.length).toBeGreaterThan(0);
    expect(packet.items.every((it) => it.synthesis !== "" || it.expose !== "")).toBe(true);
    expect((await call(srv.url, "POST", `/api/convocation/${token}/ack`, null)).status).toBe(200);
    expect((await call(srv.url, "GET", `/api/convocation/not-a-token-of-ours-at-all-not-a-token-of-ours`, null)).status).toBe(404);

    const device = await pairDevice(srv.url, clerk, memberId(6));
    expect((await call(srv.url, "GET", `/api/member/sittings/${sid}/convocation`, device)).status).toBe(200);
    expect((await call(srv.url, "POST", `/api/member/sittings/${sid}/convocation/ack`, device)).status).toBe(200);
    const v = await clerkView();
    expect(row(v, memberId(2))).toMatchObject({ acknowledgedVia: "link" });
    expect(row(v, memberId(6))).toMatchObject({ acknowledgedVia: "device", device: true });
    expect(row(v, memberId(6)).openedAt).not.toBeNull();
    expect(row(v, memberId(7))).toMatchObject({ openedAt: null, acknowledgedAt: null });
    // A councillor reads only their own council's sittings, and the clerk's desk is the clerk's.
    expect((await call(srv.url, "GET", `/api/clerk/sittings/${sid}/convocation`, device)).status).toBe(403);
  });
});

describe("attendance in advance", () => {
  it("CONV-11 apologies and proxies declared in advance fill the roll call; the engine refuses a second proxy to the same holder; a paper proxy needs its scan", async () => {
    const d6 = await pairDevice(srv.url, clerk, memberId(8));
    expect((await call(srv.url, "POST", `/api/member/sittings/${sid}/declaration`, d6, { intent: "apologies" })).status).toBe(200);
    const d9 = await pairDevice(srv.url, clerk, memberId(9));
    expect((await call(srv.url, "POST", `/api/member/sittings/${sid}/declaration`, d9, { intent: "proxy", to: memberId(10) })).status).toBe(200);
    const d11 = await pairDevice(srv.url, clerk, memberId(11));
    const second = await call(srv.url, "POST", `/api/member/sittings/${sid}/declaration`, d11, { intent: "proxy", to: memberId(10) });
    expect(second.status).toBe(409);
    expect(second.json.error?.code).toBe("proxy-invalid");
    expect(second.json.error?.text?.fr).toContain("détient déjà 1 pouvoir");
    // A member declares for themself only.
    expect((await call(srv.url, "POST", `/api/member/sittings/${sid}/declaration`, d11, { intent: "attend" })).status).toBe(200);

    const noScan = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/declarations`, clerk, {
      memberId: memberId(12),
      intent: "proxy",
      to: memberId(13),
      scan: null,
    });
    expect(noScan.status).toBe(400);
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex").toString("base64");
    const paper = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/declarations`, clerk, {
      memberId: memberId(12),
      intent: "proxy",
      to: memberId(13),
      scan: { name: "pouvoir-m12.png", dataBase64: png },
    });
    expect(paper.status).toBe(200);

    const chair = new Client(srv.url, sid, president);
    await chair.connected();
    expect((await chair.subscribe()).ok).toBe(true);
    const view = chair.view!;
    const att = (m: string) => view.roster.find((r) => r.id === m)?.attendance;
    expect([att(memberId(8)), att(memberId(9)), att(memberId(12)), att(memberId(11))]).toEqual(["excused", "excused", "excused", "unknown"]);
    const state = (await srv.server.rooms.get(sid)).state;
    expect(state.proxies[memberId(9)]?.to).toBe(memberId(10));
    expect(state.proxies[memberId(12)]?.to).toBe(memberId(13));
    expect(chair.chair?.forecast).toMatchObject({ apologies: 1, proxies: 2, confirmed: 1, required: 27 });
    // The roll call starts from there: marking the holders present makes both proxies usable.
    await chair.sendOk({ type: "rollcall:mark", memberId: memberId(10), status: "present" });
    await chair.sendOk({ type: "rollcall:mark", memberId: memberId(13), status: "present" });
    await chair.until((c) => (c.view?.counts.represented ?? 0) === 2, "two proxies usable");
    const v = await clerkView();
    expect(row(v, memberId(12)).declaration).toMatchObject({
      intent: "proxy",
      source: "paper",
      scanned: true,
      toName: (await srv.server.rooms.get(sid)).state.roster[memberId(13)]?.name,
    });
    chair.close();
  });
});

describe("the ordre du jour's publication", () => {
  it("CONV-12 the public sees the sitting without its agenda until the clerk publishes it; an item added after the convocation is flagged", async () => {
    const pub = new Client(srv.url, sid);
    await pub.connected();
    await pub.subscribe();
    expect(pub.view?.items).toEqual([]);
    expect(pub.view?.convocation).toMatchObject({ sentOn: addDays(D, -6), agendaPublic: false });
    expect(data<unknown[]>(await call(srv.url, "GET", `/api/public/sittings/${sid}/agenda`, null))).toEqual([]);
    expect((await call(srv.url, "GET", `/api/sittings/${sid}/agenda.pdf`, null)).status).toBe(404);

    expect((await call(srv.url, "POST", `/api/clerk/sittings/${sid}/agenda/publish`, clerk, {})).status).toBe(200);
    await pub.until((c) => (c.view?.items.length ?? 0) > 0, "the published agenda");
    expect(pub.view?.convocation.agendaPublishedOn).toBe(addDays(D, -6));
    expect(pub.view?.items.some((it) => it.addedAfterConvocation)).toBe(false);
    const added = await call(srv.url, "POST", `/api/clerk/sittings/${sid}/items`, clerk, {
      identifier: "2025-9001",
      title: "Motion ajoutée après la convocation",
    });
    expect(added.status).toBe(201);
    await pub.until((c) => c.view?.items.some((it) => it.title.startsWith("Motion")) ?? false, "the added item");
    expect(pub.view?.items.find((it) => it.title.startsWith("Motion"))?.addedAfterConvocation).toBe(true);
    expect((await clerkView()).addedAfterConvocation).toEqual([(added.json.data as { itemId: string }).itemId]);
    pub.close();
  });
});

describe("urgency", () => {
  it("CONV-13 a convocation in urgency goes at one clear day with its reason, and the PV says why", async () => {
    const { sittingId } = await createSittingAs(srv.url, clerk, { date: E, convocationDate: addDays(E, -2), copyAgendaFrom: sid });
    for (const it of (await clerkView(sittingId)).missingSynthesis)
      await call(srv.url, "PATCH", `/api/clerk/items/${it.itemId}`, clerk, { synthesis: "Synthèse." });
    now = at(addDays(E, -2));
    // The clock moved past the staff sessions' twelve hours: sign in again.
    clerk = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
    president = await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president);
    expect((await call(srv.url, "POST", `/api/clerk/sittings/${sittingId}/convocation/send`, clerk)).status).toBe(409);
    const reason = "Subvention de l'État à solliciter avant la fin du mois";
    expect((await call(srv.url, "PATCH", `/api/clerk/sittings/${sittingId}/convocation`, clerk, { urgencyReason: reason })).status).toBe(200);
    const sent = await call(srv.url, "POST", `/api/clerk/sittings/${sittingId}/convocation/send`, clerk);
    expect(sent.status).toBe(201);
    expect(sent.json.data).toMatchObject({ clearDays: 1, required: 1 });
    const chair = new Client(srv.url, sittingId, president);
    await chair.connected();
    await chair.subscribe();
    await chair.markPresent(30);
    await chair.sendOk({ type: "sitting:open" });
    await chair.sendOk({ type: "sitting:close" });
    chair.close();
    const res = await fetch(`${srv.url}/records/sittings/${sittingId}/minutes`, { headers: { cookie: clerk } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`Convocation adressée le ${longFrenchDate(addDays(E, -2))}`);
    expect(html).toContain(`Motif de l'urgence : ${reason.replace("'", "&#39;")}`);
  });
});
