// Page images of the official records into docs/records/ (an extract, the procès-verbal, the list of
// deliberations), from a sitting held on a running server over Socket.IO and published through the
// records desk's routes: what a préfecture agent would receive, to look at before each release.
// Usage: SEANCE_DEMO=1 SEANCE_PAGES=0 PORT=3000 npm start & then `npx tsx scripts/record-pages.ts`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const OUT = path.join(process.cwd(), "docs", "records");
const JSON_HEADERS = { "Content-Type": "application/json", "x-seance-client": "1" };

async function cookieFor(user: string): Promise<string> {
  const r = await fetch(`${BASE}/demo/signin?as=${user}`, { redirect: "manual" });
  return /seance_auth=[^;]*/.exec(r.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

async function post(cookie: string, p: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(`${BASE}${p}`, { method: "POST", headers: { ...JSON_HEADERS, cookie }, body: JSON.stringify(body) });
  const j = (await r.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown };
  if (!j.ok) throw new Error(`${p}: ${JSON.stringify(j.error)}`);
  return j.data ?? {};
}

async function member(user: string, sittingId: string): Promise<(command: Record<string, unknown>) => Promise<Record<string, unknown>>> {
  const socket: Socket = io(BASE, { transports: ["websocket"], extraHeaders: { cookie: await cookieFor(user), origin: BASE } });
  await socket.timeout(5000).emitWithAck("sitting:subscribe", { sittingId });
  let n = 0;
  return async (command) => {
    n += 1;
    const r = (await socket.timeout(5000).emitWithAck("command", { sittingId, commandId: `pages-${user}-${Date.now()}-${n}`, command })) as {
      ok: boolean;
      data?: Record<string, unknown>;
      error?: unknown;
    };
    if (!r.ok) throw new Error(`${String(command.type)}: ${JSON.stringify(r.error)}`);
    return r.data ?? {};
  };
}

/** A sitting with a late arrival, a departure with a proxy, a recusal, public, secret and show-of-hands votes. */
async function holdSitting(clerk: string): Promise<{ sittingId: string; items: Record<string, string> }> {
  const created = await post(clerk, "/api/clerk/sittings", {
    date: "2022-10-03",
    time: "18:00",
    place: "Hôtel de Ville — salle du Conseil municipal",
    convocationDate: "2022-09-26",
    copyAgendaFrom: "s-2022-10-03",
    secretaryIds: ["m28"],
  });
  const sittingId = String(created.sittingId);
  const agenda = (await (await fetch(`${BASE}/api/public/sittings/${sittingId}/agenda`)).json()) as { data: { id: string; identifier: string }[] };
  const items = Object.fromEntries(agenda.data.map((it) => [it.identifier, it.id]));
  const chair = await member("u-president", sittingId);
  const voters = Object.fromEntries(await Promise.all(["m02", "m04", "m07", "m12", "m21"].map(async (m) => [m, await member(`u-${m}`, sittingId)] as const)));
  for (let i = 1; i <= 50; i++) {
    if ([5, 6, 12, 40].includes(i)) continue;
    await chair({ type: "rollcall:mark", memberId: `m${String(i).padStart(2, "0")}`, status: "present" });
  }
  for (const m of ["m05", "m06", "m40"]) await chair({ type: "rollcall:mark", memberId: m, status: "excused" });
  await chair({ type: "proxy:give", from: "m05", to: "m04" });
  await chair({ type: "proxy:give", from: "m06", to: "m07" });
  await chair({ type: "sitting:open" });
  await chair({ type: "interest:declare", itemId: items["2022-0243"], memberId: "m03" });
  await chair({ type: "item:call", itemId: items["2022-0243"] });
  const v1 = String((await chair({ type: "vote:open", itemId: items["2022-0243"], mode: "public" })).voteId);
  await voters.m02!({ type: "ballot:cast", voteId: v1, choice: "pour" });
  await voters.m04!({ type: "ballot:cast", voteId: v1, choice: "pour" });
  await voters.m04!({ type: "ballot:cast", voteId: v1, choice: "pour", onBehalfOf: "m05" });
  await voters.m07!({ type: "ballot:cast", voteId: v1, choice: "contre" });
  await voters.m07!({ type: "ballot:cast", voteId: v1, choice: "abstention", onBehalfOf: "m06" });
  await chair({ type: "vote:close", voteId: v1 });
  await chair({ type: "vote:proclaim", voteId: v1 });
  await chair({ type: "rollcall:mark", memberId: "m12", status: "present" });
  await chair({ type: "item:call", itemId: items["2022-0244"] });
  const v2 = String((await chair({ type: "vote:open", itemId: items["2022-0244"], mode: "secret" })).voteId);
  for (const m of ["m02", "m04", "m12"]) await voters[m]!({ type: "ballot:cast", voteId: v2, choice: m === "m12" ? "contre" : "pour" });
  await chair({ type: "vote:close", voteId: v2 });
  await chair({ type: "vote:proclaim", voteId: v2 });
  await chair({ type: "rollcall:depart", memberId: "m20" });
  await chair({ type: "proxy:give", from: "m20", to: "m21" });
  for (const [identifier, tally] of [
    ["2022-0245", { pour: 38, contre: 4, abstention: 3, nppv: 0 }],
    ["2022-0246", { pour: 12, contre: 30, abstention: 2, nppv: 0 }],
  ] as const) {
    await chair({ type: "item:call", itemId: items[identifier] });
    const v = String((await chair({ type: "vote:open", itemId: items[identifier], mode: "show-of-hands" })).voteId);
    await chair({ type: "vote:record-hands", voteId: v, tally, presidentVote: "pour" });
    await chair({ type: "vote:close", voteId: v });
    await chair({ type: "vote:proclaim", voteId: v });
  }
  await chair({ type: "sitting:close" });
  return { sittingId, items };
}

/** A one-page PDF annex, as a clerk would deposit one. */
function annexPdf(): string {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 4\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1").toString("base64");
}

async function main(): Promise<void> {
  const clerk = await cookieFor("u-clerk");
  const { sittingId, items } = await holdSitting(clerk);
  const seed = items["2022-0245"]!;
  await post(clerk, `/api/clerk/items/${seed}/publication`, {
    postedOn: "2022-10-04",
    prefectureReceivedOn: "2022-10-04",
    teletransmissionId: "086-218601946-20221003-2022_0245-DE",
  });
  await post(clerk, `/api/clerk/items/${seed}/annexes`, { name: "Statuts de l'association Démocratie Ouverte.pdf", dataBase64: annexPdf() });
  await post(clerk, `/api/clerk/items/${seed}/publish`, { publishedOn: "2022-10-05" });
  await post(clerk, `/api/clerk/sittings/${sittingId}/deliberations/publish`, { publishedOn: "2022-10-05" });
  const later = String(
    (await post(clerk, "/api/clerk/sittings", { date: "2022-11-14", time: "18:00", place: "Hôtel de Ville", convocationDate: "2022-11-07" })).sittingId,
  );
  await (
    await member("u-president", later)
  )({ type: "sitting:open" });
  await post(clerk, `/api/clerk/sittings/${sittingId}/minutes/approve`, { atSittingId: later });
  await post(clerk, `/api/clerk/sittings/${sittingId}/minutes/publish`, {});

  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "record-pages-"));
  for (const [name, p] of [
    ["extrait-2022-0245", `/records/sittings/${sittingId}/items/${seed}/extract.pdf`],
    ["proces-verbal", `/records/sittings/${sittingId}/minutes.pdf`],
    ["liste-des-deliberations", `/records/sittings/${sittingId}/deliberations.pdf`],
  ] as const) {
    const pdf = Buffer.from(await (await fetch(`${BASE}${p}`)).arrayBuffer());
    const file = path.join(tmp, `${name}.pdf`);
    fs.writeFileSync(file, pdf);
    for (const old of fs.readdirSync(OUT).filter((f) => f.startsWith(`${name}-`))) fs.rmSync(path.join(OUT, old));
    execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(OUT, name)]);
    console.log(`${name}: ${fs.readdirSync(OUT).filter((f) => f.startsWith(`${name}-`)).length} page(s)`);
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
