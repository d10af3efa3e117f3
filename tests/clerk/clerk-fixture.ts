// Shared set-up for the clerk's routes: a real server with the demo council, the people who call
// the routes (the clerk, a councillor, anonymous, the clerk of another council) and a JSON caller.
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { seedOtherCouncil } from "../helpers/other-council";

export interface ClerkFixture {
  srv: TestServer;
  clerk: string;
  councillor: string;
  otherClerk: string;
  stop(): Promise<void>;
}

export async function startClerkFixture(): Promise<ClerkFixture> {
  const srv = await startTestServer();
  await seedOtherCouncil(srv);
  return {
    srv,
    clerk: await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk),
    councillor: await demoSignIn(srv.url, "u-m02"),
    otherClerk: await signInWithPassword(srv.url, "greffe-ligugé", "autre-greffe"),
    stop: () => srv.stop(),
  };
}

export interface Reply {
  status: number;
  // The routes' JSON is checked field by field in each test.
  json: { ok: boolean; data?: unknown; error?: { code: string; message: string; detail?: string; text?: { fr: string; en: string } } };
}

/** Calls a route as a browser of this origin would (the CSRF header), with or without a cookie. */
export async function call(url: string, method: string, path: string, cookie: string | null, body?: unknown): Promise<Reply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "x-seance-client": "1", ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Reply["json"]) : { ok: false } };
}

/** A sitting with no agenda, on the date of the seed draft deliberation. */
export async function emptySitting(f: ClerkFixture, date = "2022-10-03"): Promise<string> {
  const r = await call(f.srv.url, "POST", "/api/clerk/sittings", f.clerk, { date, time: "18:00", place: "Salle du Conseil", convocationDate: "2022-09-26" });
  if (r.status !== 201) throw new Error(`could not create a sitting: ${JSON.stringify(r.json)}`);
  return (r.json.data as { sittingId: string }).sittingId;
}

export function data<T>(r: Reply): T {
  return r.json.data as T;
}
