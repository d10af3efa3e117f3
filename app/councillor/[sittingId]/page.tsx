"use client";
// The councillor's device (phone first): check in, read the item, vote with four large buttons,
// a separate panel for a mandant's ballot, and a receipt once the server has it on disk.
import { use } from "react";
import { useTranslations } from "next-intl";
import { useSitting } from "@/lib/client/sitting-client";
import { useAgenda } from "@/lib/client/use-agenda";
import { useCommand } from "@/lib/client/use-command";
import { currentItem, openVote } from "@/lib/client/selectors";
import { ItemTitle } from "../../components/sitting/item-title";
import { ResultBanner } from "../../components/sitting/result-banner";
import { StatusPill } from "../../components/sitting/status-pill";
import { ConnectionBanner } from "../../components/connection-banner";
import { LocaleSwitch } from "../../components/locale-switch";
import { ItemText } from "../../components/item-text";
import { BallotPanel } from "../../components/ballot-panel";
import { FloorRequest } from "../../components/sitting/floor-request";
import { NominationBallot } from "../../components/nomination-ballot";
import { NominationFigures } from "../../components/sitting/nomination-figures";
import { SetAsideNote } from "../../components/sitting/set-aside-note";
import { VoteSubject } from "../../components/sitting/vote-subject";
import { ConvocationReader } from "../../components/convocation-reader";

export default function CouncillorPage({ params }: { params: Promise<{ sittingId: string }> }) {
  const { sittingId } = use(params);
  const { view, me, connected, send, error, clockOffset } = useSitting(sittingId);
  const agenda = useAgenda(sittingId, view?.convocation.agendaPublic);
  const t = useTranslations();
  const { run, notice } = useCommand(send);
  if (error) return <main className="p-6">{error}</main>;
  if (!view) return <main className="p-6">{t("common.loading")}</main>;
  const current = currentItem(view);
  const text = current ? agenda.find((a) => a.id === current.id) : undefined;
  const vote = openVote(view);
  const recused = !!current && !!me?.interests.includes(current.id);
  const nomination = current?.nomination;
  const lastRound = nomination?.rounds[nomination.rounds.length - 1];
  // The president chose to vote now: the others' turn is over (PRES-2), said rather than refused.
  const turnOver = !!vote?.othersClosed && me?.memberId !== view.presidentMemberId;
  return (
    <main className="mx-auto min-h-screen max-w-2xl pb-10">
      <ConnectionBanner connected={connected} />
      <PhoneHeader councilName={view.header.councilName} name={me?.name ?? t("councillor.title")} connected={connected} />
      <div className="space-y-4 p-4">
        <StatusPill status={view.status} variant="phone" />
        {/* Before the sitting: the convocation, the agenda and each item's texts (#19.5). */}
        {view.status === "convened" ? <ConvocationReader source={{ kind: "device", sittingId }} /> : null}
        {me && !me.present ? (
          <div className="card space-y-3 p-4">
            <p>{t("councillor.notPresent")}</p>
            {me.canCheckIn ? (
              <button type="button" className="btn btn-primary w-full py-4 text-xl" onClick={() => void run({ type: "rollcall:check-in" })}>
                {t("councillor.checkIn")}
              </button>
            ) : null}
          </div>
        ) : me ? (
          <p className="rounded-lg bg-green-100 px-3 py-2 font-semibold text-green-900">✓ {t("councillor.checkedIn")}</p>
        ) : null}
        {notice ? (
          <p role="alert" className="rounded-lg bg-amber-100 p-3">
            {notice}
          </p>
        ) : null}
        {view.huisClos ? <p className="rounded-lg bg-ink px-3 py-2 font-semibold text-white">🚪 {t("huisClos.councilText")}</p> : null}
        <FloorRequest view={view} me={me} clockOffset={clockOffset} run={run} />
        {vote && me ? (
          <div className="space-y-4" data-testid="vote-area">
            {current ? (
              <a href="#item-title" className="btn btn-secondary w-full">
                {t("convocation.member.itemText", { order: current.order })}
              </a>
            ) : null}
            <p className="text-lg font-bold">
              {t(`mode.${vote.mode}`)} — {t("itemStatus.voting")}
              {current ? (
                <span className="block text-base font-semibold text-slate-700">
                  {t("common.no")} {current.order} — {current.title}
                </span>
              ) : null}
            </p>
            <VoteSubject vote={vote} item={current} className="rounded-lg bg-blue-50 p-2 font-semibold text-marianne" />
            {turnOver ? <p className="card p-4 font-semibold">{t("councillor.turnOver")}</p> : null}
            {me.entitlements.length === 0 ? <p className="card p-4">{recused ? t("councillor.recused") : t("councillor.notPresent")}</p> : null}
            {turnOver
              ? null
              : me.entitlements.map((e) =>
                  vote.nomination ? (
                    <NominationBallot key={e.onBehalfOf || "own"} vote={vote} ent={e} send={send} />
                  ) : (
                    <BallotPanel key={e.onBehalfOf || "own"} vote={vote} ent={e} send={send} timeZone={view.debate.timeZone} />
                  ),
                )}
          </div>
        ) : (
          <p className="card p-4 text-slate-700">{t("councillor.noVote")}</p>
        )}
        {current ? (
          <section className="card p-4" aria-labelledby="item-title">
            <p className="text-sm font-semibold uppercase text-slate-600">
              {t("common.no")} {current.order}
            </p>
            <ItemTitle item={current} variant="phone" />
            <SetAsideNote item={current} variant="phone" />
            {text ? <ItemText item={text} /> : null}
          </section>
        ) : (
          <p className="card p-4">{t("public.noItem")}</p>
        )}
        {current && current.status === "called" && me?.present ? (
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn btn-secondary" onClick={() => void run({ type: "ballot-mode:request", itemId: current.id, mode: "public" })}>
              {t("councillor.requestPublic")}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => void run({ type: "ballot-mode:request", itemId: current.id, mode: "secret" })}>
              {t("councillor.requestSecret")}
            </button>
            {!recused ? (
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => void run({ type: "interest:declare", itemId: current.id, memberId: me.memberId })}
              >
                {t("councillor.declareInterest")}
              </button>
            ) : null}
          </div>
        ) : null}
        {lastRound && !vote && nomination ? (
          <section className="card p-4">
            <NominationFigures round={lastRound} labelOf={(id) => nomination.candidates.find((c) => c.id === id)?.label ?? id} variant="phone" />
          </section>
        ) : null}
        {view.vote && view.vote.status !== "open" && current?.result && !nomination ? <ResultBanner result={current.result} variant="phone" /> : null}
      </div>
    </main>
  );
}

function PhoneHeader({ councilName, name, connected }: { councilName: string; name: string; connected: boolean }) {
  const t = useTranslations();
  return (
    <header className="flex items-center justify-between bg-marianne px-4 py-3 text-white">
      <div>
        <p className="text-sm">{councilName}</p>
        <h1 className="text-lg font-bold">{name}</h1>
      </div>
      <div className="flex items-center gap-2">
        <span className="text-sm">{connected ? `● ${t("common.online")}` : "○"}</span>
        <LocaleSwitch className="text-white" />
      </div>
    </header>
  );
}
