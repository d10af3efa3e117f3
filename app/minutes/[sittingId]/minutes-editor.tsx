"use client";
// The shared procès-verbal: a TipTap editor bound to the sitting's Yjs document over the server's
// Yjs websocket, with named coloured carets and the list of who is connected.
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount } from "@tiptap/extensions";
import * as Y from "yjs";
import type { MinutesNotice } from "@/core/minutes/document";
import { openMinutesProvider, type MinutesRole } from "@/lib/client/minutes-provider";
import { SittingFact } from "./sitting-fact";
import { ClearFormatting, MinutesToolbar } from "./minutes-toolbar";
import { DeskPanel } from "./desk-panel";

const COLORS = ["#b3261e", "#11703a", "#000091", "#8a5a00", "#6d28d9", "#0e7490", "#be185d"];

function colorFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] ?? "#000091";
}

/**
 * `role` is what the server granted (it checks the same rule on the websocket); when the connection
 * drops, `onAccessMaybeChanged` lets the page ask again (after an approval, writers become readers).
 */
export function MinutesEditor({
  sittingId,
  userName,
  role,
  onAccessMaybeChanged,
}: {
  sittingId: string;
  userName: string;
  role: MinutesRole;
  onAccessMaybeChanged: () => void;
}) {
  const t = useTranslations("minutes");
  const canWrite = role === "writer";
  const [notice, setNotice] = useState<MinutesNotice | null>(null);
  const { doc, provider } = useMemo(() => {
    const doc = new Y.Doc();
    const serverUrl = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}`;
    const provider = openMinutesProvider(sittingId, doc, { role, serverUrl, maxBackoffTime: 2000, onNotice: setNotice });
    return { doc, provider };
  }, [sittingId, role]);
  const [synced, setSynced] = useState(false);
  const [peers, setPeers] = useState<{ name: string; color: string }[]>([]);

  useEffect(() => {
    const onSync = (s: boolean) => setSynced(s);
    const onStatus = ({ status }: { status: string }) => {
      if (status !== "connected") setSynced(false);
    };
    // The server closes connections when the minutes' access changes (an approval): ask again.
    const onClose = () => onAccessMaybeChanged();
    const onAwareness = () => {
      const states = [...provider.awareness.getStates().values()] as { user?: { name: string; color: string } }[];
      setPeers(states.flatMap((s) => (s.user ? [s.user] : [])));
    };
    // The browser says when the network goes: stop sending, keep typing locally, merge on return.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    provider.on("sync", onSync);
    provider.on("status", onStatus);
    provider.on("connection-close", onClose);
    provider.awareness.on("change", onAwareness);
    // The first sync may have happened before this effect ran.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the provider's state once, then its events keep it
    setSynced(provider.synced);
    onAwareness();
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.off("sync", onSync);
      provider.off("status", onStatus);
      provider.off("connection-close", onClose);
      provider.awareness.off("change", onAwareness);
      provider.destroy();
      doc.destroy();
    };
  }, [provider, doc, onAccessMaybeChanged]);

  const user = useMemo(() => ({ name: userName, color: colorFor(userName) }), [userName]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canWrite,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        SittingFact,
        CharacterCount,
        ClearFormatting,
        Collaboration.configure({ document: doc }),
        // The public is not shown as present (its provider sends no presence).
        ...(role === "public" ? [] : [CollaborationCaret.configure({ provider, user })]),
      ],
      editorProps: {
        attributes: { class: "prose max-w-none min-h-[60vh] p-6 focus:outline-none", "aria-label": t("title"), role: "textbox", "aria-multiline": "true" },
      },
    },
    [doc, provider, canWrite, role],
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span
          data-testid="sync-status"
          data-synced={synced ? "yes" : "no"}
          className={`rounded-full px-3 py-1 font-semibold ${synced ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
        >
          {synced ? `✓ ${t("synced")}` : t("syncing")}
        </span>
        {!canWrite ? <span className="rounded-full bg-slate-200 px-3 py-1 font-semibold">{t("readOnly")}</span> : null}
        {notice?.code === "too-large" ? (
          <span role="alert" className="rounded-full bg-red-100 px-3 py-1 font-semibold text-red-900">
            {t("tooLarge", { mb: Math.round(notice.limitBytes / 1024 / 1024) })}
          </span>
        ) : null}
        <span className="font-semibold">{t("connected")} :</span>
        <ul className="flex flex-wrap gap-2" data-testid="peers">
          {peers.map((p, i) => (
            <li key={`${p.name}-${i}`} className="rounded-full px-2 py-0.5 text-white" style={{ backgroundColor: p.color }}>
              {p.name}
            </li>
          ))}
        </ul>
      </div>
      <div className={canWrite ? "grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]" : ""}>
        <div className="card" data-testid="minutes-editor">
          {editor ? <MinutesToolbar editor={editor} canWrite={canWrite} /> : null}
          <EditorContent editor={editor} />
        </div>
        {canWrite ? <DeskPanel sittingId={sittingId} doc={doc} /> : null}
      </div>
    </div>
  );
}
