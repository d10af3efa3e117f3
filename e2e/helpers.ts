// Shared steps for the end-to-end tests: sign in through the real API, create a fresh sitting.
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_SITTING_BODY } from "../tests/helpers/demo-sitting";

export const HEADERS = { "Content-Type": "application/json", "x-seance-client": "1" };

export async function clerkRequest(request: APIRequestContext): Promise<void> {
  const r = await request.post("/api/auth/signin", { headers: HEADERS, data: { login: "greffe", password: "greffe-demo" } });
  if (!r.ok()) throw new Error(`clerk sign-in failed: ${r.status()}`);
}

/** A fresh sitting with the demo agenda, created by the clerk through the API. */
export async function freshSitting(request: APIRequestContext): Promise<{ sittingId: string; itemIds: string[] }> {
  await clerkRequest(request);
  const r = await request.post("/api/clerk/sittings", {
    headers: HEADERS,
    data: DEMO_SITTING_BODY,
  });
  const j = (await r.json()) as { ok: boolean; data: { sittingId: string; itemIds: string[] } };
  if (!j.ok) throw new Error("could not create a sitting");
  return j.data;
}

/** A browser context signed in as a demo user (the demo sign-in link, as a person would click it). */
export async function contextAs(browser: Browser, userId: string, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.goto(`/demo/signin?as=${encodeURIComponent(userId)}`);
  await page.close();
  return ctx;
}

/** A page opened as `user` (or signed out), its context kept in `contexts` for the file's afterAll. */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  user: string | null,
  path: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const ctx = user ? await contextAs(browser, user, viewport) : await browser.newContext({ viewport });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}
