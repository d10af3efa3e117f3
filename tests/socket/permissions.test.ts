// AUTH-*: every command × every role. A forbidden pair is refused with a clear reason and changes
// nothing; malformed payloads are refused the same way; another council's users get nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_ROLES } from "../../core/sitting/apply-command";
import { COMMAND_TYPES, type CommandBody } from "../../core/sitting/protocol";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { Client, createSittingAs, demoSignIn, signInWithPassword, startTestServer, type TestServer } from "../helpers/test-server";
import { seedOtherCouncil } from "../helpers/other-council";

let srv: TestServer;
let sittingId: string;
let itemIds: string[];
let voteId: string;
const roles: Record<string, Client> = {};

/** A well-formed example of every command, aimed at this sitting. */
function example(type: CommandBody["type"], self = "m03"): CommandBody {
  const item = itemIds[1]!;
  const all: { [K in CommandBody["type"]]: Extract<CommandBody, { type: K }> } = {
    "sitting:open": { type: "sitting:open" },
    "sitting:suspend": { type: "sitting:suspend" },
    "sitting:resume": { type: "sitting:resume" },
    "sitting:close": { type: "sitting:close" },
    "rollcall:mark": { type: "rollcall:mark", memberId: "m40", status: "present" },
    "rollcall:check-in": { type: "rollcall:check-in" },
    "rollcall:depart": { type: "rollcall:depart", memberId: "m30" },
    "proxy:give": { type: "proxy:give", from: "m45", to: "m20" },
    "proxy:revoke": { type: "proxy:revoke", from: "m05" },
    "interest:declare": { type: "interest:declare", itemId: item, memberId: self },
    "item:call": { type: "item:call", itemId: item },
    "ballot-mode:request": { type: "ballot-mode:request", itemId: itemIds[0]!, mode: "secret" },
    "vote:open": { type: "vote:open", itemId: item, mode: "public" },
    "ballot:cast": { type: "ballot:cast", voteId, choice: "pour", onBehalfOf: "m05" },
    "vote:record-hands": { type: "vote:record-hands", voteId, tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } },
    "vote:close": { type: "vote:close", voteId },
    "vote:proclaim": { type: "vote:proclaim", voteId },
    "item:withdraw": { type: "item:withdraw", itemId: itemIds[4]!, reason: "retiré de l'ordre du jour" },
    "item:defer": { type: "item:defer", itemId: itemIds[3]!, reason: "reporté en commission" },
    "amendment:propose": { type: "amendment:propose", itemId: item, authorId: self, text: "remplacer 45 000 € par 50 000 €" },
    "amendment:withdraw": { type: "amendment:withdraw", itemId: item, amendmentId: "a-none", reason: "retiré" },
    "nomination:set": { type: "nomination:set", itemId: item, seats: 1, candidates: [{ memberIds: ["m03"] }, { memberIds: ["m06"] }] },
    "nomination:open-ballot": { type: "nomination:open-ballot", itemId: item },
    "nomination:appoint": { type: "nomination:appoint", itemId: item },
    "ballot:nominate": { type: "ballot:nominate", voteId, candidateId: null },
    "ballot:record": { type: "ballot:record", voteId, memberId: "m07", choice: "pour" },
    "vote:paper": { type: "vote:paper", voteId, voters: [{ memberId: "m08" }], tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } },
    "vote:president-turn": { type: "vote:president-turn", voteId },
    "vote:cancel": { type: "vote:cancel", voteId: "v-none", reason: "erreur de manipulation" },
    "huis-clos:end": { type: "huis-clos:end" },
    "speech:request": { type: "speech:request", itemId: itemIds[0]!, kind: "point-of-order" },
    "speech:withdraw": { type: "speech:withdraw", requestId: "r-unknown" },
    "speech:reorder": { type: "speech:reorder", itemId: itemIds[0]!, requestIds: ["r-unknown"] },
    "floor:give": { type: "floor:give", memberId: self },
    "floor:add-time": { type: "floor:add-time", seconds: 30 },
    "floor:end": { type: "floor:end" },
    "suspension:plan": { type: "suspension:plan", minutes: 10 },
  };
  return all[type];
}

/** The member each signed-in role acts as (councillors may only act for themselves). */
const SELF: Record<string, string> = { councillor: "m02", mandataire: "m04", secretary: "m28", president: "m01", "other-council-president": "x01" };

const ROLE_OF: Record<string, string> = {
  anonymous: "public",
  councillor: "councillor",
  mandataire: "councillor",
  secretary: "councillor",
  president: "president",
  clerk: "clerk",
  "other-council-clerk": "clerk",
  "other-council-president": "president",
};

beforeAll(async () => {
  srv = await startTestServer();
  await seedOtherCouncil(srv);
  const clerkCookie = await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk);
  ({ sittingId, itemIds } = await createSittingAs(srv.url, clerkCookie));
  roles.clerk = new Client(srv.url, sittingId, clerkCookie);
  roles.president = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire", DEMO_PASSWORDS.president));
  roles.councillor = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m02"));
  roles.mandataire = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m04"));
  roles.secretary = new Client(srv.url, sittingId, await demoSignIn(srv.url, "u-m28"));
  roles.anonymous = new Client(srv.url, sittingId);
  roles["other-council-clerk"] = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "greffe-ligugé", "autre-greffe"));
  roles["other-council-president"] = new Client(srv.url, sittingId, await signInWithPassword(srv.url, "maire-ligugé", "autre-maire"));
  for (const c of Object.values(roles)) expect((await c.subscribe()).ok).toBe(true);
  // A live sitting with an open vote, so every command has something to act on.
  const p = roles.president;
  await p.markPresent(30, [5]);
  await p.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
  await p.sendOk({ type: "sitting:open" });
  await p.sendOk({ type: "item:call", itemId: itemIds[0]! });
  voteId = String((await p.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: "public" })).voteId);
});

