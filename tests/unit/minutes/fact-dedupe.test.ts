// CLUSTER-4: a fact written twice (two owners one after the other, the old one's copy brought back
// by a device that held it) is kept once, the same one on every replica, with the words written
// around it; a secretary's paragraph is never removed.
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FACT_NODE, MINUTES_FRAGMENT } from "../../../core/minutes/document";
import type { Fact } from "../../../core/minutes/facts";
import { duplicateFactIndexes, dropDuplicateFacts } from "../../../server/minutes/fact-dedupe";
import { appendFact } from "../../../server/minutes/facts-writer";

const call = (seq: number): Fact => ({ seq, kind: "item-call", heading: `Point ${seq}`, text: `Appel du point ${seq}` });
const opening: Fact = { seq: 1, kind: "opening", heading: null, text: "Ouverture" };

/** Top-level nodes as text: "fact:<seq>", "heading:<text>", "p:<text>". */
function outline(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .toArray()
    .map((n) => {
      if (!(n instanceof Y.XmlElement)) return "text";
      if (n.nodeName === FACT_NODE) return `fact:${String(n.getAttribute("seq"))}`;
      return `${n.nodeName === "heading" ? "heading" : "p"}:${n
        .toArray()
        .map((c) => (c instanceof Y.XmlText ? String(c.toString() as unknown) : ""))
        .join("")}`;
    });
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

describe("one fact per seq in the minutes", () => {
  it("CLUSTER-4 the same fact written on two replicas is kept once, the same on both, with its heading and empty paragraph removed", () => {
    const base = new Y.Doc();
    appendFact(base, opening);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    // The old owner (a) and the new one (b) both write the fact of seq 2; a secretary writes on b.
    appendFact(a, call(2));
    appendFact(b, call(2));
    const frag = b.getXmlFragment(MINUTES_FRAGMENT);
    const words = new Y.XmlElement("paragraph");
    words.insert(0, [new Y.XmlText("Le maire présente le point.")]);
    frag.push([words]);
    sync(a, b);
    expect(outline(a).filter((n) => n === "fact:2")).toHaveLength(2);
    expect(duplicateFactIndexes(a)).toEqual(duplicateFactIndexes(b));
    // Each replica removes the repeat on its own; the merge agrees.
    expect(dropDuplicateFacts(a, "test")).toBe(true);
    expect(dropDuplicateFacts(b, "test")).toBe(true);
    sync(a, b);
    expect(outline(a)).toEqual(outline(b));
    expect(outline(a).filter((n) => n.startsWith("fact:"))).toEqual(["fact:1", "fact:2"]);
    expect(outline(a).filter((n) => n === "heading:Point 2")).toHaveLength(1);
    expect(outline(a)).toContain("p:Le maire présente le point.");
    expect(dropDuplicateFacts(a, "test")).toBe(false);
  });

  it("CLUSTER-4 a paragraph a secretary wrote after the repeated fact stays", () => {
    const doc = new Y.Doc();
    appendFact(doc, call(3));
    const other = new Y.Doc();
    appendFact(other, call(3));
    const frag = other.getXmlFragment(MINUTES_FRAGMENT);
    const last = frag.get(frag.length - 1) as Y.XmlElement;
    last.insert(0, [new Y.XmlText("Débat")]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    dropDuplicateFacts(doc, "test");
    const facts = outline(doc).filter((n) => n.startsWith("fact:"));
    expect(facts).toEqual(["fact:3"]);
    expect(outline(doc)).toContain("p:Débat");
  });
});
