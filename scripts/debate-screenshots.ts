// Screenshots of the debate (#15) into docs/screens/: the mayor's console, the speaker's phone, a
// waiting councillor's phone, the wall screen during a speech and during an overrun, and the
// secretaries' desk. Drives the running demo server over Socket.IO first.
// Usage: SEANCE_DEMO=1 PORT=3000 npm start & then `npx tsx scripts/debate-screenshots.ts`.
import { chromium, type Browser } from "playwright-core";
import { io } from "socket.io-client";
import { CHROMIUM_ARGS, findChromium } from "../server/records/chromium";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";

async function cookieFor(user: string): Promise<string> {
  const r = await fetch(`${BASE}/demo/signin?as=${user}`, { redirect: "manual" });
  return /seance_auth=[^;]*/.exec(r.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

async function send(sid: string, user: string, command: Record<string, unknown>): Promise<Record<string, unknown>> {
  const s = io(BASE, { transports: ["websocket"], extraHeaders: { cookie: await cookieFor(user), origin: BASE } });
  const r = (await s.timeout(5000).emitWithAck("command", { sittingId: sid, commandId: `shot-${Math.random().toString(36).slice(2, 12)}`, command })) as {
    ok: boolean;
    data?: Record<string, unknown>;
    error?: { code: string };
  };
  s.close();
  if (!r.ok) throw new Error(`${String(command.type)}: ${r.error?.code}`);
  return r.data ?? {};
}

async function settings(body: Record<string, unknown>): Promise<void> {
  await fetch(`${BASE}/api/clerk/council/settings`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: await cookieFor("u-clerk") },
    body: JSON.stringify(body),
  });
}

/** A sitting with 48 present, item 9 (the seed deliberation) under debate: its rapporteur heard, a list waiting. */
async function prepareDebate(): Promise<{ sid: string; item: string }> {
  await settings({ speechSeconds: 300, pointOfOrderSeconds: 120, rapporteurSeconds: 600, groupBudgetSeconds: 900, groupBudgetScope: "item" });
  const created = await fetch(`${BASE}/api/clerk/sittings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: await cookieFor("u-clerk") },
    body: JSON.stringify({
      date: "2022-10-03",
      time: "18:00",
      place: "Hôtel de Ville — salle du Conseil municipal",
      convocationDate: "2022-09-26",
      copyAgendaFrom: "s-2022-10-03",
      secretaryIds: ["m28"],
    }),
  });
  const { data } = (await created.json()) as { data: { sittingId: string; itemIds: string[] } };
  const sid = data.sittingId;
  for (let i = 1; i <= 53; i++)
    if (![5, 17, 33, 44, 51].includes(i))
      await send(sid, "u-president", { type: "rollcall:mark", memberId: `m${String(i).padStart(2, "0")}`, status: "present" });
  await send(sid, "u-president", { type: "sitting:open" });
  const item = data.itemIds[0]!;
  await send(sid, "u-president", { type: "item:call", itemId: item });
  await send(sid, "u-president", { type: "floor:give", memberId: "m03", kind: "rapporteur" });
  for (const m of ["m41", "m12", "m50", "m46", "m20"]) await send(sid, `u-${m}`, { type: "speech:request", itemId: item });
  await send(sid, "u-m49", { type: "speech:request", itemId: item, kind: "point-of-order" });
  await send(sid, "u-clerk", { type: "speech:request", itemId: item, memberId: "m53" });
  await send(sid, "u-president", { type: "floor:give", memberId: "m49", kind: "point-of-order" });
  await send(sid, "u-president", { type: "floor:give", memberId: "m41" });
  return { sid, item };
}

async function shoot(browser: Browser, user: string | null, path: string, file: string, viewport: { width: number; height: number }, mobile = false) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile });
  const page = await ctx.newPage();
  if (user) await page.goto(`${BASE}/demo/signin?as=${user}`);
  await page.goto(`${BASE}${path}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `docs/screens/${file}` });
  await ctx.close();
}

/** The secretaries' desk with a second writer (the clerk) typing: the toolbar, the panel, both carets. */
async function shootDesk(browser: Browser, sid: string) {
  const open = async (user: string) => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${BASE}/demo/signin?as=${user}`);
    await page.goto(`${BASE}/minutes/${sid}`);
    await page.locator('[data-synced="yes"]').waitFor();
    return { ctx, page };
  };
  const clerk = await open("u-clerk");
  const secretary = await open("u-m28");
  await secretary.page.locator(".ProseMirror p").nth(4).click();
  await secretary.page.keyboard.type("M. QUÉRÉ rappelle que la décision modificative augmente les dépenses d'investissement de ", { delay: 2 });
  await secretary.page.keyboard.press("Control+b");
  await secretary.page.keyboard.type("1 240 000 €", { delay: 2 });
  await secretary.page.keyboard.press("Control+b");
  await secretary.page.keyboard.type(" et demande le détail par opération.", { delay: 2 });
  await clerk.page.locator(".ProseMirror p").nth(2).click();
  await clerk.page.keyboard.type("M. ARNAUD présente la décision modificative n° 2 du budget principal.", { delay: 2 });
  await secretary.page.waitForTimeout(1500);
  await secretary.page.screenshot({ path: "docs/screens/debate-minutes-desk.png" });
  await clerk.ctx.close();
  await secretary.ctx.close();
}

async function main() {
  const { sid } = await prepareDebate();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  await shoot(browser, "u-president", `/president/${sid}`, "debate-console-tablet.png", { width: 1194, height: 834 });
  await shoot(browser, "u-m41", `/councillor/${sid}`, "debate-speaker-phone.png", { width: 390, height: 844 }, true);
  await shoot(browser, "u-m50", `/councillor/${sid}`, "debate-waiting-phone.png", { width: 390, height: 844 }, true);
  await shoot(browser, null, `/public/${sid}`, "debate-public-1080p.png", { width: 1920, height: 1080 });
  await shootDesk(browser, sid);
  // An overrun: the speaker's time was short and has run out.
  await settings({ speechSeconds: 1 });
  await send(sid, "u-president", { type: "floor:give", memberId: "m12" });
  await new Promise((r) => setTimeout(r, 6000));
  await shoot(browser, null, `/public/${sid}`, "debate-overrun-1080p.png", { width: 1920, height: 1080 });
  await settings({ speechSeconds: 300 });
  await browser.close();
  console.log(`debate screenshots of sitting ${sid} written to docs/screens/`);
}

void main();
