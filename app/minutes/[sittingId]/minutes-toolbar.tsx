"use client";
// The secretaries' toolbar (#15): headings, bold, italic, lists, undo and redo (the shared document's
// own history: each writer undoes only their own changes), clear formatting, each with its keyboard
// shortcut; and the word count of what the secretaries wrote (the sitting's facts are not counted).
import { Extension, type Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useTranslations } from "next-intl";

/** Ctrl+\ clears the formatting of the selection (marks and block type), as word processors do. */
export const ClearFormatting = Extension.create({
  name: "clearFormatting",
  addKeyboardShortcuts() {
    return { "Mod-\\": () => this.editor.chain().focus().unsetAllMarks().clearNodes().run() };
  },
});

interface ToolState {
  h2: boolean;
  h3: boolean;
  bold: boolean;
  italic: boolean;
  bullets: boolean;
  numbers: boolean;
  canUndo: boolean;
  canRedo: boolean;
  words: number;
}

function read(editor: Editor): ToolState {
  const storage = editor.storage as { characterCount?: { words: () => number } };
  return {
    h2: editor.isActive("heading", { level: 2 }),
    h3: editor.isActive("heading", { level: 3 }),
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    bullets: editor.isActive("bulletList"),
    numbers: editor.isActive("orderedList"),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
    words: storage.characterCount?.words() ?? 0,
  };
}

type Tool = { key: string; label: string; keys: string; aria: string; active?: boolean; disabled?: boolean; run: () => void; look?: string };

export function MinutesToolbar({ editor, canWrite }: { editor: Editor; canWrite: boolean }) {
  const t = useTranslations("minutes.toolbar");
  const s = useEditorState({ editor, selector: ({ editor: e }) => read(e) });
  const chain = () => editor.chain().focus();
  const groups: Tool[][] = [
    [
      { key: "h2", label: t("h2Short"), keys: "Ctrl+Alt+2", aria: "Control+Alt+2", active: s.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
      { key: "h3", label: t("h3Short"), keys: "Ctrl+Alt+3", aria: "Control+Alt+3", active: s.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
    ],
    [
      { key: "bold", label: t("boldShort"), keys: "Ctrl+B", aria: "Control+B", active: s.bold, run: () => chain().toggleBold().run(), look: "font-black" },
      {
        key: "italic",
        label: t("italicShort"),
        keys: "Ctrl+I",
        aria: "Control+I",
        active: s.italic,
        run: () => chain().toggleItalic().run(),
        look: "italic font-serif",
      },
    ],
    [
      { key: "bullets", label: "•", keys: "Ctrl+Maj+8", aria: "Control+Shift+8", active: s.bullets, run: () => chain().toggleBulletList().run() },
      { key: "numbers", label: "1.", keys: "Ctrl+Maj+7", aria: "Control+Shift+7", active: s.numbers, run: () => chain().toggleOrderedList().run() },
    ],
    [
      { key: "undo", label: "↶", keys: "Ctrl+Z", aria: "Control+Z", disabled: !s.canUndo, run: () => chain().undo().run() },
      { key: "redo", label: "↷", keys: "Ctrl+Y", aria: "Control+Y", disabled: !s.canRedo, run: () => chain().redo().run() },
    ],
    [{ key: "clear", label: t("clearShort"), keys: "Ctrl+\\", aria: "Control+\\", run: () => chain().unsetAllMarks().clearNodes().run() }],
  ];
  return (
    <div className="sticky top-0 z-10 flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white/95 px-3 py-2">
      {canWrite ? (
        <div role="toolbar" aria-label={t("label")} className="flex flex-wrap items-center gap-2" data-testid="minutes-toolbar">
          {groups.map((g, i) => (
            <div key={i} className="flex gap-1 border-r border-slate-200 pr-2 last:border-r-0">
              {g.map((tool) => (
                <button
                  key={tool.key}
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={tool.run}
                  disabled={tool.disabled}
                  aria-pressed={tool.active === undefined ? undefined : tool.active}
                  aria-keyshortcuts={tool.aria}
                  aria-label={t(tool.key)}
                  title={`${t(tool.key)} (${tool.keys})`}
                  className={`min-w-10 rounded-md border px-2 py-1.5 text-base ${tool.active ? "border-marianne bg-marianne text-white" : "border-slate-300 bg-white text-ink hover:bg-slate-100"} disabled:opacity-40 ${tool.look ?? "font-semibold"}`}
                >
                  {tool.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      ) : null}
      <p className="ml-auto text-sm text-slate-700" data-testid="word-count" aria-live="off">
        {t("words", { count: s.words })}
      </p>
    </div>
  );
}
