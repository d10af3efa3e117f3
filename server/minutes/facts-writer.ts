// Writes the sitting's facts into its minutes document as they happen: a heading per agenda item
// and a non-editable fact block per opening, arrival, departure, proxy, call, request, result,
// suspension and closing — each from the state its event was decided on, as the export rebuilds it.
// Catches up from the event log on load, so a restart neither loses nor repeats a fact. With several
// nodes only the sitting's owner writes (the relay brings the facts to the others): two nodes
// appending the same fact would both survive the merge.
import * as Y from "yjs";
import { getYDoc } from "@y/websocket-server/utils";
import { factFor, mayWriteFact, type Fact } from "../../core/minutes/facts";
import { applyEvent } from "../../core/sitting/apply-event";
import type { SittingEvent, SittingState } from "../../core/sitting/state";
import { loadSitting } from "../store/sitting-store";
import type { Db } from "../db/client";
import { FACT_NODE, LAST_FACT_SEQ, MINUTES_FRAGMENT, MINUTES_META, minutesDocName } from "../../core/minutes/document";
import type { Logger } from "../ports";
import type { RoomRegistry, SittingRoom } from "../realtime/sitting-room";
import type { YPersistence } from "../yjs/persistence";
import { dropDuplicateFacts } from "./fact-dedupe";

export const FACTS_ORIGIN = "sitting-facts";

export function appendFact(doc: Y.Doc, fact: Fact): void {
  const frag = doc.getXmlFragment(MINUTES_FRAGMENT);
  if (fact.heading) {
    const h = new Y.XmlElement<{ level: number }>("heading");
    h.setAttribute("level", 2);
    h.insert(0, [new Y.XmlText(fact.heading)]);
    // y-prosemirror stores attribute values as they are (a number level); yjs's typing says string only.
    frag.push([h as unknown as Y.XmlElement]);
  }
  const el = new Y.XmlElement<{ seq: number; kind: string; text: string }>(FACT_NODE);
  el.setAttribute("seq", fact.seq);
  el.setAttribute("kind", fact.kind);
  el.setAttribute("text", fact.text);
  frag.push([el as unknown as Y.XmlElement]);
  // An empty paragraph after each fact: where the secretaries write what was said.
  const p = new Y.XmlElement("paragraph");
  frag.push([p]);
}

export function attachMinutesFacts(deps: { db: Db; rooms: RoomRegistry; persistence: YPersistence; logger: Logger }): { idle(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(job).catch((err: unknown) => deps.logger.error(`minutes facts failed: ${err instanceof Error ? err.message : String(err)}`));
  };

  // Documents this node writes facts into: a fact that comes back from elsewhere (another node, a
  // device that held the old owner's copy) a second time is removed (fact-dedupe.ts).
  const watched = new WeakSet<Y.Doc>();
  function watchDuplicates(doc: Y.Doc): void {
    if (watched.has(doc)) return;
    watched.add(doc);
    let pending = false;
    doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === FACTS_ORIGIN || pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        dropDuplicateFacts(doc, FACTS_ORIGIN);
      });
    });
  }

  async function docOf(sittingId: string): Promise<Y.Doc> {
    const name = minutesDocName(sittingId);
    const doc = getYDoc(name);
    await deps.persistence.whenLoaded(name);
    watchDuplicates(doc);
    dropDuplicateFacts(doc, FACTS_ORIGIN);
    return doc;
  }

  async function append(sittingId: string, facts: Fact[]): Promise<void> {
    // Events without a fact (a ballot, an approval) leave the document untouched: no update, no row.
    if (!facts.length) return;
    const doc = await docOf(sittingId);
    const meta = doc.getMap<number>(MINUTES_META);
    const fresh = facts.filter((f) => f.seq > (meta.get(LAST_FACT_SEQ) ?? 0));
    if (!fresh.length) return;
    doc.transact(() => {
      for (const fact of fresh) appendFact(doc, fact);
      meta.set(LAST_FACT_SEQ, fresh[fresh.length - 1]!.seq);
    }, FACTS_ORIGIN);
  }

  /** Folds a committed batch from the state before it, so each fact reads the state its event met. */
  function factsOfBatch(room: SittingRoom, before: SittingState, committed: readonly { seq: number; event: SittingEvent }[]): Fact[] {
    const facts: Fact[] = [];
    let state = before;
    for (const { seq, event } of committed) {
      const fact = mayWriteFact(event) ? factFor(seq, event, state, room.header) : null;
      if (fact) facts.push(fact);
      state = applyEvent(state, event);
    }
    return facts;
  }

  async function catchUp(room: SittingRoom): Promise<void> {
    const sittingId = room.state.sittingId;
    const last = (await docOf(sittingId)).getMap<number>(MINUTES_META).get(LAST_FACT_SEQ) ?? 0;
    if (last >= room.state.seq) return;
    const facts: Fact[] = [];
    await loadSitting(deps.db, sittingId, undefined, (seq, event, before) => {
      const fact = seq > last && mayWriteFact(event) ? factFor(seq, event, before, room.header) : null;
      if (fact) facts.push(fact);
    });
    await append(sittingId, facts);
  }

  // The state each room was in after its previous batch: the state the next batch starts from.
  const lastState = new Map<string, SittingState>();
  deps.rooms.onRoomCreated((room) => {
    lastState.set(room.state.sittingId, room.state);
    if (room.owner) enqueue(() => catchUp(room));
    room.onChange((r, committed) => {
      const before = lastState.get(r.state.sittingId) ?? r.state;
      lastState.set(r.state.sittingId, r.state);
      if (!r.owner || !committed.some((c) => mayWriteFact(c.event))) return;
      // Computed now, from the states of this moment; written in turn after the catch-up.
      const facts = factsOfBatch(r, before, committed);
      enqueue(() => append(r.state.sittingId, facts));
    });
  });
  // A node that becomes a sitting's owner writes what the previous owner had not.
  deps.rooms.onRoomOwned((room) => {
    lastState.set(room.state.sittingId, room.state);
    enqueue(() => catchUp(room));
  });
  return { idle: () => chain };
}
