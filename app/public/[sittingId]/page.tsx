"use client";
// The public live screen: a 1920×1080 wall screen at the back of the chamber, and phones. No sign-in;
// it follows the sitting by itself. Very large type, high contrast, every state said in words.
import { use, useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useSitting } from "@/lib/client/sitting-client";
import type { PublicView } from "@/core/sitting/projection";
import { ConnectionBanner } from "../../components/connection-banner";
import { LocaleSwitch } from "../../components/locale-switch";
import { TallyBars } from "../../components/tally-bars";
import { CHOICE_STYLE, formatDate } from "../../components/format";

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

function QuorumBadge({ view }: { view: PublicView }) {
  const t = useTranslations("attendance");
  const q = view.quorum;
  if (!q) return null;
  return (
    <p className={`rounded-xl px-5 py-3 text-2xl font-bold xl:text-3xl ${q.reached ? "bg-pour text-white" : "bg-contre text-white"}`} data-testid="quorum">
      {q.reached ? "✓ " : "⚠ "}
      {q.reached ? t("quorumReached", { counted: q.counted, required: q.required }) : t("quorumLost", { counted: q.counted, required: q.required })}
    </p>
  );
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
          const surname = m.name
            .replace(/^(M\.|Mme) /, "")
            .split(" ")
            .slice(1)
            .join(" ");
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
                <span className="font-mono">{m.seat}</span> {compact ? surname : m.name.replace(/^(M\.|Mme) /, "")}
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
  const { view, connected, error } = useSitting(sittingId);
  const wide = useWideScreen();
  const t = useTranslations();
  const locale = useLocale();
  if (error) return <main className="p-10 text-2xl">{error}</main>;
  if (!view) return <main className="min-h-screen bg-ink p-10 text-3xl text-white">{t("common.loading")}</main>;
  const current = view.items.find((i) => i.id === view.currentItemId) ?? null;
  const vote = view.vote && view.vote.itemId === current?.id ? view.vote : null;
  const result = current?.result ?? null;
  const rapporteurs = current ? (view.header.rapporteursByItem[current.id] ?? []) : [];
  return (
    <main className="min-h-screen bg-ink text-white" data-testid="public-screen">
      {/* Read from the back of the room: on a wall screen every size grows with the width. */}
      <style>{`@media (min-width: 1600px) { html { font-size: 21px; } } @media (min-width: 2400px) { html { font-size: 28px; } }`}</style>
      <ConnectionBanner connected={connected} />
      <header className="flex flex-wrap items-center justify-between gap-4 border-b border-white/20 px-8 py-4">
        <div>
          <h1 className="text-3xl font-black xl:text-4xl">{view.header.councilName}</h1>
          <p className="text-xl text-slate-200 xl:text-2xl">
            {t("common.sittingOf", { date: formatDate(view.header.date, locale), time: view.header.time })}
            {view.secondConvocation ? ` — ${t("common.secondConvocation")}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-4">
          <p className="rounded-full bg-white px-5 py-2 text-2xl font-bold text-ink" data-testid="sitting-status">
            {t(`status.${view.status}`)}
          </p>
          <LocaleSwitch className="text-white" />
        </div>
      </header>
      <div className="grid gap-8 p-8 xl:grid-cols-[1fr_30rem]">
        <section aria-labelledby="current-item">
          <h2 id="current-item" className="text-xl font-semibold uppercase tracking-wide text-slate-300">
            {t("public.currentItem")}
          </h2>
          {current ? (
            <>
              <p className="mt-2 text-4xl font-black leading-tight xl:text-5xl" data-testid="current-title">
                <span className="mr-3 text-slate-300">
                  {t("common.no")} {current.order}
                </span>
                {current.title}
              </p>
              {rapporteurs.length ? (
                <p className="mt-2 text-2xl text-slate-200">
                  {t("public.rapporteur")} : {rapporteurs.join(", ")}
                </p>
              ) : null}
            </>
          ) : (
            <p className="mt-2 text-4xl font-bold text-slate-200">{view.status === "convened" ? t("public.waiting") : t("public.noItem")}</p>
          )}
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
          {result ? (
            <div className={`mt-6 rounded-2xl p-6 ${result.outcome === "adopted" ? "bg-pour" : "bg-contre"}`} role="status" data-testid="result">
              <p className="text-5xl font-black">
                {result.outcome === "adopted" ? "✓ " : "✕ "}
                {t(`outcome.${result.outcome}`)}
                {result.unanimous ? ` ${t("outcome.unanimous")}` : ""}
              </p>
              <p className="mt-2 text-2xl">{locale === "en" ? result.reasonEn : result.reasonFr}</p>
            </div>
          ) : null}
          {vote?.names && !wide ? <SeatMap view={view} /> : null}
        </section>
        <aside className="space-y-6">
          <QuorumBadge view={view} />
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
            <ol className="space-y-2">
              {view.items.map((it) => (
                <li key={it.id} className={`rounded-lg px-3 py-2 text-lg ${it.id === view.currentItemId ? "bg-white text-ink" : "bg-white/5"}`}>
                  <span className="font-bold">
                    {t("common.no")} {it.order}
                  </span>{" "}
                  {it.title}
                  <span className="block text-base font-semibold">
                    {it.result ? `${t(`outcome.${it.result.outcome}`)} (${it.result.tally.pour}–${it.result.tally.contre})` : t(`itemStatus.${it.status}`)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
      <footer className="px-8 pb-4 font-mono text-sm text-slate-400" data-testid="seal">
        {t("public.seal", { seq: view.seq, hash: view.chainHead.slice(0, 16) })}
      </footer>
    </main>
  );
}
