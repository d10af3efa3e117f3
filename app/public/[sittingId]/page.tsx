"use client";
// The public live screen: a 1920×1080 wall screen at the back of the chamber, and phones. No sign-in;
// it follows the sitting by itself. Very large type, high contrast, every state said in words.
import { use, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useSitting } from "@/lib/client/sitting-client";
import type { PublicView } from "@/core/sitting/projection";
import { currentItem, currentVote, memberShortName } from "@/lib/client/selectors";
import { ConnectionBanner } from "../../components/connection-banner";
import { TallyBars } from "../../components/tally-bars";
import { CHOICE_STYLE } from "../../components/format";
import { AgendaList } from "../../components/sitting/agenda-list";
import { ItemTitle } from "../../components/sitting/item-title";
import { QuorumBanner } from "../../components/sitting/quorum-banner";
import { ResultBanner } from "../../components/sitting/result-banner";
import { SittingHeader } from "../../components/sitting/sitting-header";
import { StatusPill } from "../../components/sitting/status-pill";
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

function SeatMap({ view, compact = false }: { view: PublicView; compact?: boolean }) {
  const tc = useTranslations("choice");
  const ta = useTranslations("attendance");
  const tcommon = useTranslations("common");
  const t = useTranslations("public");
  const names = view.vote?.names;
  const byMember = new Map<string, string>();
  for (const n of names ?? []) if (!n.onBehalfOf) byMember.set(n.memberId, n.choice);
  const proxyChoice = new Map<string, string>();
  for (const n of names ?? []) if (n.onBehalfOf) proxyChoice.set(n.onBehalfOf, n.choice);
  return (
    <section aria-label={t("seatMap")} className={compact ? "" : "mt-6"}>
      <h2 className="mb-2 text-2xl font-bold">{t("seatMap")}</h2>
      <ol className={compact ? "grid grid-cols-6 gap-1" : "grid grid-cols-3 gap-1.5 sm:grid-cols-6"}>
        {view.roster.map((m) => {
          const choice = (byMember.get(m.id) ?? proxyChoice.get(m.id)) as keyof typeof CHOICE_STYLE | undefined;
          const style = choice ? CHOICE_STYLE[choice] : null;
          const label = style
            ? `${style.symbol} ${compact && choice === "nppv" ? "NPPV" : tc(choice!)}${proxyChoice.has(m.id) ? ` (${tcommon("byProxy")})` : ""}`
            : ta(`${m.attendance === "unknown" ? "unknown" : m.attendance + "One"}` as "presentOne");
          return (
            <li
              key={m.id}
              title={m.name}
              className={`overflow-hidden rounded-md leading-tight ${compact ? "px-1 py-0.5 text-[0.6rem]" : "px-2 py-1 text-sm"} ${style ? `${style.bg} text-white` : m.attendance === "present" ? "bg-slate-700 text-white" : "bg-slate-900 text-slate-400"}`}
              data-member={m.id}
              data-choice={choice ?? ""}
            >
              <span className={compact ? "block truncate" : ""}>
                <span className="font-mono">{m.seat}</span> {compact ? m.lastName : memberShortName(m)}
              </span>
              <span className="block truncate font-semibold">{label}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export default function PublicScreen({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const { view, connected, error, clockOffset } = useSitting(sittingId);
  const wide = useWideScreen();
  const t = useTranslations();
  if (error) return <main className="p-10 text-2xl">{error}</main>;
  if (!view) return <main className="min-h-screen bg-ink p-10 text-3xl text-white">{t("common.loading")}</main>;
  const current = currentItem(view);
  const vote = currentVote(view);
  const result = current?.result ?? null;
  const rapporteurs = current ? (view.header.rapporteursByItem[current.id] ?? []) : [];
  return (
    <main className="min-h-screen bg-ink text-white" data-testid="public-screen">
      {/* Read from the back of the room: on a wall screen every size grows with the width. */}
      <style>{`@media (min-width: 1600px) { html { font-size: 21px; } } @media (min-width: 2400px) { html { font-size: 28px; } }`}</style>
      <ConnectionBanner connected={connected} />
      <SittingHeader view={view} variant="wall">
        <StatusPill status={view.status} variant="wall" />
      </SittingHeader>
      <div className="grid gap-8 p-8 xl:grid-cols-[1fr_30rem]">
        <section aria-labelledby="current-item">
          <h2 id="current-item" className="text-xl font-semibold uppercase tracking-wide text-slate-300">
            {t("public.currentItem")}
          </h2>
          {current ? (
            <>
              <ItemTitle item={current} variant="wall" />
              {rapporteurs.length ? (
                <p className="mt-2 text-2xl text-slate-200">
                  {t("public.rapporteur")} : {rapporteurs.join(", ")}
                </p>
              ) : null}
            </>
          ) : (
            <p className="mt-2 text-4xl font-bold text-slate-200">{view.status === "convened" ? t("public.waiting") : t("public.noItem")}</p>
          )}
          <SpeakersPanel view={view} clockOffset={clockOffset} variant="wall" />
          {current?.status === "deferred" && current.call ? (
            <p className="mt-6 rounded-xl bg-contre p-5 text-3xl font-bold" role="status">
              ⚠ {t("public.deferred")}
            </p>
          ) : null}
          {vote ? (
            <div className="mt-8 rounded-2xl bg-white/5 p-6" aria-live="polite">
              <div className="mb-4 flex flex-wrap items-baseline justify-between gap-3">
                <p className="text-3xl font-bold">
                  {t(`mode.${vote.mode}`)} — {vote.status === "open" ? t("itemStatus.voting") : t("itemStatus.decided")}
                </p>
                <p className="text-2xl text-slate-200" data-testid="ballots-cast">
                  {t("public.ballotsCast", { cast: vote.ballotsCast, expected: vote.expected })}
                </p>
              </div>
              {vote.tally ? <TallyBars tally={vote.tally} /> : <p className="text-3xl font-semibold text-slate-200">🔒 {t("public.hiddenUntilClose")}</p>}
            </div>
          ) : null}
          {result ? <ResultBanner result={result} variant="wall" /> : null}
          {vote?.names && !wide ? <SeatMap view={view} /> : null}
        </section>
        <aside className="space-y-6">
          <QuorumBanner view={view} variant="wall" />
          <dl className="grid grid-cols-3 gap-3 text-center" data-testid="attendance">
            {(
              [
                ["present", view.counts.present],
                ["represented", view.counts.represented],
                ["absent", view.counts.absent],
              ] as const
            ).map(([k, n]) => (
              <div key={k} className="rounded-xl bg-white/10 p-3">
                <dt className="text-lg text-slate-200">{t(`attendance.${k}`)}</dt>
                <dd className="text-5xl font-black tabular-nums" data-count={k}>
                  {n}
                </dd>
              </div>
            ))}
          </dl>
          <p className="text-lg text-slate-300">
            {t("attendance.membersInOffice")} : {view.membersInOffice}
          </p>
          {vote?.names && wide ? <SeatMap view={view} compact /> : null}
          <section aria-labelledby="agenda" hidden={!!vote?.names && wide}>
            <h2 id="agenda" className="mb-2 text-2xl font-bold">
              {t("public.agenda")}
            </h2>
            <AgendaList view={view} variant="wall" />
          </section>
        </aside>
      </div>
      <footer className="px-8 pb-4 font-mono text-sm text-slate-400" data-testid="seal">
        {t("public.seal", { seq: view.seq, hash: view.chainHead.slice(0, 16) })}
      </footer>
    </main>
  );
}
