"use client";
// The public live screen: a 1920×1080 wall screen at the back of the chamber, and phones. No sign-in;
// it follows the sitting by itself. Very large type, high contrast, every state said in words.
// Served without Next.js (server/http/wall-page.ts): rendered on the server by wall-render.tsx with the
// sitting as it is (a phone shows it before any script has run), then brought to life in the browser
// by wall-island.tsx, about 100 kB of JavaScript instead of 170.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { useSitting } from "@/lib/client/sitting-client";
import { currentItem, currentVote } from "@/lib/client/selectors";
import { ConnectionBanner } from "../../components/connection-banner";
import { AgendaList } from "../../components/sitting/agenda-list";
import { ItemTitle } from "../../components/sitting/item-title";
import { QuorumBanner } from "../../components/sitting/quorum-banner";
import { SetAsideNote } from "../../components/sitting/set-aside-note";
import { SittingHeader } from "../../components/sitting/sitting-header";
import { StatusPill } from "../../components/sitting/status-pill";
import { PublicVote } from "./public-vote";
import { SeatMap } from "./seat-map";
import { SpeakersPanel } from "../../components/sitting/speakers-panel";

/** A wall screen (≥ 1280 px): the seat map takes the agenda's place beside the tally, no scrolling. */
function useWideScreen(): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia("(min-width: 1280px)");
    const on = () => setWide(mq.matches);
    on();
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  return wide;
}

/** The ordre du jour under its heading: in the side column, or in the wide one before the opening. */
function AgendaSection({ view, wallItems, hidden, className }: { view: PublicView; wallItems: number; hidden?: boolean; className?: string }) {
  const t = useTranslations("public");
  return (
    <section aria-labelledby="agenda" hidden={hidden} className={className}>
      <h2 id="agenda" className="mb-2 text-2xl font-bold">
        {t("agenda")}
      </h2>
      <AgendaList view={view} variant="wall" wallItems={wallItems} />
    </section>
  );
}

/** `initialView`: the sitting as the server rendered the page with it (null: "loading" until the socket brings it). */
export function PublicWall({ sittingId, initialView }: { sittingId: string; initialView: PublicView | null }) {
  const { view, connected, connecting, error, clockOffset } = useSitting(sittingId, initialView);
  const wide = useWideScreen();
  const t = useTranslations();
  if (error) return <main className="p-10 text-2xl">{error}</main>;
  if (!view) return <main className="min-h-screen bg-ink p-10 text-3xl text-white">{t("common.loading")}</main>;
  const current = currentItem(view);
  const vote = currentVote(view);
  const rapporteurs = current ? (view.header.rapporteursByItem[current.id] ?? []) : [];
  const named = !!(vote?.names ?? vote?.picks);
  // A named ballot or a nomination's figures take room: the side column tightens to stay on the wall.
  const dense = named || !!current?.nomination?.rounds.length;
  const beforeOpening = !current && view.status === "convened";
  return (
    <main className="min-h-screen bg-ink text-white" data-testid="public-screen">
      {/* Read from the back of the room: on a wall screen every size grows with the width. */}
      <style>{`@media (min-width: 1600px) { html { font-size: 21px; } } @media (min-width: 2400px) { html { font-size: 28px; } }`}</style>
      {/* Not said while the first connection is being made: the page the server rendered is current. */}
      <ConnectionBanner connected={connected || connecting} />
      <SittingHeader view={view} variant="wall">
        <StatusPill status={view.status} variant="wall" />
      </SittingHeader>
      <div className={`grid grid-cols-1 gap-8 px-8 py-6 ${named ? "xl:grid-cols-[1fr_42rem]" : "xl:grid-cols-[1fr_30rem]"}`}>
        <section aria-labelledby="current-item">
          <h2 id="current-item" className="text-xl font-semibold uppercase tracking-wide text-slate-300">
            {t("public.currentItem")}
          </h2>
          {view.huisClos ? (
            <div className="mt-4 rounded-2xl border-4 border-white/40 p-8" role="status" data-testid="huis-clos">
              <p className="text-6xl font-black">🚪 {t("huisClos.title")}</p>
              <p className="mt-4 text-3xl text-slate-200">{t("huisClos.publicText")}</p>
            </div>
          ) : current ? (
            <>
              <ItemTitle item={current} variant="wall" compact={!!vote || !!current.nomination?.rounds.length} />
              {rapporteurs.length ? (
                <p className="mt-2 text-2xl text-slate-200">
                  {t("public.rapporteur")} : {rapporteurs.join(", ")}
                </p>
              ) : null}
              <SetAsideNote item={current} variant="wall" />
              <PublicVote view={view} vote={vote} item={current} />
            </>
          ) : (
            <p className="mt-2 text-4xl font-bold text-slate-200">{beforeOpening ? t("public.waiting") : t("public.noItem")}</p>
          )}
          {/* Before the opening the public reads the agenda: the wide column holds it, titles whole. */}
          {beforeOpening ? <AgendaSection view={view} wallItems={10} className="mt-8" /> : null}
          <SpeakersPanel view={view} clockOffset={clockOffset} variant="wall" />
          {named && !wide ? <SeatMap view={view} /> : null}
        </section>
        <aside className={dense ? "space-y-4" : "space-y-6"}>
          <QuorumBanner view={view} variant="wall" />
          <dl className="grid grid-cols-3 gap-3 text-center" data-testid="attendance">
            {(
              [
                ["present", view.counts.present],
                ["represented", view.counts.represented],
                ["absent", view.counts.absent],
              ] as const
            ).map(([k, n]) => (
              <div key={k} className={`rounded-xl bg-white/10 ${dense ? "p-2" : "px-1 py-3 sm:p-3"}`}>
                <dt className="text-sm text-slate-200 sm:text-lg">{t(`attendance.${k}`)}</dt>
                <dd className={`${dense ? "text-4xl" : "text-5xl"} font-black tabular-nums`} data-count={k}>
                  {n}
                </dd>
              </div>
            ))}
          </dl>
          {dense ? null : (
            <p className="text-lg text-slate-300">
              {t("attendance.membersInOffice")} : {view.membersInOffice}
            </p>
          )}
          {named && wide ? <SeatMap view={view} compact /> : null}
          {beforeOpening ? null : <AgendaSection view={view} wallItems={dense ? 4 : 5} hidden={named && wide} />}
        </aside>
      </div>
      <footer className="px-8 pb-4 font-mono text-sm text-slate-400" data-testid="seal">
        {t("public.seal", { seq: view.seq, hash: view.chainHead.slice(0, 16) })}
      </footer>
    </main>
  );
}
