"use client";
// The wall screen's vote: what it decides, "N votes sur M" (kept after the close), the tally — four big
// bars while it runs, one compact row once the result stands beside it so both fit on 1080 pixels — or a
// nomination round's figures, and the result with its legal reason.
import { useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import type { ViewItem, ViewVote } from "@/lib/client/selectors";
import { CHOICES, CHOICE_STYLE } from "../../components/format";
import { NominationFigures } from "../../components/sitting/nomination-figures";
import { ResultBanner } from "../../components/sitting/result-banner";
import { VoteSubject } from "../../components/sitting/vote-subject";
import { TallyBars } from "../../components/tally-bars";

function TallyRow({ tally }: { tally: NonNullable<ViewVote["tally"]> }) {
  const t = useTranslations("choice");
  const tp = useTranslations("public");
  return (
    // Two tiles a row on a phone: four words as large as these do not fit across 390 px.
    <dl className="grid grid-cols-2 gap-3 text-center sm:grid-cols-4" aria-label={tp("tally")}>
      {CHOICES.map((c) => (
        <div key={c} className="rounded-xl bg-white/10 px-2 py-2">
          <dt className="text-base font-bold whitespace-nowrap sm:text-lg">
            <span aria-hidden="true">{CHOICE_STYLE[c].symbol} </span>
            {c === "nppv" ? t("nppvShort") : t(c)}
          </dt>
          <dd className="text-5xl font-black tabular-nums" data-choice={c}>
            {tally[c]}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function NominationResult({ item }: { item: ViewItem }) {
  const t = useTranslations("nomination");
  const n = item.nomination;
  const round = n?.rounds[n.rounds.length - 1];
  if (!n || !round) return null;
  const labelOf = (id: string) => n.candidates.find((c) => c.id === id)?.label ?? id;
  const elected = round.electedId ? labelOf(round.electedId) : null;
  return (
    <div className={`mt-4 rounded-2xl p-4 ${elected ? "bg-pour" : "bg-white/10"}`} role="status" data-testid="result">
      <p className="mb-2 text-4xl font-black">{elected ? `★ ${t("elected", { name: elected })}` : t("noWinner")}</p>
      <NominationFigures round={round} labelOf={labelOf} variant="wall" />
    </div>
  );
}

export function PublicVote({ view, vote, item }: { view: PublicView; vote: ViewVote | null; item: ViewItem | null }) {
  const t = useTranslations();
  const proclaimedRound = !!item?.nomination?.rounds.length && (vote?.status === "proclaimed" || !vote);
  const result = item?.result && vote?.status !== "open" && !vote?.subject ? item.result : null;
  const motion = vote?.subject?.kind === "huis-clos" ? view.closedSessions.find((c) => c.voteId === vote.id)?.result : null;
  const amendment =
    vote?.subject?.kind === "amendment" ? item?.amendments.find((a) => a.id === (vote.subject as { amendmentId: string }).amendmentId)?.result : null;
  const decided = result ?? motion ?? amendment ?? null;
  if (item?.kind === "election" && proclaimedRound) return <NominationResult item={item} />;
  return (
    <>
      {vote ? (
        <div className="mt-5 rounded-2xl bg-white/5 p-5" aria-live="polite">
          <VoteSubject vote={vote} item={item} className="mb-2 text-2xl font-bold text-amber-200" />
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-3">
            <p className="text-3xl font-bold">
              {t(`mode.${vote.mode}`)} —{" "}
              {vote.status === "open" ? t("itemStatus.voting") : vote.status === "cancelled" ? t("vote.cancelled") : t("vote.closed")}
            </p>
            <p className="text-2xl text-slate-200" data-testid="ballots-cast">
              {t("public.ballotsCast", { cast: vote.ballotsCast, expected: vote.expected })}
            </p>
          </div>
          {vote.cancelled ? (
            <p className="text-2xl font-semibold text-amber-200">{t("vote.cancelledWhy", { reason: vote.cancelled.reason })}</p>
          ) : vote.nomination ? (
            vote.nomination.votes ? (
              <p className="text-2xl">
                {vote.nomination.candidates.map((c, i) => `${c.label} : ${t("nomination.votes", { n: vote.nomination?.votes?.[i] ?? 0 })}`).join(" · ")}
              </p>
            ) : (
              <p className="text-3xl font-semibold text-slate-200">🔒 {t("public.hiddenUntilClose")}</p>
            )
          ) : vote.tally ? (
            decided ? (
              <TallyRow tally={vote.tally} />
            ) : (
              <TallyBars tally={vote.tally} />
            )
          ) : (
            <p className="text-3xl font-semibold text-slate-200">🔒 {t("public.hiddenUntilClose")}</p>
          )}
        </div>
      ) : null}
      {decided ? <ResultBanner result={decided} variant="wall" /> : null}
    </>
  );
}
