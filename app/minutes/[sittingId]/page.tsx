"use client";
// The minutes page: who may write is decided by the server (the same check guards the websocket).
import { use, useCallback, useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { LocaleSwitch } from "../../components/locale-switch";

const MinutesEditor = dynamic(() => import("./minutes-editor").then((m) => m.MinutesEditor), { ssr: false });

export default function MinutesPage({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const t = useTranslations("minutes");
  const [access, setAccess] = useState<{ access: "write" | "read" | "none"; name: string } | null>(null);
  const [heading, setHeading] = useState<string>(sittingId);
  useEffect(() => {
    fetch(`/api/public/sittings/${encodeURIComponent(sittingId)}`)
      .then((r) => r.json() as Promise<{ ok: boolean; data?: { header: { councilName: string; date: string; time: string } } }>)
      .then((j) => {
        if (j.ok && j.data)
          setHeading(
            `${j.data.header.councilName} — ${new Date(`${j.data.header.date}T12:00:00`).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" })}, ${j.data.header.time}`,
          );
      })
      .catch(() => undefined);
  }, [sittingId]);
  const [signedIn, setSignedIn] = useState(false);
  const askAccess = useCallback(() => {
    fetch(`/api/sittings/${encodeURIComponent(sittingId)}/minutes-access`)
      .then((r) => r.json() as Promise<{ ok: boolean; data: { access: "write" | "read" | "none"; name: string; signedIn: boolean } }>)
      .then((j) => {
        const next = j.ok ? { access: j.data.access, name: j.data.name } : { access: "none" as const, name: "" };
        setSignedIn(j.ok && j.data.signedIn);
        // A new object only when something changed: the editor reconnects as what it now is.
        setAccess((prev) => (prev && prev.access === next.access && prev.name === next.name ? prev : next));
      })
      .catch(() => undefined);
  }, [sittingId]);
  useEffect(() => askAccess(), [askAccess]);
  return (
    <main className="mx-auto max-w-7xl p-4">
      <header className="mb-4 flex items-center justify-between">
        <h1 className="text-2xl font-bold text-marianne">
          {t("title")} — {heading}
        </h1>
        <LocaleSwitch />
      </header>
      {access === null ? (
        <p>…</p>
      ) : access.access === "none" ? (
        <p role="alert">403</p>
      ) : (
        <MinutesEditor
          sittingId={sittingId}
          userName={access.name}
          role={access.access === "write" ? "writer" : signedIn ? "reader" : "public"}
          onAccessMaybeChanged={askAccess}
        />
      )}
    </main>
  );
}
