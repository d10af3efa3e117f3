"use client";
// The vote under way on the console: mode and state, how many have voted, the tally (or the lock of a
// secret ballot), the chair's count for a show of hands, the president's own ballots, who has not
// voted yet, and the close and proclamation (each confirmed).
import { useTranslations } from "next-intl";
import type { ChairView, MemberView, PublicView } from "@/core/sitting/projection";
import { memberName, type ViewVote } from "@/lib/client/selectors";
import type { SendReply } from "@/lib/client/sitting-client";
import type { CommandBody } from "@/core/sitting/protocol";
import { BallotPanel } from "../../components/ballot-panel";
import { ConfirmButton } from "../../components/confirm-button";
import { TallyBars } from "../../components/tally-bars";
import { HandsForm } from "./hands-form";
import type { Send } from "./send";

export function VoteControl({
  view,
  vote,
  me,
  chair,
  run,
  send,
}: {
  view: PublicView;
  vote: ViewVote;
  me: MemberView | null;
  chair: ChairView | null;
  run: Send;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}) {
  const t = useTranslations();
  const open = vote.status === "open";
  const nameOf = (id: string) => memberName(view, id);
  return (
    <div className="space-y-3 rounded-lg border border-slate-300 p-3" data-testid="vote-control">
      <p className="text-lg font-bold">
        {t(`mode.${vote.mode}`)} — {open ? t("itemStatus.voting") : t("itemStatus.decided")} ·{" "}
        {t("public.ballotsCast", { cast: vote.ballotsCast, expected: vote.expected })}
      </p>
      <div className="rounded-lg bg-ink p-3 text-white">
        {vote.tally ? <TallyBars tally={vote.tally} size="md" /> : <p>🔒 {t("public.hiddenUntilClose")}</p>}
      </div>
      {open && vote.mode === "show-of-hands" ? <HandsForm voteId={vote.id} send={run} /> : null}
      {open && me ? me.entitlements.map((e) => <BallotPanel key={e.onBehalfOf || "own"} vote={vote} ent={e} send={send} />) : null}
      {open && chair && chair.notYetVoted.length ? (
        <details>
          <summary className="cursor-pointer font-semibold">
            {t("president.notVoted")} ({chair.notYetVoted.length})
          </summary>
          <p className="text-sm">
            {chair.notYetVoted
              .map((e) => (e.onBehalfOf ? `${nameOf(e.memberId)} (${t("president.forMandant", { name: nameOf(e.onBehalfOf) })})` : nameOf(e.memberId)))
              .join(", ")}
          </p>
        </details>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {open ? (
          <ConfirmButton
            className="btn btn-danger py-3 text-lg"
            label={t("president.closeVote")}
            question={t("president.confirmClose")}
            onConfirm={() => void run({ type: "vote:close", voteId: vote.id })}
          />
        ) : null}
        {vote.status === "closed" ? (
          <ConfirmButton
            className="btn btn-primary py-3 text-lg"
            label={t("president.proclaim")}
            question={t("president.confirmProclaim")}
            onConfirm={() => void run({ type: "vote:proclaim", voteId: vote.id })}
          />
        ) : null}
      </div>
    </div>
  );
}
