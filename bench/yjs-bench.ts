// The minutes under load: 5 writers (president, clerk, secretaries) typing at once while 69
// councillors read, each edit timed until every other peer holds it; then a late joiner syncing a
// 200-page document (~200 × 3,000 characters), with the document in memory and loaded cold.
import WebSocket from "ws";
import * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { openMinutesProvider, type MinutesRole } from "../lib/client/minutes-provider";
import { now, percentile, sleep, waitFor } from "./stats";

export interface YjsResult {
  edits: number;
  samples: number;
  missing: number;
  editP50Ms: number;
  editP99Ms: number;
  lateJoinWarmMs: number[];
  lateJoinColdMs: number;
  documentChars: number;
}

const PAGES = 200;
const PARAGRAPHS_PER_PAGE = 6;
const CHARS_PER_PARAGRAPH = 500;
const EDITS_PER_WRITER = 40;
const EDIT_PERIOD_MS = 100; // ~10 updates a second per writer: brisk typing

/**
 * `ws` with the sign-in cookie and the page's origin (a websocket riding a cookie must come from the
 * site itself, #12), shaped as the constructor y-websocket expects.
 */
function cookieWebSocket(cookie: string): typeof globalThis.WebSocket {
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      const origin = new URL(String(address)).origin.replace(/^ws/, "http");
      super(address, protocols, { headers: { cookie, origin }, perMessageDeflate: false });
    }
  }
  return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** A peer as the editor opens one: a writer syncs both ways, a councillor before publication only reads (#12). */
function connect(serverUrl: string, sittingId: string, cookie: string, role: MinutesRole): Peer {
  const doc = new Y.Doc();
  // disableBc: peers in one process would otherwise talk over BroadcastChannel, bypassing the server.
  const provider = openMinutesProvider(sittingId, doc, { role, serverUrl, WebSocketPolyfill: cookieWebSocket(cookie), maxBackoffTime: 1000 });
  return { doc, provider };
}

async function synced(peers: Peer[], timeoutMs: number): Promise<void> {
  if (!(await waitFor(() => peers.every((p) => p.provider.synced), timeoutMs, 10))) throw new Error(`yjs: peers not synced in ${timeoutMs} ms`);
}

function close(peers: Peer[]): void {
  for (const p of peers) {
    p.provider.destroy();
    p.doc.destroy();
  }
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function textLength(doc: Y.Doc): number {
  let n = 0;
  for (const p of doc.getXmlFragment("default").toArray())
    if (p instanceof Y.XmlElement) for (const t of p.toArray()) if (t instanceof Y.XmlText) n += t.length;
  return n;
}

async function lateJoin(serverUrl: string, sittingId: string, cookie: string, expectChars: number): Promise<number> {
  const start = now();
  const peer = connect(serverUrl, sittingId, cookie, "reader");
  try {
    await synced([peer], 20_000);
    const took = now() - start;
    const chars = textLength(peer.doc);
    if (chars < expectChars) throw new Error(`late joiner holds ${chars} characters, expected ${expectChars}`);
    return took;
  } finally {
    close([peer]);
  }
}

export async function runYjsBench(opts: { baseUrl: string; sittingId: string; writerCookies: string[]; readerCookies: string[] }): Promise<YjsResult> {
  // Each provider registers a process exit handler; 75 of them are expected here.
  process.setMaxListeners(200);
  const serverUrl = opts.baseUrl.replace(/^http/, "ws");
  const sid = opts.sittingId;
  const writers = opts.writerCookies.map((c) => connect(serverUrl, sid, c, "writer"));
  const readers = opts.readerCookies.map((c) => connect(serverUrl, sid, c, "reader"));
  const peers = [...writers, ...readers];
  await synced(peers, 30_000);

  // Each writer types into a paragraph of its own, as secretaries share the minutes section by section.
  const texts = writers.map((w) => {
    const p = paragraph("");
    w.doc.getXmlFragment("default").push([p]);
    const t = p.get(0);
    if (!(t instanceof Y.XmlText)) throw new Error("paragraph without text");
    return t;
  });
  const clients = writers.map((w) => w.doc.clientID);
  const edits: { clock: number; at: number }[][] = writers.map(() => []);
  const seen = peers.map(() => writers.map(() => 0));
  const samples: number[] = [];
  peers.forEach((peer, pi) => {
    peer.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== peer.provider) return;
      const at = now();
      for (let w = 0; w < writers.length; w++) {
        if (peers[pi] === writers[w]) continue;
        const state = Y.getState(peer.doc.store, clients[w] ?? 0);
        const list = edits[w] ?? [];
        const s = seen[pi];
        if (!s) continue;
        while ((s[w] ?? 0) < list.length && (list[s[w] ?? 0]?.clock ?? Infinity) <= state) {
          samples.push(at - (list[s[w] ?? 0]?.at ?? at));
          s[w] = (s[w] ?? 0) + 1;
        }
      }
    });
  });
  // Let the paragraph creations reach everyone before timing starts.
  await sleep(500);
  for (const s of seen) for (let w = 0; w < writers.length; w++) s[w] = 0;

  const start = now();
  const schedule: { w: number; at: number }[] = [];
  for (let j = 0; j < EDITS_PER_WRITER; j++)
    for (let w = 0; w < writers.length; w++) schedule.push({ w, at: start + j * EDIT_PERIOD_MS + (w * EDIT_PERIOD_MS) / writers.length });
  for (const e of schedule) {
    await sleep(e.at - now());
    const writer = writers[e.w];
    const text = texts[e.w];
    if (!writer || !text) continue;
    text.insert(text.length, "mot ");
    edits[e.w]?.push({ clock: Y.getState(writer.doc.store, writer.doc.clientID), at: now() });
  }
  const expected = schedule.length * (peers.length - 1);
  await waitFor(() => samples.length >= expected, 10_000, 10);
  const missing = expected - samples.length;

  // Build the 200-page minutes with one writer and one witness reader connected; the rest leave.
  const [author, ...otherWriters] = writers;
  const [witness, ...otherReaders] = readers;
  if (!author || !witness) throw new Error("yjs: need a writer and a reader");
  close([...otherWriters, ...otherReaders]);
  const chunk = "Le conseil municipal, après en avoir délibéré, adopte à l'unanimité la proposition du rapporteur. ".repeat(6).slice(0, CHARS_PER_PARAGRAPH);
  const fragment = author.doc.getXmlFragment("default");
  for (let page = 0; page < PAGES; page++) {
    author.doc.transact(() => {
      fragment.push(Array.from({ length: PARAGRAPHS_PER_PAGE }, () => paragraph(chunk)));
    });
    if (page % 20 === 19) await sleep(5); // let the socket drain, as a long sitting would
  }
  const authorState = Y.getState(author.doc.store, author.doc.clientID);
  if (!(await waitFor(() => Y.getState(witness.doc.store, author.doc.clientID) >= authorState, 30_000, 20)))
    throw new Error("yjs: the 200 pages did not reach the witness");
  const documentChars = textLength(author.doc);

  const lateJoinWarmMs: number[] = [];
  for (let i = 0; i < 3; i++) lateJoinWarmMs.push(await lateJoin(serverUrl, sid, opts.readerCookies[i + 1] ?? opts.readerCookies[0] ?? "", documentChars));

  // Everyone leaves: the server saves and unloads the document; the next joiner loads it from SQLite.
  close([author, witness]);
  await sleep(1500);
  const lateJoinColdMs = await lateJoin(serverUrl, sid, opts.readerCookies[0] ?? "", documentChars);

  return {
    edits: schedule.length,
    samples: samples.length,
    missing,
    editP50Ms: percentile(samples, 50),
    editP99Ms: percentile(samples, 99),
    lateJoinWarmMs,
    lateJoinColdMs,
    documentChars,
  };
}
