// Writes the sitting's facts into its minutes document as they happen: a heading per agenda item
// and a non-editable fact block per opening, call, request, result, suspension and closing.
// Catches up from the event log on load, so a restart neither loses nor repeats a fact.
import * as Y from "yjs";
import { getYDoc } from "@y/websocket-server/utils";
import { factFor, type Fact } from "../../core/minutes/facts";
import type { SittingEvent } from "../../core/sitting/state";
import type { Db } from "../db/client";
import { FACT_NODE, LAST_FACT_SEQ, MINUTES_FRAGMENT, MINUTES_META, minutesDocName } from "../../core/minutes/document";
import type { Logger } from "../ports";
import type { RoomRegistry, SittingRoom } from "../realtime/sitting-room";
import type { YPersistence } from "../yjs/persistence";

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

  async function docOf(sittingId: string): Promise<Y.Doc> {
    const name = minutesDocName(sittingId);
    const doc = getYDoc(name);
    await deps.persistence.whenLoaded(name);
    return doc;
  }

  async function write(room: SittingRoom, committed: readonly { seq: number; event: SittingEvent }[]): Promise<void> {
    const doc = await docOf(room.state.sittingId);
    const meta = doc.getMap<number>(MINUTES_META);
    const last = meta.get(LAST_FACT_SEQ) ?? 0;
    const fresh = committed.filter((c) => c.seq > last);
    const facts = fresh.flatMap(({ seq, event }) => factFor(seq, event, room.state, room.header) ?? []);
    // Events without a fact (a ballot, an approval) leave the document untouched: no update, no row.
    if (!facts.length) return;
    doc.transact(() => {
      for (const fact of facts) appendFact(doc, fact);
      meta.set(LAST_FACT_SEQ, facts[facts.length - 1]!.seq);
    }, FACTS_ORIGIN);
  }

  async function catchUp(room: SittingRoom): Promise<void> {
    const doc = await docOf(room.state.sittingId);
    const last = doc.getMap<number>(MINUTES_META).get(LAST_FACT_SEQ) ?? 0;
    if (last >= room.state.seq) return;
    const rows = await deps.db.sittingEvent.findMany({ where: { sittingId: room.state.sittingId, seq: { gt: last } }, orderBy: { seq: "asc" } });
    await write(
      room,
      rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.payload) as SittingEvent })),
    );
  }

  deps.rooms.onRoomCreated((room) => {
    enqueue(() => catchUp(room));
    room.onChange((r, committed) => {
      if (committed.length) enqueue(() => write(r, committed));
    });
  });
  return { idle: () => chain };
}
