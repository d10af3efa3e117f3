// One fact per seq in the minutes, whatever the nodes did. With several nodes, the fact of an event
// can be written twice: the owner writes it and dies before every peer has it, while a secretary's
// device still holds it; the new owner writes it again on its catch-up, and the device's copy comes
// back when it reconnects. Both survive a Yjs merge. Every node that writes facts keeps, for each
// seq, the first fact in document order (the same one everywhere once the updates are merged) and
// removes the others with the heading and the empty paragraph written with them.
import * as Y from "yjs";
import { FACT_NODE, MINUTES_FRAGMENT } from "../../core/minutes/document";

const isElement = (n: unknown, name: string): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name;

/** The text of a heading (the facts' headings hold one text node). */
function headingText(n: Y.XmlElement): string {
  return n
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? String(c.toString() as unknown) : ""))
    .join("");
}

/** Indexes (in the fragment) of the repeated facts and what was written with them, highest first. */
export function duplicateFactIndexes(doc: Y.Doc): number[] {
  const children = doc.getXmlFragment(MINUTES_FRAGMENT).toArray();
  const headingBefore = new Map<string, string | null>();
  const drop = new Set<number>();
  children.forEach((node, i) => {
    if (!isElement(node, FACT_NODE)) return;
    const seq = String(node.getAttribute("seq"));
    const prev = children[i - 1];
    const heading = isElement(prev, "heading") ? headingText(prev) : null;
    if (!headingBefore.has(seq)) {
      headingBefore.set(seq, heading);
      return;
    }
    drop.add(i);
    if (heading !== null && heading === headingBefore.get(seq) && !drop.has(i - 1)) drop.add(i - 1);
    const next = children[i + 1];
    // The paragraph written after the fact, if nobody wrote in it.
    if (isElement(next, "paragraph") && next.length === 0) drop.add(i + 1);
  });
  return [...drop].sort((a, b) => b - a);
}

/** Removes repeated facts (in one transaction with `origin`); true when something was removed. */
export function dropDuplicateFacts(doc: Y.Doc, origin: unknown): boolean {
  const drop = duplicateFactIndexes(doc);
  if (!drop.length) return false;
  const frag = doc.getXmlFragment(MINUTES_FRAGMENT);
  doc.transact(() => {
    for (const i of drop) frag.delete(i, 1);
  }, origin);
  return true;
}
