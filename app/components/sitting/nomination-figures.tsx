"use client";
// A nomination round's figures as every screen states them (L2121-21): votants, blank or spoilt,
// suffrages exprimés, the absolute majority (rounds 1 and 2), each candidate's votes — and who is
// elected, with the rules engine's sentence in the screen's language.
import { useLocale, useTranslations } from "next-intl";
import type { NominationRound } from "@/core/sitting/state-parts";

export function NominationFigures({
  round,
  labelOf,
  variant,
}: {
  round: NominationRound;
  labelOf: (candidateId: string) => string;
  variant: "console" | "wall" | "phone";
}) {
  const t = useTranslations("nomination");
  const locale = useLocale();
  const f = round.figures;
  const wall = variant === "wall";
  const max = Math.max(1, ...f.voix.map((v) => v.votes));
  const rows: [string, number | null][] = [
    [t("votants"), f.votants],
    [t("blancs"), f.blancsNuls],
    [t("exprimes"), f.exprimes],
    [t("majorite"), f.majoriteAbsolue],
  ];
  return (
    <div className={wall ? "space-y-3" : "space-y-2"} data-testid="nomination-figures">
      <p className={wall ? "text-2xl font-bold" : "text-lg font-bold"}>{t("roundTitle", { round: round.round, seat: round.seat })}</p>
      <dl className={`grid gap-2 ${wall ? "grid-cols-4 text-center" : "grid-cols-2 sm:grid-cols-4"}`}>
        {rows
          .filter(([, v]) => v !== null)
          .map(([label, v]) => (
            <div key={label} className={wall ? "rounded-xl bg-white/10 px-2 py-1" : "rounded-lg bg-slate-100 p-2"}>
              <dt className={wall ? "text-lg leading-tight text-slate-200" : "text-sm text-slate-700"}>{label}</dt>
              <dd className={wall ? "text-4xl font-black tabular-nums" : "text-2xl font-black tabular-nums"}>{v}</dd>
            </div>
          ))}
      </dl>
      <ul className={wall ? "space-y-2" : "space-y-1"} aria-label={t("votesPerCandidate")}>
        {f.voix.map((v) => {
          const elected = v.candidateId === round.electedId;
          return (
            <li
              key={v.candidateId}
              className={`grid items-center gap-3 ${wall ? "grid-cols-[auto_1fr_auto] text-2xl" : "grid-cols-[minmax(10rem,1fr)_2fr_auto] text-lg"}`}
            >
              <span className="font-bold">
                {elected ? "★ " : ""}
                {labelOf(v.candidateId)}
              </span>
              <span className={`block rounded ${wall ? "h-8 bg-white/10" : "h-4 bg-slate-200"}`} aria-hidden="true">
                <span
                  className={`block h-full rounded ${wall ? (elected ? "bg-white" : "bg-slate-400") : elected ? "bg-pour" : "bg-slate-500"}`}
                  style={{ width: `${(v.votes / max) * 100}%` }}
                />
              </span>
              <span className="text-right font-black tabular-nums">{t("votes", { n: v.votes })}</span>
            </li>
          );
        })}
      </ul>
      <p className={`${wall ? "text-xl" : "text-base"} font-semibold`} data-testid="nomination-reason">
        {locale === "en" ? round.reasonEn : round.reasonFr}
      </p>
    </div>
  );
}
