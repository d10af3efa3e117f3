// The crash harness: runs the real server as a child process, drives a vote with many clients,
// kills the server (SIGKILL) at a chosen point, restarts it, and checks that every acknowledged
// ballot is there exactly once, the event log verifies, and the minutes lost nothing saved.
import * as Y from "yjs";
import { verifyChain } from "../../core/audit/hash-chain";
import type { Choice, CommandBody, Reply } from "../../core/sitting/protocol";
import { openDatabase } from "../../server/db/client";
import { DEMO_PASSWORDS } from "../../server/seed/demo";
import { readChain } from "../../server/store/sitting-store";
import { freePort, startChildServer, type ChildServer } from "../helpers/child-server";
import { Client, commandId, createSittingAs, demoSignIn, freshDatabaseFile, signInWithPassword, urnTotals } from "../helpers/test-server";
import { loadServerKeys } from "../../server/auth/server-key";
import { yClient, type YClient } from "../helpers/yjs-client";

export interface Scenario {
  name: string;
  crashAt?: string; // "<point>:<n>", counted from the restart that opens the vote phase
  mode: "public" | "secret";
  /** Kill from outside at a random moment of a concurrent burst instead of at a named point. */
  randomKill?: boolean;
  minutes?: boolean;
  unsafeAckBeforeCommit?: boolean;
  env?: Record<string, string>;
}

export interface ScenarioReport {
  name: string;
  killed: boolean;
  acked: number;
  inFlight: number;
  problems: string[];
}

const VOTERS = Array.from({ length: 12 }, (_, i) => `m${String(i + 2).padStart(2, "0")}`);
const CHOICES: Choice[] = ["pour", "contre", "abstention", "pour", "pour", "contre", "nppv", "pour", "abstention", "contre", "pour", "pour"];

async function sendOnce(c: Client, command: CommandBody, id: string, ms = 2500): Promise<Reply<Record<string, unknown>> | "lost"> {
  try {
    return (await c.socket.timeout(ms).emitWithAck("command", { sittingId: c.sittingId, commandId: id, command })) as Reply<Record<string, unknown>>;
  } catch {
    return "lost";
  }
}

