// SEC-1, SEC-2, SEC-3: fast-check throws hostile payloads at every socket message (`command`,
// `sitting:subscribe`) and every HTTP endpoint, from signed-in sockets of several roles so they get
// past the sign-in check: wrong types, 1 MB strings, unknown fields, prototype keys, NUL and lone
// surrogates, numbers JSON cannot carry, arrays for objects, other sittings' and other councils'
// ids, commands out of order. The server must stay up, refuse each with a listed code (sockets) or a
// JSON 4xx (HTTP), and change nothing. Figures go to reports/fuzz-figures.json.
import http from "node:http";
import fc from "fast-check";
import { io as connect } from "socket.io-client";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { COMMAND_TYPES, CommandEnvelopeSchema, SubscribeSchema, type CommandBody, type CommandType } from "../../core/sitting/protocol";
import { AUTH_COOKIE } from "../../server/auth/sessions";
import { CreateItemSchema, CreateSittingSchema, ImportDraftsSchema, ReorderSchema, UpdateItemSchema, UpdateSittingSchema } from "../../core/api/clerk-agenda";
import { UpdateSettingsSchema } from "../../core/api/clerk-council";
import { RosterImportSchema } from "../../core/api/clerk-roster";
import { PublicationSchema } from "../../core/api/records";
import { AnnexUploadSchema, PublishSchema } from "../../core/api/records-desk";
import { DEMO_SITTING_ID } from "../../server/seed/roster";
import { Client, createSittingAs, startTestServer, type TestServer } from "../helpers/test-server";
import { applyMutations, hostileString, mutation, overTheWire, withOwnKey, wrongValue } from "./hostile-values";
import {
  encodeSegment,
  forgedTokens,
  lastSeqs,
  leakProblem,
  OTHER_COUNCIL,
  rawRequest,
  refusalProblem,
  roleCookies,
  seedOtherCouncil,
  stateDigest,
  writeFigures,
  type OtherCouncil,
  type RawReply,
  type RawRequest,
} from "./security-fixtures";

// 50 payloads in flight per batch; runs × 50 = payloads. Totals ≥ 10,000 (SEC-1..3).
const BATCH = 50;
const RUNS = { command: 150, subscribe: 30, http: 110, oversize: 16 };
const SOCKET_LIMIT = 64 * 1024; // maxHttpBufferSize in server/realtime/socket-server.ts
const SOCKET_STRING_MAX = 6000; // keeps ordinary socket payloads well under the limit; oversize has its own test
const HTTP_STRING_MAX = 20_000;

let srv: TestServer;
let other: OtherCouncil;
let cookies: Awaited<ReturnType<typeof roleCookies>>;
/** A second session per role, spent by the sign-out probes: signing out revokes the session (SEC-22). */
let signoutCookies: Awaited<ReturnType<typeof roleCookies>>;
let forged: string[];
let live: { sittingId: string; itemIds: string[]; closedVoteId: string; openVoteId: string };
const KNOWN = new Set<string>(["health", "auth", "public", "clerk", "demo", "sittings", "records", "councils", "items"]);
const SITTINGS = new Set<string>();
const figures = { socketCommand: 0, socketSubscribe: 0, socketOversize: 0, http: 0, refusalsByCode: {} as Record<string, number> };
let agent: http.Agent;

type Sender = "president" | "clerk" | "councillor" | "anonymous" | "forged" | "other-council-clerk";
const SENDERS: readonly Sender[] = ["president", "clerk", "councillor", "anonymous", "forged", "other-council-clerk"];
const sockets = {} as Record<Sender, Client>;

function count(code: string): void {
  figures.refusalsByCode[code] = (figures.refusalsByCode[code] ?? 0) + 1;
}

/** The server answers and the sitting log is where it was (run after every batch). */
async function stillUp(seqs: Record<string, number>): Promise<void> {
  const health = await rawRequest(srv.url, { method: "GET", path: "/api/health" }, agent);
  expect(health.status, "health after a batch").toBe(200);
  expect(await lastSeqs(srv.db), "a sitting moved during a batch").toEqual(seqs);
}

beforeAll(async () => {
  srv = await startTestServer();
  other = await seedOtherCouncil(srv);
  cookies = await roleCookies(srv);
  signoutCookies = await roleCookies(srv);
  forged = await forgedTokens(srv);
  agent = new http.Agent({ keepAlive: true, maxSockets: BATCH });
  const clerkCookie = cookies.clerk ?? "";
  const made = await createSittingAs(srv.url, clerkCookie);
  const connectAs = (cookie: string | null) => new Client(srv.url, made.sittingId, cookie ?? undefined);
  sockets.president = connectAs(cookies.president);
  sockets.clerk = connectAs(cookies.clerk);
  sockets.councillor = connectAs(cookies.councillor);
  sockets.anonymous = connectAs(null);
  sockets.forged = connectAs(`${AUTH_COOKIE}=${forged[0] ?? ""}`);
  sockets["other-council-clerk"] = connectAs(cookies["other-council-clerk"]);
  for (const s of Object.values(sockets)) await s.connected();

  // A live sitting with history: item 0 voted and proclaimed (public ballot), item 1 under a secret
  // ballot still open with one ballot in the urn. Every template below is refused in this state.
  const p = sockets.president;
  await p.markPresent(30, [5]);
  await p.sendOk({ type: "proxy:give", from: "m05", to: "m04" });
  await p.sendOk({ type: "sitting:open" });
  const [item0, item1] = made.itemIds;
  if (!item0 || !item1) throw new Error("the copied agenda has fewer than two items");
  await p.sendOk({ type: "item:call", itemId: item0 });
  const closedVoteId = String((await p.sendOk({ type: "vote:open", itemId: item0, mode: "public" })).voteId);
  await sockets.councillor.sendOk({ type: "ballot:cast", voteId: closedVoteId, choice: "pour" });
  await p.sendOk({ type: "vote:close", voteId: closedVoteId });
  await p.sendOk({ type: "vote:proclaim", voteId: closedVoteId });
  await p.sendOk({ type: "item:call", itemId: item1 });
  const openVoteId = String((await p.sendOk({ type: "vote:open", itemId: item1, mode: "secret" })).voteId);
  await sockets.councillor.sendOk({ type: "ballot:cast", voteId: openVoteId, choice: "contre" });
  live = { sittingId: made.sittingId, itemIds: made.itemIds, closedVoteId, openVoteId };

  // Every real id, so generated "unknown" ids never hit one by chance.
  for (const m of await srv.db.member.findMany({ select: { id: true } })) KNOWN.add(m.id);
  for (const u of await srv.db.user.findMany({ select: { id: true, login: true } })) KNOWN.add(u.id).add(u.login);
  for (const s of await srv.db.sitting.findMany({ select: { id: true } })) {
    KNOWN.add(s.id);
    SITTINGS.add(s.id);
  }
  for (const it of await srv.db.agendaItem.findMany({ select: { id: true } })) KNOWN.add(it.id);
  for (const c of await srv.db.council.findMany({ select: { id: true } })) KNOWN.add(c.id);
  KNOWN.add(closedVoteId).add(openVoteId);
});

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  agent?.destroy();
  const total = figures.socketCommand + figures.socketSubscribe + figures.socketOversize + figures.http;
  writeFigures("fuzz-figures.json", { ...figures, total, batch: BATCH, runs: RUNS });
  await srv?.stop();
});

