// The TipTap node for a fact the sitting wrote into the minutes (opening, call, result…): shown as
// a locked block, never typed over or deleted from the editor; secretaries write around it.
import { mergeAttributes, Node } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { Node as PmNode } from "@tiptap/pm/model";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

function countFacts(doc: PmNode): number {
  let n = 0;
  doc.descendants((node) => {
    if (node.type.name === "sittingFact") n += 1;
    return node.type.name !== "sittingFact";
  });
  return n;
}

export const SittingFact = Node.create({
  name: "sittingFact",
  group: "block",
  atom: true,
  selectable: false,
  draggable: false,
  addAttributes() {
    return {
      seq: { default: 0 },
      kind: { default: "" },
      text: { default: "", rendered: false },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-sitting-fact]" }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-sitting-fact": "", class: "sitting-fact", contenteditable: "false" }), String(node.attrs.text)];
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("sitting-fact-guard"),
        // Local edits may not remove a fact; changes from the sitting (via Yjs) always pass.
        filterTransaction(tr, state) {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
          return countFacts(tr.doc) >= countFacts(state.doc);
        },
      }),
    ];
  },
});
