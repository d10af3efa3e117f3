"use client";
// The debate as the public (wall screen, phones) and the councillors see it: who has the floor, their
// group and countdown, the next speakers (the rapporteur offered first), and a suspension's planned
// end. Nothing to show (no speaker, no list): nothing is drawn.
import { useLocale, useTranslations } from "next-intl";
import type { DebateView } from "@/core/sitting/debate-view";
import type { PublicView } from "@/core/sitting/projection";
import { currentItem } from "@/lib/client/selectors";
import { councilClock } from "../format";
import { SpeechTimer } from "./speech-timer";

type Next = { key: string; name: string; group: string | null; note: string | null };

/** The next speakers in order: rapporteurs not yet heard, then the item's list. */
export function nextSpeakers(debate: DebateView, t: ReturnType<typeof useTranslations<"debate">>): Next[] {
  return [
    ...debate.rapporteurs.map((r) => ({ key: `r-${r.memberId}`, name: r.name, group: r.group, note: t("kind.rapporteur") })),
    ...debate.queue.map((q) => ({ key: q.requestId, name: q.name, group: q.group, note: q.kind === "point-of-order" ? t("kind.point-of-order") : null })),
  ];
}

export function ResumptionNotice({ debate, variant }: { debate: DebateView; variant: "wall" | "phone" | "console" }) {
  const t = useTranslations("debate");
  const locale = useLocale();
  const r = debate.resumption;
  if (!r) return null;
  const time = councilClock(r.at, debate.timeZone, locale);
  const look = variant === "wall" ? "rounded-xl bg-abst p-5 text-3xl font-bold text-white" : "rounded-lg bg-amber-100 p-3 text-lg font-semibold text-amber-950";
  return (
    <p className={look} role="status" data-testid="resumption">
      {r.due ? `⚠ ${t("resumptionDue", { time })}` : t("resumption", { time })}
    </p>
  );
}

export function SpeakersPanel({ view, clockOffset, variant }: { view: PublicView; clockOffset: number; variant: "wall" | "phone" }) {
  const t = useTranslations("debate");
  const d = view.debate;
  const item = currentItem(view);
  // The list only while the item is debated; a speaker (a point of order during a vote) always.
  const next = item?.status === "called" ? nextSpeakers(d, t) : [];
  const wall = variant === "wall";
  if (!d.current && !next.length) return <ResumptionNotice debate={d} variant={variant} />;
  const shown = next.slice(0, 3);
  return (
    <section aria-labelledby="debate-title" className={wall ? "mt-6 rounded-2xl bg-white/5 px-6 py-5" : "card p-4"} data-testid="speakers-panel">
      <h2
        id="debate-title"
        className={wall ? "text-xl font-semibold tracking-wide text-slate-300 uppercase" : "text-sm font-semibold text-slate-600 uppercase"}
      >
        {t("title")}
      </h2>
      {d.current ? (
        <div className={`mt-2 grid items-center gap-4 ${wall ? "grid-cols-[1fr_auto]" : ""}`} data-testid="current-speaker">
          <div>
            <p className={wall ? "text-4xl leading-tight font-black" : "text-2xl font-bold"}>{d.current.name}</p>
            <p className={wall ? "mt-1 text-2xl text-slate-200" : "text-lg text-slate-700"}>
              {d.current.group ? t("group", { group: d.current.group }) : t("noGroup")}
              {d.current.kind !== "speech" ? ` — ${t(`kind.${d.current.kind}`)}` : ""}
            </p>
          </div>
          <SpeechTimer current={d.current} clockOffset={clockOffset} variant={variant} />
        </div>
      ) : (
        <p className={wall ? "mt-2 text-3xl text-slate-200" : "mt-1 text-lg"}>{t("nobody")}</p>
      )}
      {shown.length ? (
        <div className={wall ? "mt-4" : "mt-3"}>
          <h3 className={wall ? "text-xl font-bold" : "font-semibold"}>{t("next")}</h3>
          <ol className={wall ? "mt-1 space-y-0.5 text-xl" : "mt-1 space-y-1"} data-testid="next-speakers">
            {shown.map((n, i) => (
              <li key={n.key} className="flex flex-wrap gap-x-2">
                <span className="font-mono font-bold">{i + 1}.</span>
                <span className="font-semibold">{n.name}</span>
                {n.group ? <span className={wall ? "text-slate-300" : "text-slate-600"}>({n.group})</span> : null}
                {n.note ? <span className={wall ? "rounded bg-white/15 px-2" : "rounded bg-slate-200 px-2 text-sm"}>{n.note}</span> : null}
              </li>
            ))}
          </ol>
          {next.length > shown.length ? (
            <p className={wall ? "mt-1 text-xl text-slate-300" : "text-sm text-slate-600"}>{t("others", { count: next.length - shown.length })}</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
