"use client";
// The shared procès-verbal: a TipTap editor bound to the sitting's Yjs document over the server's
// Yjs websocket, with named coloured carets and the list of who is connected.
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { SittingFact } from "./sitting-fact";

const COLORS = ["#b3261e", "#11703a", "#000091", "#8a5a00", "#6d28d9", "#0e7490", "#be185d"];

function colorFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] ?? "#000091";
}

export function MinutesEditor({ sittingId, userName, canWrite }: { sittingId: string; userName: string; canWrite: boolean }) {
  const t = useTranslations("minutes");
  const { doc, provider } = useMemo(() => {
    const doc = new Y.Doc();
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/yjs`;
    const provider = new WebsocketProvider(url, `minutes-${sittingId}`, doc, { maxBackoffTime: 2000 });
    return { doc, provider };
  }, [sittingId]);
  const [synced, setSynced] = useState(false);
  const [peers, setPeers] = useState<{ name: string; color: string }[]>([]);

  useEffect(() => {
    const onSync = (s: boolean) => setSynced(s);
    const onStatus = ({ status }: { status: string }) => {
      if (status !== "connected") setSynced(false);
    };
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
    provider.awareness.on("change", onAwareness);
    // The first sync may have happened before this effect ran.
    setSynced(provider.synced);
    onAwareness();
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.off("sync", onSync);
      provider.off("status", onStatus);
      provider.awareness.off("change", onAwareness);
      provider.destroy();
      doc.destroy();
    };
  }, [provider, doc]);

  const user = useMemo(() => ({ name: userName, color: colorFor(userName) }), [userName]);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canWrite,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        SittingFact,
        Collaboration.configure({ document: doc }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: {
        attributes: { class: "prose max-w-none min-h-[60vh] p-6 focus:outline-none", "aria-label": t("title"), role: "textbox", "aria-multiline": "true" },
      },
    },
    [doc, provider, canWrite],
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
        <span className="font-semibold">{t("connected")} :</span>
        <ul className="flex flex-wrap gap-2" data-testid="peers">
          {peers.map((p, i) => (
            <li key={`${p.name}-${i}`} className="rounded-full px-2 py-0.5 text-white" style={{ backgroundColor: p.color }}>
              {p.name}
            </li>
          ))}
        </ul>
      </div>
      <div className="card" data-testid="minutes-editor">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