/** A well-formed identifier that names nothing here. */
const unknownId = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/).filter((s) => !KNOWN.has(s));

// ───────────────────────── socket commands ─────────────────────────

const ID_FIELDS = ["memberId", "from", "to", "itemId", "voteId", "onBehalfOf", "requestId"];

/** A well-formed example of every command aimed at the live sitting, each refused in its state. */
function template(type: CommandType): Record<string, unknown> {
  const [item0] = live.itemIds;
  const all: { [K in CommandType]: Extract<CommandBody, { type: K }> } = {
    "sitting:open": { type: "sitting:open" }, // opened already
    "sitting:suspend": { type: "sitting:suspend" }, // a vote is open
    "sitting:resume": { type: "sitting:resume" }, // not suspended
    "sitting:close": { type: "sitting:close" }, // a vote is open
    "rollcall:mark": { type: "rollcall:mark", memberId: "m40", status: "absent", time: "18:30" }, // no lowering during a vote
    "rollcall:check-in": { type: "rollcall:check-in" }, // chair roles may not; the councillor is kept out below
    "rollcall:depart": { type: "rollcall:depart", memberId: "m40", time: "19:00" }, // not present
    "proxy:give": { type: "proxy:give", from: "m03", to: "m06", sittingsUsed: 1 }, // the mandant is present
    "proxy:revoke": { type: "proxy:revoke", from: "m05" }, // a vote is open
    "interest:declare": { type: "interest:declare", itemId: item0 ?? "", memberId: "m03" }, // item decided
    "item:call": { type: "item:call", itemId: item0 ?? "" }, // a vote is open
    "ballot-mode:request": { type: "ballot-mode:request", itemId: item0 ?? "", mode: "secret", memberId: "m03" }, // item decided
    "vote:open": { type: "vote:open", itemId: item0 ?? "", mode: "public", reveal: "live", allowChange: true }, // a vote is open
    "ballot:cast": { type: "ballot:cast", voteId: live.closedVoteId, choice: "pour", onBehalfOf: "m05" }, // vote closed
    "vote:record-hands": { type: "vote:record-hands", voteId: live.openVoteId, tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 }, presidentVote: "none" }, // secret ballot
    "vote:close": { type: "vote:close", voteId: live.closedVoteId }, // not open
    "vote:proclaim": { type: "vote:proclaim", voteId: live.openVoteId }, // not closed
    "item:withdraw": { type: "item:withdraw", itemId: item0 ?? "", reason: "retiré par le maire" }, // item decided
    "item:defer": { type: "item:defer", itemId: item0 ?? "", reason: "reporté en commission" }, // item decided
    "amendment:propose": { type: "amendment:propose", itemId: item0 ?? "", authorId: "m03", text: "remplacer 45 000 € par 50 000 €" }, // item decided
    "amendment:withdraw": { type: "amendment:withdraw", itemId: item0 ?? "", amendmentId: "a-none", reason: "retiré par son auteur" }, // no such amendment
    "nomination:set": { type: "nomination:set", itemId: item0 ?? "", seats: 1, candidates: [{ memberIds: ["m03"] }, { memberIds: ["m06"] }] }, // not a nomination
    "nomination:open-ballot": { type: "nomination:open-ballot", itemId: item0 ?? "" }, // not a nomination
    "nomination:appoint": { type: "nomination:appoint", itemId: item0 ?? "" }, // not a nomination
    "ballot:nominate": { type: "ballot:nominate", voteId: live.openVoteId, candidateId: null }, // not a nomination
    "ballot:record": { type: "ballot:record", voteId: live.closedVoteId, memberId: "m03", choice: "pour" }, // vote closed
    "vote:paper": { type: "vote:paper", voteId: live.closedVoteId, voters: [{ memberId: "m03" }], tally: { pour: 1, contre: 0, abstention: 0, nppv: 0 } }, // public ballot
    "vote:president-turn": { type: "vote:president-turn", voteId: live.closedVoteId }, // vote closed
    "vote:cancel": { type: "vote:cancel", voteId: live.closedVoteId, reason: "erreur de manipulation" }, // proclaimed
    "huis-clos:end": { type: "huis-clos:end" }, // not in closed session
    "speech:request": { type: "speech:request", itemId: item0 ?? "", kind: "speech", memberId: "m03" }, // item decided
    "speech:withdraw": { type: "speech:withdraw", requestId: "r-none" }, // no such request
    "speech:reorder": { type: "speech:reorder", itemId: item0 ?? "", requestIds: ["r-none"] }, // not the pending list
    "floor:give": { type: "floor:give", memberId: "m03", kind: "speech" }, // a vote is open
    "floor:add-time": { type: "floor:add-time", seconds: 60 }, // nobody has the floor
    "floor:end": { type: "floor:end" }, // nobody has the floor
    "suspension:plan": { type: "suspension:plan", minutes: 10 }, // a vote is open
  };
  return { ...all[type] };
}