afterAll(async () => {
  for (const c of Object.values(roles)) c.close();
  await srv?.stop();
});

async function lastSeq(): Promise<number> {
  return (await srv.db.sitting.findUniqueOrThrow({ where: { id: sittingId } })).lastSeq;
}

describe("permission matrix: every command × every role", () => {
  const cells: { role: string; type: CommandBody["type"] }[] = [];
  for (const role of Object.keys(ROLE_OF)) for (const type of COMMAND_TYPES) cells.push({ role, type });

  it(`AUTH-1 ${Object.keys(ROLE_OF).length} roles × ${COMMAND_TYPES.length} commands: forbidden pairs are refused and change nothing`, async () => {
    let refused = 0;
    let allowed = 0;
    for (const { role, type } of cells) {
      const client = roles[role]!;
      const before = await lastSeq();
      const r = await client.send(example(type, SELF[role]));
      const baseRole = ROLE_OF[role]!;
      const otherCouncil = role.startsWith("other-council");
      const mayByRole = (COMMAND_ROLES[type] as readonly string[]).includes(baseRole);
      if (!mayByRole || otherCouncil || role === "anonymous") {
        expect(r.ok, `${role} ${type} should be refused`).toBe(false);
        if (!r.ok) {
          expect(["forbidden", "not-signed-in", "wrong-sitting"], `${role} ${type}: ${r.error.code}`).toContain(r.error.code);
          expect(r.error.message).toMatch(/\//); // a sentence in French / English
        }
        expect(await lastSeq(), `${role} ${type} changed the sitting`).toBe(before);
        refused += 1;
      } else {
        // Allowed by role: may still be refused for the state of the sitting, never as "forbidden".
        if (!r.ok) expect(["forbidden", "not-signed-in", "wrong-sitting"]).not.toContain(r.error.code);
        allowed += 1;
      }
    }
    expect(refused + allowed).toBe(cells.length);
    expect(refused).toBeGreaterThan(60);
  });

  it("AUTH-2 a councillor can only declare their own interest and request for themself", async () => {
    const r = await roles.councillor!.send({ type: "interest:declare", itemId: itemIds[2]!, memberId: "m09" });
    expect(r.ok ? "accepted" : r.error.code).toBe("forbidden");
  });

  it("AUTH-3 malformed payloads are refused with a clear reason and change nothing", async () => {
    const bad: unknown[] = [
      null,
      42,
      "vote",
      {},
      { sittingId },
      { sittingId, commandId: "short", command: { type: "sitting:open" } },
      { sittingId, commandId: "abcdefgh-1", command: { type: "nope" } },
      { sittingId, commandId: "abcdefgh-2", command: { type: "ballot:cast", voteId, choice: "oui" } },
      { sittingId, commandId: "abcdefgh-3", command: { type: "ballot:cast", voteId, choice: "pour", extra: 1 } },
      { sittingId, commandId: "abcdefgh-4", command: { type: "rollcall:mark", memberId: "m01", status: "present", time: "25h" } },
      { sittingId, commandId: "abcdefgh-5", command: { type: "vote:record-hands", voteId, tally: { pour: -1, contre: 0, abstention: 0, nppv: 0 } } },
      JSON.parse(`{"sittingId":"${sittingId}","commandId":"abcdefgh-6","command":{"type":"sitting:open","__proto__":{"admin":true}}}`),
      { sittingId: "x".repeat(5000), commandId: "abcdefgh-7", command: { type: "sitting:open" } },
      { sittingId: "../../etc", commandId: "abcdefgh-8", command: { type: "sitting:open" } },
    ];
    const before = await lastSeq();
    for (const payload of bad) {
      const r = (await roles.president!.socket.timeout(5000).emitWithAck("command", payload)) as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
      expect(r.error?.code).toBe("bad-request");
      expect(r.error?.message).toBeTruthy();
    }
    expect(await lastSeq()).toBe(before);
    // Unknown sitting: a clear refusal too.
    const unknown = (await roles
      .president!.socket.timeout(5000)
      .emitWithAck("command", { sittingId: "s-nope", commandId: "abcdefgh-9", command: { type: "sitting:open" } })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(unknown.error?.code).toBe("unknown-sitting");
  });

  it("AUTH-4 the public API and pages give the public only public data", async () => {
    const res = await fetch(`${srv.url}/api/public/sittings/${sittingId}`);
    const j = (await res.json()) as { ok: boolean; data: Record<string, unknown> };
    expect(j.ok).toBe(true);
    const text = JSON.stringify(j.data);
    expect(text).not.toMatch(/passwordHash|codeHash|seance_auth/);
    expect(j.data).not.toHaveProperty("chair");
    // Clerk endpoints refuse others.
    const overview = await fetch(`${srv.url}/api/clerk/overview`, { headers: { cookie: await demoSignIn(srv.url, "u-m02") } });
    expect(overview.status).toBe(403);
    const anon = await fetch(`${srv.url}/api/clerk/pairings`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-seance-client": "1" },
      body: JSON.stringify({ memberId: "m02" }),
    });
    expect(anon.status).toBe(401);
    // A cross-site mutation is refused whatever the cookie.
    const csrf = await fetch(`${srv.url}/api/clerk/sittings`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: "https://evil.example",
        cookie: await signInWithPassword(srv.url, "greffe", DEMO_PASSWORDS.clerk),
      },
      body: "{}",
    });
    expect(csrf.status).toBe(403);
  });
});