function exited(s: ChildServer, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    s.proc.once("exit", () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

export async function runScenario(sc: Scenario): Promise<ScenarioReport> {
  const problems: string[] = [];
  const dbFile = freshDatabaseFile();
  const port = await freePort();
  let server = await startChildServer({ dbFile, port, env: sc.env });
  const clients: Client[] = [];
  const ydocs: YClient[] = [];
  try {
    // Set-up on a server without faults: a sitting, 30 present, opened, an item called.
    const clerk = await signInWithPassword(server.url, "greffe", DEMO_PASSWORDS.clerk);
    const { sittingId, itemIds } = await createSittingAs(server.url, clerk);
    const presCookie = await signInWithPassword(server.url, "maire", DEMO_PASSWORDS.president);
    const voterCookies = await Promise.all(VOTERS.map((m) => demoSignIn(server.url, `u-${m}`)));
    const secretary = await demoSignIn(server.url, "u-m28");
    const setup = new Client(server.url, sittingId, presCookie);
    await setup.subscribe();
    await setup.markPresent(30);
    await setup.sendOk({ type: "sitting:open" });
    await setup.sendOk({ type: "item:call", itemId: itemIds[0]! });
    const voteId = String((await setup.sendOk({ type: "vote:open", itemId: itemIds[0]!, mode: sc.mode })).voteId);
    setup.close();
    await server.kill("SIGTERM");

    // The vote phase, on a server armed to die.
    const env = {
      ...sc.env,
      ...(sc.crashAt ? { SEANCE_CRASH_AT: sc.crashAt } : {}),
      ...(sc.unsafeAckBeforeCommit ? { SEANCE_UNSAFE_ACK_BEFORE_COMMIT: "1" } : {}),
    };
    server = await startChildServer({ dbFile, port, env });
    const president = new Client(server.url, sittingId, presCookie);
    const voters = voterCookies.map((c) => new Client(server.url, sittingId, c));
    clients.push(president, ...voters);
    for (const c of clients) await c.subscribe();

    let typed = "";
    if (sc.minutes) {
      const y = await yClient(server.url, sittingId, secretary);
      ydocs.push(y);
      await y.synced();
      for (let i = 0; i < 6; i++) {
        const line = `Ligne ${i} des débats.`;
        typed += line;
        y.doc.getText("crash-probe").insert(y.doc.getText("crash-probe").length, line);
        await new Promise((r) => setTimeout(r, 200)); // past the save debounce: one save per line
      }
    }

    const acked = new Map<string, Choice>(); // memberId -> acknowledged choice
    const pending: { voter: number; id: string; command: CommandBody }[] = [];
    const ballot = (i: number): CommandBody => ({ type: "ballot:cast", voteId, choice: CHOICES[i]! });
    if (sc.randomKill) {
      const killAfter = 5 + Math.floor(Math.random() * 120);
      const burst = VOTERS.map(async (_, i) => {
        const id = commandId();
        const r = await sendOnce(voters[i]!, ballot(i), id);
        if (r !== "lost" && r.ok) acked.set(VOTERS[i]!, CHOICES[i]!);
        else pending.push({ voter: i, id, command: ballot(i) });
      });
      await new Promise((r) => setTimeout(r, killAfter));
      await server.kill("SIGKILL");
      await Promise.all(burst);
    } else {
      for (let i = 0; i < VOTERS.length; i++) {
        const id = commandId();
        const r = await sendOnce(voters[i]!, ballot(i), id);
        if (r !== "lost" && r.ok) acked.set(VOTERS[i]!, CHOICES[i]!);
        else {
          pending.push({ voter: i, id, command: ballot(i) });
          if (r === "lost") break;
        }
      }
      if (!(await exited(server, 50))) {
        // Not dead yet: the fault is further on (closing or proclaiming).
        for (const cmd of [
          { type: "vote:close", voteId },
          { type: "vote:proclaim", voteId },
        ] as CommandBody[]) {
          const id = commandId();
          const r = await sendOnce(president, cmd, id);
          if (r === "lost") {
            pending.push({ voter: -1, id, command: cmd });
            break;
          }
        }
      }
    }
    const killed = await exited(server, 5000);
    if (!killed) {
      problems.push(`the server was not killed at ${sc.crashAt}`);
      await server.kill("SIGKILL");
    }

    // Restart, clean; the clients reconnect by themselves and re-subscribe.
    server = await startChildServer({ dbFile, port, env: sc.env });
    for (const c of clients) {
      await c.connected();
      await c.subscribe(c.view?.seq);
    }
    const db = await openDatabase(`file:${dbFile}`);
    try {
      // 1. Every acknowledged ballot is on disk, before any retry.
      if (sc.mode === "public") {
        const rows = await db.ballot.findMany({ where: { voteId } });
        for (const [m, choice] of acked) {
          const row = rows.find((r) => r.memberId === m && r.onBehalfOf === "");
          if (!row) problems.push(`acknowledged ballot of ${m} lost`);
          else if (row.choice !== choice) problems.push(`ballot of ${m} is ${row.choice}, acknowledged ${choice}`);
        }
      } else {
        const sigs = await db.secretSignature.findMany({ where: { voteId } });
        for (const m of acked.keys()) if (!sigs.some((s) => s.memberId === m)) problems.push(`acknowledged secret ballot of ${m} lost`);
      }
      // 2. Clients retry what was never acknowledged, with the same ids; then everyone else votes.
      for (const p of pending) {
        const client = p.voter >= 0 ? voters[p.voter]! : president;
        const r = await sendOnce(client, p.command, p.id, 5000);
        if (r === "lost" || !r.ok) {
          if (!(r !== "lost" && (r.error.code === "wrong-state" || r.error.code === "already-voted")))
            problems.push(`retry of ${p.command.type} failed: ${r === "lost" ? "no answer" : r.error.code}`);
        }
      }
      const view = (await president.subscribe()).ok ? president.view : null;
      const voteStatus = view?.vote?.status ?? "open";
      if (voteStatus === "open") {
        for (let i = 0; i < VOTERS.length; i++) {
          const r = await sendOnce(voters[i]!, ballot(i), commandId(), 5000);
          if (r === "lost") problems.push(`ballot of ${VOTERS[i]} after restart: no answer`);
          else if (!r.ok && r.error.code !== "already-voted") problems.push(`ballot of ${VOTERS[i]} after restart: ${r.error.code}`);
        }
        await sendOnce(president, { type: "vote:close", voteId }, commandId(), 5000);
      }
      if (president.view?.vote?.status !== "proclaimed") await sendOnce(president, { type: "vote:proclaim", voteId }, commandId(), 5000);

      // 3. Exactly once: one ballot per voter, one event per ballot, tally = 12.
      const chain = await readChain(db, sittingId);
      const verdict = verifyChain(sittingId, chain);
      if (!verdict.ok) problems.push(`event log broken: ${verdict.problem}`);
      const castEvents = chain.filter((e) => e.type === (sc.mode === "public" ? "ballot:cast" : "ballot:deposited"));
      const perVoter = new Map<string, number>();
      for (const e of castEvents) {
        const m = (JSON.parse(e.payload) as { memberId: string }).memberId;
        perVoter.set(m, (perVoter.get(m) ?? 0) + 1);
      }
      if (sc.mode === "secret") {
        for (const [m, n] of perVoter) if (n !== 1) problems.push(`${m} deposited ${n} secret ballots`);
        const urn = await urnTotals(db, loadServerKeys(`file:${dbFile}`).urn, voteId);
        const total = urn.pour + urn.contre + urn.abstention + urn.nppv;
        const sigs = await db.secretSignature.count({ where: { voteId } });
        if (total !== sigs) problems.push(`urn holds ${total} ballots for ${sigs} signatures`);
        if (sigs !== VOTERS.length) problems.push(`${sigs} secret ballots for ${VOTERS.length} voters`);
      } else {
        const rows = await db.ballot.count({ where: { voteId } });
        if (rows !== VOTERS.length) problems.push(`${rows} ballots for ${VOTERS.length} voters`);
      }
      const closed = chain.filter((e) => e.type === "vote:closed");
      const proclaimed = chain.filter((e) => e.type === "vote:proclaimed");
      if (closed.length !== 1) problems.push(`vote closed ${closed.length} times`);
      if (proclaimed.length !== 1) problems.push(`result proclaimed ${proclaimed.length} times`);
      const tally = closed[0] ? (JSON.parse(closed[0].payload) as { tally: Record<Choice, number> }).tally : null;
      if (tally && tally.pour + tally.contre + tally.abstention + tally.nppv !== VOTERS.length) problems.push(`final tally counts ${JSON.stringify(tally)}`);

      // 4. Minutes: everything typed is in the server's document once the editor is back.
      if (sc.minutes) {
        const y = ydocs[0]!;
        await y.synced();
        const reader = await yClient(server.url, sittingId, secretary);
        ydocs.push(reader);
        await reader.synced();
        const deadline = Date.now() + 5000;
        while (reader.doc.getText("crash-probe").toString() !== typed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const got = reader.doc.getText("crash-probe").toString();
        if (got !== typed) problems.push(`minutes after restart: "${got}" instead of "${typed}"`);
        const rows = await db.yDocUpdate.findMany({ where: { docName: `minutes-${sittingId}` } });
        const stored = new Y.Doc();
        for (const r of rows) Y.applyUpdate(stored, new Uint8Array(r.update));
        if (!typed.startsWith(stored.getText("crash-probe").toString())) problems.push("stored minutes are not a prefix of what was typed");
      }
    } finally {
      await db.$disconnect();
    }
    return { name: sc.name, killed, acked: acked.size, inFlight: pending.length, problems };
  } finally {
    for (const c of clients) c.close();
    for (const y of ydocs) y.close();
    await server.kill("SIGKILL");
  }
}