/**
 * Whether a well-formed command from this sender could be accepted: such payloads are not generated
 * (the fuzz sends hostile input only; accepted commands are the other suites' business).
 */
function couldBeAccepted(sender: Sender, sittingId: string, cmd: CommandBody): boolean {
  if (sender === "anonymous" || sender === "forged") return false;
  const poitiers = sittingId === live.sittingId || sittingId === DEMO_SITTING_ID;
  if (sittingId === other.sittingId) return sender === "other-council-clerk";
  if (!poitiers || sender === "other-council-clerk") return false;
  if (sittingId === DEMO_SITTING_ID) return ["sitting:open", "rollcall:mark", "rollcall:check-in", "proxy:give"].includes(cmd.type);
  if (cmd.type === "rollcall:check-in") return sender === "councillor";
  if (cmd.type === "rollcall:mark") return cmd.status === "present";
  return false;
}

interface SocketProbe {
  sender: Sender;
  event: "command" | "sitting:subscribe";
  payload: unknown;
}

function commandProbe(): fc.Arbitrary<SocketProbe> {
  const targets = fc.oneof(fc.constantFrom(live.sittingId, live.sittingId, DEMO_SITTING_ID, other.sittingId), unknownId);
  const commandId = fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }, { weight: 1, arbitrary: hostileString(200) });
  const envelopeMutations = fc.array(mutation(["sittingId", "commandId", "command"], ["sittingId"], unknownId, SOCKET_STRING_MAX, true), { maxLength: 2 });
  const body = fc.constantFrom(...COMMAND_TYPES).chain((type) => {
    const fields = Object.keys(template(type));
    const typeSwap = fc
      .constantFrom("SITTING:OPEN", "sitting:open ", "sitting_open", "vote:*", "", "__proto__")
      .map((t) => (o: Record<string, unknown>) => ({ ...o, type: t }));
    const mutations = fc.array(
      fc.oneof(
        mutation(
          fields,
          ID_FIELDS.filter((f) => fields.includes(f)),
          unknownId,
          SOCKET_STRING_MAX,
          true,
        ),
        typeSwap,
      ),
      {
        maxLength: 3,
      },
    );
    return mutations.map((ms) => applyMutations(template(type), ms));
  });
  // Prototype pollution written as JSON text, so the keys are own properties as on the wire.
  const polluted = fc.constantFrom(
    `{"sittingId":"S","commandId":"abcdefgh-1","command":{"type":"sitting:open","__proto__":{"type":"sitting:close"}}}`,
    `{"sittingId":"S","commandId":"abcdefgh-2","command":{"__proto__":{"type":"sitting:open"}}}`,
    `{"__proto__":{"sittingId":"S","commandId":"abcdefgh-3","command":{"type":"sitting:open"}}}`,
    `{"sittingId":"S","commandId":"abcdefgh-4","command":{"type":"vote:record-hands","voteId":"V","tally":{"__proto__":{"pour":1},"pour":1,"contre":0,"abstention":0,"nppv":0}}}`,
    `{"sittingId":"S","commandId":"abcdefgh-5","command":{"type":"ballot:cast","voteId":"V","choice":"pour","constructor":{"prototype":{"admin":true}}}}`,
    `{"sittingId":"S","commandId":"abcdefgh-6","command":{"type":"sitting:open"},"prototype":{"role":"president"}}`,
  );
  const structured = fc
    .record({ sender: fc.constantFrom(...SENDERS), sittingId: targets, commandId, command: body, envelopeMutations })
    .map(({ sender, sittingId, commandId: cid, command, envelopeMutations: ms }) => ({
      sender,
      event: "command" as const,
      payload: applyMutations({ sittingId, commandId: cid, command }, ms),
    }));
  const fromText = fc.record({ sender: fc.constantFrom(...SENDERS), text: polluted, sittingId: targets }).map(({ sender, text, sittingId }) => ({
    sender,
    event: "command" as const,
    payload: JSON.parse(text.replace('"S"', JSON.stringify(sittingId)).replace('"V"', JSON.stringify(live.openVoteId))) as unknown,
  }));
  const junk = fc
    .record({ sender: fc.constantFrom(...SENDERS), payload: wrongValue(SOCKET_STRING_MAX, true) })
    .map((r) => ({ ...r, event: "command" as const }));
  // Well-formed commands out of order, by the wrong person, for the wrong sitting or naming ids that
  // are not there: they pass the schema and must be refused by the rules of procedure.
  const wellFormed = fc
    .record({
      sender: fc.constantFrom(...SENDERS),
      sittingId: targets,
      commandId: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      type: fc.constantFrom(...COMMAND_TYPES),
      swap: fc.option(fc.record({ field: fc.constantFrom(...ID_FIELDS), id: unknownId })),
    })
    .map(({ sender, sittingId, commandId: cid, type, swap }) => {
      const command = template(type);
      if (swap && swap.field in command) command[swap.field] = swap.id;
      return { sender, event: "command" as const, payload: { sittingId, commandId: cid, command } };
    });
  return fc
    .oneof({ weight: 8, arbitrary: structured }, { weight: 5, arbitrary: wellFormed }, { weight: 1, arbitrary: fromText }, { weight: 1, arbitrary: junk })
    .filter((probe) => {
      const wire = overTheWire(probe.payload);
      if (wire.binary) return true;
      const parsed = CommandEnvelopeSchema.safeParse(wire.value);
      return !parsed.success || !couldBeAccepted(probe.sender, parsed.data.sittingId, parsed.data.command);
    });
}

