// Screenshots of each screen at its intended size into docs/screens/, in the middle of a real
// sitting: it drives the running server (started with SEANCE_DEMO=1) over Socket.IO first.
// Usage: SEANCE_DEMO=1 PORT=3000 npm start & then `npx tsx scripts/screenshots.ts`.
import { chromium, type Browser } from "playwright-core";
import { io } from "socket.io-client";
import { CHROMIUM_ARGS, findChromium } from "../server/records/chromium";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";

async function cookieFor(user: string): Promise<string> {
  const r = await fetch(`${BASE}/demo/signin?as=${user}`, { redirect: "manual" });
  return /seance_auth=[^;]*/.exec(r.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

async function prepareSitting(): Promise<string> {
  const clerk = await cookieFor("u-clerk");
  const created = await fetch(`${BASE}/api/clerk/sittings`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-seance-client": "1", cookie: clerk },
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
  const send = async (user: string, command: Record<string, unknown>) => {
    const s = io(BASE, { transports: ["websocket"], extraHeaders: { cookie: await cookieFor(user), origin: BASE } });
    const r = (await s.timeout(5000).emitWithAck("command", { sittingId: sid, commandId: `shot-${Math.random().toString(36).slice(2, 12)}`, command })) as {
      ok: boolean;
      data?: Record<string, unknown>;
    };
    s.close();
    return r;
  };
  for (let i = 1; i <= 53; i++) {
    const id = `m${String(i).padStart(2, "0")}`;
    if (![5, 17, 33, 44, 51].includes(i)) await send("u-president", { type: "rollcall:mark", memberId: id, status: "present" });
  }
  await send("u-president", { type: "rollcall:mark", memberId: "m33", status: "excused" });
  await send("u-president", { type: "proxy:give", from: "m05", to: "m04" });
  await send("u-president", { type: "proxy:give", from: "m44", to: "m45" });
  await send("u-president", { type: "sitting:open" });
  // Items 7 and 8 decided, item 9 (the seed deliberation) under a live public vote.
  for (const [k, choices] of [
    [0, ["pour", "pour", "contre"]],
    [1, ["pour", "abstention", "pour"]],
  ] as const) {
    await send("u-president", { type: "item:call", itemId: data.itemIds[k] });
    const v = await send("u-president", { type: "vote:open", itemId: data.itemIds[k], mode: "public" });
    for (let i = 2; i <= 40; i++) await send(`u-m${String(i).padStart(2, "0")}`, { type: "ballot:cast", voteId: v.data?.voteId, choice: choices[i % 3] });
    await send("u-president", { type: "vote:close", voteId: v.data?.voteId });
    await send("u-president", { type: "vote:proclaim", voteId: v.data?.voteId });
  }
  await send("u-president", { type: "item:call", itemId: data.itemIds[2] });
  const v = await send("u-president", { type: "vote:open", itemId: data.itemIds[2], mode: "public", reveal: "live" });
  const pattern = ["pour", "pour", "pour", "contre", "pour", "abstention", "pour", "nppv"];
  for (let i = 6; i <= 42; i++)
    await send(`u-m${String(i).padStart(2, "0")}`, { type: "ballot:cast", voteId: v.data?.voteId, choice: pattern[i % pattern.length] });
  await send("u-m04", { type: "ballot:cast", voteId: v.data?.voteId, choice: "pour" });
  return sid;
}

async function shoot(
  browser: Browser,
  user: string | null,
  path: string,
  file: string,
  viewport: { width: number; height: number },
  mobile = false,
  fullPage = false,
) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: mobile, hasTouch: mobile });
  const page = await ctx.newPage();
  if (user) await page.goto(`${BASE}/demo/signin?as=${user}`);
  await page.goto(`${BASE}${path}`);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `docs/screens/${file}`, fullPage });
  await ctx.close();
}

async function main() {
  const sid = process.env.SITTING_ID ?? (await prepareSitting());
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const shots: [string | null, string, string, { width: number; height: number }, boolean, boolean][] = [
    [null, `/public/${sid}`, "public-1080p.png", { width: 1920, height: 1080 }, false, false],
    [null, `/public/${sid}`, "public-phone.png", { width: 390, height: 844 }, true, false],
    ["u-president", `/president/${sid}`, "president-tablet.png", { width: 1194, height: 834 }, false, false],
    ["u-m04", `/councillor/${sid}`, "councillor-phone.png", { width: 390, height: 844 }, true, true],
    ["u-clerk", `/clerk`, "clerk-laptop.png", { width: 1366, height: 900 }, false, false],
    ["u-m28", `/minutes/${sid}`, "minutes-laptop.png", { width: 1366, height: 900 }, false, false],
    [null, `/demo`, "demo.png", { width: 1366, height: 900 }, false, false],
  ];
  const only = process.argv[2];
  for (const s of shots) if (!only || s[2].includes(only)) await shoot(browser, ...s);
  await browser.close();
  console.log(`screenshots of sitting ${sid} written to docs/screens/`);
}

void main();
