"use client";
// The item under discussion on the console: its title and figures at the call, why it was set aside,
// then — first, so a tablet never scrolls to them — the vote under way; otherwise its amendments or its
// nomination, opening a vote (or a motion for huis clos), withdrawing or deferring it; its result; its text.
import { useTranslations } from "next-intl";
import type { AgendaText } from "@/core/api/public";
import type { CommandBody } from "@/core/sitting/protocol";
import type { ChairView, MemberView, PublicView } from "@/core/sitting/projection";
import { currentItem, currentVote, memberName } from "@/lib/client/selectors";
import type { SendReply } from "@/lib/client/sitting-client";
import { ConfirmButton } from "../../components/confirm-button";
import { ItemText } from "../../components/item-text";
import { ReasonButton } from "../../components/reason-button";
import { ItemTitle } from "../../components/sitting/item-title";
import { ResultBanner } from "../../components/sitting/result-banner";
import { SetAsideNote } from "../../components/sitting/set-aside-note";
import { AmendmentsPanel } from "./amendments-panel";
import { NominationPanel } from "./nomination-panel";
import { OpenVoteForm } from "./open-vote-form";
import type { Send } from "./send";
import { VoteControl } from "./vote-control";

export function CurrentItemPanel(props: {
  view: PublicView;
  agenda: AgendaText[];
  me: MemberView | null;
  chair: ChairView | null;
  run: Send;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}) {
  const { view, agenda, run } = props;
  const t = useTranslations();
  const current = currentItem(view);
  const vote = currentVote(view);
  const text = current ? agenda.find((a) => a.id === current.id) : undefined;
  const voting = vote?.status === "open" || vote?.status === "closed";
  const onFloor = current?.status === "called" && view.status === "opened";
  // The last motion for huis clos voted on this item, while it is the last vote shown.
  const motion = vote?.subject?.kind === "huis-clos" ? view.closedSessions.find((c) => c.voteId === vote.id) : undefined;
  return (
    <section className="card space-y-3 p-4" aria-labelledby="current">
      <h2 id="current" className="text-sm font-semibold uppercase text-slate-600">
        {t("public.currentItem")}
      </h2>
      {current ? (
        <>
          <ItemTitle item={current} variant="console" />
          <SetAsideNote item={current} variant="console" />
          {current.call ? (
            <p className="text-sm text-slate-700">
              {t("attendance.present")} {current.call.presentIds.length} · {t("attendance.represented")} {current.call.proxies.length}
              {current.call.recusedIds.length ? ` · ${t("president.interest")} : ${current.call.recusedIds.map((id) => memberName(view, id)).join(", ")}` : ""}
              {current.ballotRequests.public || current.ballotRequests.secret
                ? ` · ${t("president.requests", { public: current.ballotRequests.public, secret: current.ballotRequests.secret })}`
                : ""}
            </p>
          ) : null}
          {vote && (voting || vote.status === "cancelled") ? (
            <VoteControl view={view} item={current} vote={vote} me={props.me} chair={props.chair} run={run} send={props.send} />
          ) : null}
          {current.kind === "election" ? <NominationPanel view={view} item={current} run={run} voteOpen={voting} /> : null}
          {current.kind !== "election" && (current.amendments.length || onFloor) ? (
            <AmendmentsPanel view={view} item={current} run={run} voteOpen={voting} />
          ) : null}
          {onFloor && !voting && current.kind !== "election" && !current.amendments.some((a) => a.status === "pending") ? (
            <OpenVoteForm item={current} run={run} />
          ) : null}
          {onFloor && !voting ? (
            <div className="flex flex-wrap gap-2" data-testid="item-actions">
              {!view.huisClos ? (
                <ConfirmButton
                  className="btn btn-secondary"
                  label={t("huisClos.ask")}
                  question={t("huisClos.askConfirm")}
                  onConfirm={() => void run({ type: "vote:open", itemId: current.id, motion: "huis-clos", mode: "public", reveal: "live" })}
                />
              ) : null}
              <ReasonButton
                label={t("president.withdraw")}
                question={t("president.withdrawWhy")}
                onConfirm={(reason) => void run({ type: "item:withdraw", itemId: current.id, reason })}
              />
              <ReasonButton
                label={t("president.defer")}
                question={t("president.deferWhy")}
                onConfirm={(reason) => void run({ type: "item:defer", itemId: current.id, reason })}
              />
            </div>
          ) : null}
          {motion?.result && !voting ? <ResultBanner result={motion.result} variant="console" /> : null}
          {current.result && !voting ? <ResultBanner result={current.result} variant="console" /> : null}
          {text ? (
            voting ? (
              <details>
                <summary className="cursor-pointer font-semibold">{t("president.itemText")}</summary>
                <ItemText item={text} />
              </details>
            ) : (
              <ItemText item={text} />
            )
          ) : null}
        </>
      ) : (
        <p className="text-lg">{view.status === "convened" ? t("public.waiting") : t("public.noItem")}</p>
      )}
    </section>
  );
}