function subscribeProbe(): fc.Arbitrary<SocketProbe> {
  const sittingId = fc.oneof(fc.constantFrom(live.sittingId, DEMO_SITTING_ID, other.sittingId), unknownId);
  const lastSeq = fc.oneof(fc.nat(), wrongValue(SOCKET_STRING_MAX, true));
  const shaped = fc
    .record({ sittingId, lastSeq, ms: fc.array(mutation(["sittingId", "lastSeq"], ["sittingId"], unknownId, SOCKET_STRING_MAX, true), { maxLength: 2 }) })
    .map(({ sittingId: sid, lastSeq: seq, ms }) => applyMutations({ sittingId: sid, lastSeq: seq }, ms));
  return fc.record({ sender: fc.constantFrom(...SENDERS), payload: fc.oneof(shaped, wrongValue(SOCKET_STRING_MAX, true)) }).map((r) => ({
    ...r,
    event: "sitting:subscribe" as const,
  }));
}

type Ack = { ok: true; data: { me: unknown; chair: unknown } } | { ok: false; error: { code: string; message: string } };

/** Sends one probe and checks the reply against what the protocol says it must be. */
async function sendProbe(probe: SocketProbe): Promise<void> {
  const socket = sockets[probe.sender].socket;
  const reply = (await socket.timeout(10_000).emitWithAck(probe.event, probe.payload)) as Ack;
  const shown = () => `${probe.sender} ${probe.event} ${JSON.stringify(probe.payload)?.slice(0, 300)} → ${JSON.stringify(reply).slice(0, 300)}`;
  const sent = overTheWire(probe.payload);
  const wire = sent.binary ? undefined : sent.value;
  if (probe.event === "command") {
    figures.socketCommand += 1;
    expect(reply.ok, shown()).toBe(false);
    if (reply.ok) return;
    count(reply.error.code);
    expect(refusalProblem(JSON.stringify(reply)), shown()).toBeNull();
    const signedIn = probe.sender !== "anonymous" && probe.sender !== "forged";
    if (!signedIn) expect(reply.error.code, shown()).toBe("not-signed-in");
    else if (wire === undefined || !CommandEnvelopeSchema.safeParse(wire).success) expect(reply.error.code, shown()).toBe("bad-request");
    return;
  }
  figures.socketSubscribe += 1;
  const parsed = wire === undefined ? null : SubscribeSchema.safeParse(wire);
  if (!parsed?.success) {
    expect(reply.ok ? "accepted" : reply.error.code, shown()).toBe("bad-request");
    return;
  }
  if (!SITTINGS.has(parsed.data.sittingId)) {
    expect(reply.ok ? "accepted" : reply.error.code, shown()).toBe("unknown-sitting");
    return;
  }
  expect(reply.ok, shown()).toBe(true);
  if (!reply.ok) return;
  // Anyone may follow a sitting; only its own council's chair and members get their private views.
  const ownCouncil =
    parsed.data.sittingId === other.sittingId ? probe.sender === "other-council-clerk" : ["president", "clerk", "councillor"].includes(probe.sender);
  if (!ownCouncil || probe.sender === "councillor") expect(reply.data.chair, shown()).toBeNull();
  if (!ownCouncil || probe.sender === "clerk" || probe.sender === "other-council-clerk") expect(reply.data.me, shown()).toBeNull();
}

describe("fuzz: socket messages", () => {
  it(`SEC-1 ${RUNS.command * BATCH} hostile commands from six kinds of sender are refused with a listed code and change nothing`, async () => {
    const before = await stateDigest(srv.db);
    const seqs = await lastSeqs(srv.db);
    await fc.assert(
      fc.asyncProperty(fc.array(commandProbe(), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(sendProbe));
        await stillUp(seqs);
      }),
      { numRuns: RUNS.command, endOnFailure: true },
    );
    expect(await stateDigest(srv.db)).toEqual(before);
    for (const s of Object.values(sockets)) expect(s.socket.connected).toBe(true);
  });

  it(`SEC-1 ${RUNS.subscribe * BATCH} hostile subscriptions: malformed ones refused, others get only their own views`, async () => {
    const before = await stateDigest(srv.db);
    const seqs = await lastSeqs(srv.db);
    await fc.assert(
      fc.asyncProperty(fc.array(subscribeProbe(), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(sendProbe));
        await stillUp(seqs);
      }),
      { numRuns: RUNS.subscribe, endOnFailure: true },
    );
    expect(await stateDigest(srv.db)).toEqual(before);
  });

  it(`SEC-2 messages of 30 kB to 1.1 MB: under 64 kB refused as malformed, over it the connection is closed; the server stays up`, async () => {
    const before = await stateDigest(srv.db);
    const seqs = await lastSeqs(srv.db);
    const sizes = fc.oneof(fc.integer({ min: 30_000, max: SOCKET_LIMIT - 2048 }), fc.integer({ min: SOCKET_LIMIT + 2048, max: 1_100_000 }));
    await fc.assert(
      fc.asyncProperty(sizes, fc.constantFrom("sittingId", "commandId", "type", "memberId"), async (size, where) => {
        const big = "x".repeat(size);
        const cmd =
          where === "type" || where === "memberId"
            ? { type: where === "type" ? big : "rollcall:mark", memberId: big, status: "present" }
            : { type: "sitting:open" };
        const payload = { sittingId: where === "sittingId" ? big : live.sittingId, commandId: where === "commandId" ? big : "oversize-1", command: cmd };
        const bytes = Buffer.byteLength(JSON.stringify(["command", payload]));
        const socket = connect(srv.url, { transports: ["websocket"], extraHeaders: { cookie: cookies.president ?? "", origin: srv.url }, reconnection: false });
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        const outcome = await Promise.race([
          socket.timeout(10_000).emitWithAck("command", payload) as Promise<Ack>,
          new Promise<"closed">((resolve) => socket.once("disconnect", () => resolve("closed"))),
        ]);
        figures.socketOversize += 1;
        socket.close();
        if (bytes <= SOCKET_LIMIT) expect(outcome === "closed" ? "closed" : outcome.ok ? "accepted" : outcome.error.code, `${bytes} bytes`).toBe("bad-request");
        else expect(outcome, `${bytes} bytes`).toBe("closed");
        await stillUp(seqs);
      }),
      { numRuns: RUNS.oversize, endOnFailure: true },
    );
    expect(await stateDigest(srv.db)).toEqual(before);
    expect(sockets.president.socket.connected).toBe(true);
  });
});

// ───────────────────────── HTTP ─────────────────────────

type Expect = "refuse" | "public-ok" | "nobody" | "access-none" | "agenda-empty" | "signed-out" | "engine";
interface HttpProbe {
  req: RawRequest;
  expect: Expect;
}

const ApproveSchema = z.strictObject({ atSittingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

interface MutatingEndpoint {
  method: "POST" | "PATCH" | "DELETE";
  path: (target: string) => string;
  /** Path targets: the live sitting or its items (frozen: agenda edits are refused once opened), the other council's, unknown ones. */
  targets: "none" | "sitting" | "item" | "publication-item";
  template: Record<string, unknown>;
  schema: z.ZodType | null;
  /** Signed-out and other roles are refused; this says which cookie could act with a valid body. */
  councilScoped: boolean;
  /** The council's clerk may act on its live sitting's items too (an annex may come at any time, #14.8). */
  liveToo?: boolean;
}

function mutatingEndpoints(): MutatingEndpoint[] {
  const sitting = { date: "2022-11-14", time: "18:00", place: "Salle", convocationDate: "2022-11-07", presidentMemberId: "zz-nobody" };
  return [
    { method: "POST", path: () => "/api/auth/signin", targets: "none", template: { login: "greffe", password: "wrong" }, schema: null, councilScoped: false },
    { method: "POST", path: () => "/api/auth/pair", targets: "none", template: { code: "ABCD2345" }, schema: null, councilScoped: false },
    { method: "POST", path: () => "/api/clerk/pairings", targets: "none", template: { memberId: "zz-nobody" }, schema: null, councilScoped: true },
    { method: "POST", path: () => "/api/clerk/sittings", targets: "none", template: sitting, schema: CreateSittingSchema, councilScoped: true },
    {
      method: "PATCH",
      path: () => "/api/clerk/council/settings",
      targets: "none",
      template: { revealMode: "live" },
      schema: UpdateSettingsSchema,
      councilScoped: true,
    },
    {
      method: "POST",
      path: () => "/api/clerk/members/import",
      targets: "none",
      template: { csv: "x", dryRun: true },
      schema: RosterImportSchema,
      councilScoped: true,
    },
    {
      method: "PATCH",
      path: (t) => `/api/clerk/sittings/${t}`,
      targets: "sitting",
      template: { place: "Ailleurs" },
      schema: UpdateSittingSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/sittings/${t}/items`,
      targets: "sitting",
      template: { identifier: "2022-0999", title: "Point" },
      schema: CreateItemSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/sittings/${t}/items/reorder`,
      targets: "sitting",
      template: { itemIds: ["zz-a"] },
      schema: ReorderSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/sittings/${t}/import`,
      targets: "sitting",
      template: { files: [{ name: "a.md", text: "# x" }], dryRun: true },
      schema: ImportDraftsSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/sittings/${t}/minutes/approve`,
      targets: "sitting",
      template: { atSittingId: DEMO_SITTING_ID },
      schema: ApproveSchema,
      councilScoped: false,
    },
    { method: "POST", path: (t) => `/api/clerk/sittings/${t}/minutes/publish`, targets: "sitting", template: {}, schema: null, councilScoped: false },
    { method: "PATCH", path: (t) => `/api/clerk/items/${t}`, targets: "item", template: { title: "Autre" }, schema: UpdateItemSchema, councilScoped: false },
    { method: "DELETE", path: (t) => `/api/clerk/items/${t}`, targets: "item", template: {}, schema: null, councilScoped: false },
    {
      method: "POST",
      path: (t) => `/api/clerk/items/${t}/publication`,
      targets: "publication-item",
      template: { postedOn: "2022-12-01" },
      schema: PublicationSchema,
      councilScoped: false,
    },
    // The records desk (REC-17): publishing an act or the list, depositing an annex.
    {
      method: "POST",
      path: (t) => `/api/clerk/items/${t}/publish`,
      targets: "item",
      template: { publishedOn: "2022-10-05" },
      schema: PublishSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/sittings/${t}/deliberations/publish`,
      targets: "sitting",
      template: { publishedOn: "2022-10-05" },
      schema: PublishSchema,
      councilScoped: false,
    },
    {
      method: "POST",
      path: (t) => `/api/clerk/items/${t}/annexes`,
      targets: "item",
      template: { name: "plan.pdf", dataBase64: "JVBERi0xLjQK" },
      schema: AnnexUploadSchema,
      councilScoped: false,
      liveToo: true,
    },
    { method: "POST", path: () => "/api/auth/signout", targets: "none", template: {}, schema: null, councilScoped: false },
  ];
}

function cookieArb(forSignout = false): fc.Arbitrary<{ name: string; header: string | null }> {
  const jar = forSignout ? signoutCookies : cookies;
  const real = (["clerk", "president", "councillor", "other-council-clerk"] as const).map((r) => ({ name: r, header: jar[r] }));
  const fake = forged.map((t, i) => ({ name: `forged-${i}`, header: `${AUTH_COOKIE}=${t}` }));
  const junk = fc
    .oneof(hostileString(3000), fc.constantFrom(`${AUTH_COOKIE}=`, `${AUTH_COOKIE}=${"a".repeat(5000)}`, `${AUTH_COOKIE}=%E0%A4%A`, `a=b; ${AUTH_COOKIE}="x"`))
    .map((s) => ({ name: "junk", header: s.replace(/[^\x20-\x7e]/g, "?") }));
  return fc.oneof(fc.constantFrom({ name: "none", header: null }, ...real, ...fake), junk);
}

function csrfHeaders(): fc.Arbitrary<Record<string, string>> {
  const port = new URL(srv.url).port;
  return fc.constantFrom<Record<string, string>>(
    { "x-seance-client": "1" },
    { "x-seance-client": "1" },
    { origin: `http://127.0.0.1:${port}` },
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    {},
  );
}

function bodyArb(template: Record<string, unknown>): fc.Arbitrary<{ body: string; type: string | null }> {
  const fields = Object.keys(template);
  const shaped = fc
    .array(mutation(fields, fields, unknownId, HTTP_STRING_MAX, false), { maxLength: 3 })
    .map((ms) => JSON.stringify(applyMutations({ ...template }, ms)) ?? "null");
  const rawText = fc.oneof(
    fc.constantFrom(
      "",
      "{",
      "[1,2",
      "\u0000",
      "null",
      "1e999999",
      "{'a':1}",
      '{"a":1}{"b":2}',
      `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
      '{"__proto__":{"x":1}}',
    ),
    hostileString(HTTP_STRING_MAX),
  );
  const huge = fc.integer({ min: 64 * 1024 + 1, max: 1_100_000 }).map((n) => JSON.stringify({ ...template, [fields[0] ?? "x"]: "y".repeat(n) }));
  const type = fc.constantFrom<string | null>(
    "application/json",
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    null,
    "multipart/form-data; boundary=x",
  );
  return fc.record({ body: fc.oneof({ weight: 8, arbitrary: shaped }, { weight: 3, arbitrary: rawText }, { weight: 1, arbitrary: huge }), type });
}

/** Would this request, as sent, be accepted and change something? Such requests are not generated. */
function couldChange(ep: MutatingEndpoint, cookieName: string, target: string, body: string, type: string | null, csrf: Record<string, string>): boolean {
  const csrfOk = csrf["x-seance-client"] === "1" || (csrf.origin ?? "").startsWith("http://127.0.0.1");
  const clerkOf = cookieName === "clerk" ? "poitiers" : cookieName === "other-council-clerk" ? OTHER_COUNCIL : null;
  if (!csrfOk || !clerkOf) return false;
  // Deleting an item and publishing minutes never read the body: its content and type change nothing.
  const readsBody = ep.method !== "DELETE" && !ep.path("x").endsWith("/publish");
  if (readsBody) {
    if (!type?.startsWith("application/json")) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return false;
    }
    // A real member id would issue a code: a clerk's request naming one is never sent.
    if (ep.path("") === "/api/clerk/pairings")
      return typeof parsed === "object" && parsed !== null && KNOWN.has(String((parsed as Record<string, unknown>).memberId));
    if (ep.schema && !ep.schema.safeParse(parsed).success) return false;
  }
  if (ep.councilScoped) return true;
  // Path-targeted: the other council's own targets are editable by its clerk; the live sitting's are frozen.
  if (clerkOf === OTHER_COUNCIL) return target === other.sittingId || target === other.itemId;
  return ep.liveToo === true && (target === live.sittingId || live.itemIds.includes(target));
}

function mutatingProbe(): fc.Arbitrary<HttpProbe> {
  const eps = mutatingEndpoints();
  return fc.constantFrom(...eps).chain((ep) => {
    const liveTargets =
      ep.targets === "sitting"
        ? [live.sittingId]
        : ep.targets === "item"
          ? live.itemIds.slice(0, 2)
          : ep.targets === "publication-item"
            ? live.itemIds.slice(1, 3)
            : [""];
    const foreign = ep.targets === "sitting" ? [other.sittingId] : ep.targets === "none" ? [] : [other.itemId];
    const target = ep.targets === "none" ? fc.constant("") : fc.oneof(fc.constantFrom(...liveTargets, ...foreign), unknownId);
    return fc
      .record({ cookie: cookieArb(ep.path("") === "/api/auth/signout"), csrf: csrfHeaders(), target, body: bodyArb(ep.template) })
      .filter((r) => !couldChange(ep, r.cookie.name, r.target, r.body.body, r.body.type, r.csrf))
      .map(({ cookie, csrf, target: t, body }): HttpProbe => {
        const headers: Record<string, string> = {
          ...csrf,
          ...(cookie.header ? { cookie: cookie.header } : {}),
          ...(body.type ? { "content-type": body.type } : {}),
        };
        const signout = ep.path("") === "/api/auth/signout";
        const csrfOk = csrf["x-seance-client"] === "1" || (csrf.origin ?? "").startsWith("http://127.0.0.1");
        return { req: { method: ep.method, path: ep.path(t), headers, body: body.body }, expect: signout && csrfOk ? "signed-out" : "refuse" };
      });
  });
}

function segmentArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileString(2000).map(encodeSegment) },
    { weight: 2, arbitrary: unknownId },
    { weight: 1, arbitrary: fc.constantFrom("%", "%Z", "%E0%A4%A", "%00", "%2F", "%2e%2e", "..", ".", "%C0%AE%C0%AE", "a%2Fb") },
  );
}

function readProbe(): fc.Arbitrary<HttpProbe> {
  const seg = segmentArb();
  const paths = fc.oneof<fc.Arbitrary<{ path: string; expect: Expect }>[]>(
    seg.map((s) => ({ path: `/api/public/sittings/${s}`, expect: "refuse" })),
    seg.map((s) => ({ path: `/api/public/sittings/${s}/events`, expect: "refuse" })),
    seg.map((s) => ({ path: `/api/public/sittings/${s}/agenda`, expect: /^[A-Za-z0-9_-]{1,64}$/.test(s) ? "agenda-empty" : "refuse" })),
    seg.map((s) => ({ path: `/api/sittings/${s}/minutes-access`, expect: /^[A-Za-z0-9_-]{1,64}$/.test(s) ? "access-none" : "refuse" })),
    seg.map((s) => ({ path: `/api/clerk/sittings/${s}`, expect: "refuse" })),
    fc.tuple(seg, fc.constantFrom("", ".pdf")).map(([s, ext]) => ({ path: `/records/sittings/${s}/minutes${ext}`, expect: "refuse" })),
    fc.tuple(seg, seg, fc.constantFrom("", ".pdf")).map(([s, i, ext]) => ({ path: `/records/sittings/${s}/items/${i}/extract${ext}`, expect: "refuse" })),
    fc.tuple(fc.oneof(seg, fc.constant(live.sittingId)), fc.oneof(seg, fc.constantFrom(...live.itemIds.slice(1)))).map(([s, i]) => ({
      path: `/records/sittings/${s}/items/${i}/extract`,
      expect: "refuse",
    })),
    fc.tuple(seg, fc.constantFrom("", ".pdf")).map(([s, ext]) => ({ path: `/records/sittings/${s}/deliberations${ext}`, expect: "refuse" })),
    seg.map((s) => ({ path: `/records/councils/${s}/scdl.csv`, expect: "refuse" })),
    seg.map((s) => ({ path: `/demo/signin?as=${s}&to=${s}`, expect: "refuse" })),
    seg.map((s) => ({ path: `/api/${s}`, expect: "refuse" })),
    seg.map((s) => ({ path: `/records/${s}`, expect: "refuse" })),
    fc
      .constantFrom("//", "/api//health/", "/api/public/sittings/", "/api/public/sittings//agenda", "/records/sittings//minutes")
      .map((p) => ({ path: p, expect: "refuse" })),
    seg.map((s) => ({ path: `/socket.io/?EIO=${s}&transport=${s}`, expect: "engine" })),
  );
  const signedOutOnly = fc
    .record({ path: fc.constantFrom("/api/auth/me", "/api/public/sittings"), cookie: cookieArb() })
    .filter((r) => r.cookie.name === "none" || r.cookie.name.startsWith("forged") || r.cookie.name === "junk");
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ p: paths, cookie: cookieArb() }).map(({ p, cookie }): HttpProbe => ({
        req: { method: "GET", path: p.path, headers: cookie.header ? { cookie: cookie.header } : {} },
        expect: p.expect,
      })),
    },
    {
      weight: 2,
      arbitrary: signedOutOnly.map(({ path, cookie }): HttpProbe => ({
        req: { method: "GET", path, headers: cookie.header ? { cookie: cookie.header } : {} },
        expect: path === "/api/auth/me" ? "nobody" : "public-ok",
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          method: fc.constantFrom("PUT", "OPTIONS", "TRACE", "PATCH", "DELETE", "POST"),
          path: fc.constantFrom(
            "/api/health",
            "/api/auth/me",
            "/api/public/sittings",
            `/api/public/sittings/${DEMO_SITTING_ID}`,
            "/records/councils/poitiers/scdl.csv",
          ),
        })
        .map(({ method, path }): HttpProbe => ({ req: { method, path, headers: { "x-seance-client": "1" } }, expect: "refuse" })),
    },
    {
      // The clerk's reads with any cookie but a clerk's, and a hostile query string on open reads.
      weight: 1,
      arbitrary: fc
        .record({
          path: fc.constantFrom("/api/clerk/overview", "/api/clerk/council", "/api/clerk/members", "/api/clerk/members.csv", "/api/health", "/api/demo/links"),
          query: seg,
          cookie: cookieArb(),
        })
        .filter((r) => r.cookie.name !== "clerk" && r.cookie.name !== "other-council-clerk")
        .map(({ path, query, cookie }): HttpProbe => ({
          req: { method: "GET", path: `${path}?${query}=${query}`, headers: cookie.header ? { cookie: cookie.header } : {} },
          expect: path.startsWith("/api/clerk/") ? "refuse" : "public-ok",
        })),
    },
  );
}

/** Whether a request target lands on our API after URL normalisation ("/records/.." is "/", a page). */
function reachesApi(target: string): boolean {
  try {
    const p = new URL(target, "http://127.0.0.1").pathname;
    return p.startsWith("/api/") || p.startsWith("/records/") || p === "/demo/signin";
  } catch {
    return true; // not a URL at all: the server refuses it itself (400)
  }
}

/** Checks one HTTP reply against what was expected of it. */
function checkReply(probe: HttpProbe, r: RawReply): void {
  const shown = `${probe.req.method} ${probe.req.path.slice(0, 160)} [${Object.keys(probe.req.headers ?? {}).join(",")}] ${String(probe.req.body ?? "").slice(0, 160)} → ${r.status} ${r.text.slice(0, 200)}`;
  expect(r.status, shown).toBeLessThan(500);
  expect(leakProblem(r.text), shown).toBeNull();
  // Node refuses a request line and headers over 16 kB itself (431, empty body), before our code runs.
  if (r.status === 431) return;
  // engine.io's own handshake errors, and paths that normalise out of the API: only "no 5xx, no leak" is ours to promise here.
  if (probe.expect === "engine" || !reachesApi(probe.req.path)) return;
  const isJson = String(r.headers["content-type"] ?? "").startsWith("application/json");
  expect(isJson, `not JSON: ${shown}`).toBe(true);
  const json = JSON.parse(r.text) as { ok: boolean; data?: unknown };
  switch (probe.expect) {
    case "refuse":
      expect(r.status, shown).toBeGreaterThanOrEqual(400);
      expect(refusalProblem(r.text), shown).toBeNull();
      count(String((json as { error?: { code?: string } }).error?.code));
      return;
    case "nobody":
      expect(json, shown).toEqual({ ok: true, data: null });
      return;
    case "access-none":
      expect((json.data as { access?: string } | undefined)?.access, shown).toBe("none");
      return;
    case "agenda-empty":
      expect(json, shown).toEqual({ ok: true, data: [] });
      return;
    case "signed-out":
      expect(r.status, shown).toBe(200);
      expect(String(r.headers["set-cookie"] ?? ""), shown).toContain(`${AUTH_COOKIE}=;`);
      return;
    case "public-ok":
      expect(r.status, shown).toBe(200);
      expect(json.ok, shown).toBe(true);
      return;
  }
}

describe("fuzz: HTTP", () => {
  it(`SEC-3 ${RUNS.http * BATCH} hostile requests to every endpoint: JSON 4xx refusals, never a 5xx, a stack or a change`, async () => {
    const before = await stateDigest(srv.db);
    const seqs = await lastSeqs(srv.db);
    const probe = fc.oneof({ weight: 3, arbitrary: mutatingProbe() }, { weight: 2, arbitrary: readProbe() });
    await fc.assert(
      fc.asyncProperty(fc.array(probe, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const replies = await Promise.all(batch.map((p) => rawRequest(srv.url, p.req, agent)));
        figures.http += batch.length;
        batch.forEach((p, i) => {
          const r = replies[i];
          if (r) checkReply(p, r);
        });
        await stillUp(seqs);
      }),
      { numRuns: RUNS.http, endOnFailure: true },
    );
    expect(await stateDigest(srv.db)).toEqual(before);
  });

  it("SEC-3 request targets that are not URLs and malformed escapes are refused with 400, and the server lives on", async () => {
    const seqs = await lastSeqs(srv.db);
    for (const target of [
      "//",
      "http://[",
      "http://x:99999/",
      "/api/public/sittings/%E0%A4%A",
      "/api/public/sittings/%ZZ/agenda",
      "/api/public/sittings/%ZZ/events",
    ]) {
      const r = await rawRequest(srv.url, { method: "GET", path: target });
      expect(r.status, target).toBe(400);
      expect(refusalProblem(r.text), target).toBeNull();
      figures.http += 1;
    }
    await stillUp(seqs);
  });
});

/**
 * Speaks Socket.IO's wire protocol by hand (engine.io v4 over a websocket) to send a binary event the
 * official client never builds: its copy of a payload with binary turns an own "__proto__" key into
 * the copy's prototype, so the key never leaves the browser.
 */
async function rawBinaryEmit(event: string, args: unknown, attachment: Buffer, cookie: string): Promise<unknown> {
  const ws = new WebSocket(`${srv.url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie, origin: srv.url } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no acknowledgement for ${event}`));
    }, 5000);
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      const text = data.toString("utf8");
      if (text.startsWith("0{")) ws.send("40");
      else if (text.startsWith("40")) {
        ws.send(`451-0${JSON.stringify([event, args])}`); // BINARY_EVENT, one attachment, ack id 0
        ws.send(attachment);
      } else if (text === "2") ws.send("3");
      else if (text.startsWith("430")) {
        clearTimeout(timer);
        ws.close();
        resolve((JSON.parse(text.slice(3)) as unknown[])[0]);
      }
    });
    ws.on("error", reject);
  });
}

describe("binary attachments", () => {
  it("SEC-1 an own __proto__ key arriving with a binary attachment stays an unknown key and is refused", async () => {
    const before = await stateDigest(srv.db);
    const slot = { _placeholder: true, num: 0 }; // where Socket.IO puts the attachment back
    // Well-formed and permitted but for the extra key. The server's parser rebuilds attachments by
    // assignment; the key must stay an own property (then refused), not become a prototype unseen.
    const envelope = {
      sittingId: live.sittingId,
      commandId: `proto-binary-${Date.now()}`,
      command: { type: "rollcall:mark", memberId: "m42", status: "present" },
    };
    const payloads = [withOwnKey(envelope, "__proto__", slot), { ...envelope, command: withOwnKey(envelope.command, "__proto__", slot) }];
    for (const payload of payloads) {
      const r = (await rawBinaryEmit("command", payload, Buffer.from([1, 2]), cookies.president ?? "")) as Ack;
      expect(r.ok ? "accepted" : r.error.code, JSON.stringify(payload)).toBe("bad-request");
    }
    const sub = (await rawBinaryEmit("sitting:subscribe", withOwnKey({ sittingId: live.sittingId }, "__proto__", slot), Buffer.from([1]), "")) as Ack;
    expect(sub.ok ? "accepted" : sub.error.code).toBe("bad-request");
    expect(await stateDigest(srv.db)).toEqual(before);
  });
});

describe("command ids", () => {
  it("SEC-4 a command id is its sender's: someone else replaying it is refused, never handed the sender's reply", async () => {
    const sid = live.sittingId;
    const id = `president-own-${Date.now()}`;
    const first = await sockets.president.send({ type: "rollcall:mark", memberId: "m41", status: "present" }, id);
    expect(first.ok).toBe(true);
    const before = await stateDigest(srv.db);
    for (const sender of ["councillor", "clerk", "other-council-clerk"] as const) {
      const r = (await sockets[sender].socket
        .timeout(5000)
        .emitWithAck("command", { sittingId: sid, commandId: id, command: { type: "sitting:close" } })) as Ack;
      expect(r.ok ? "accepted" : r.error.code, sender).not.toBe("accepted");
      if (!r.ok) expect(["bad-request", "forbidden", "wrong-sitting"]).toContain(r.error.code);
    }
    // The president's own retry still gets the stored reply (applied once).
    expect(await sockets.president.send({ type: "rollcall:mark", memberId: "m41", status: "present" }, id)).toEqual(first);
    expect(await stateDigest(srv.db)).toEqual(before);
  });
});
