"use client";
// The vote under way on the console. Its controls come first so a tablet never hides them (close,
// proclaim, cancel with a reason), then what it decides and how many have voted ("N votes sur M"), the
// tally (or the lock of a secret ballot; an open nomination's figures as they come), the president's
// own ballots (she votes last: told how many she waits for, and "vote now"), the ballots the chair
// records for members without a device or the paper urn, and who has not voted yet.
import { useTranslations } from "next-intl";
import type { ChairView, MemberView, PublicView } from "@/core/sitting/projection";
import { memberName, type ViewItem, type ViewVote } from "@/lib/client/selectors";
import type { SendReply } from "@/lib/client/sitting-client";
import type { CommandBody } from "@/core/sitting/protocol";
import { BallotPanel } from "../../components/ballot-panel";
import { ConfirmButton } from "../../components/confirm-button";
import { NominationBallot } from "../../components/nomination-ballot";
import { ReasonButton } from "../../components/reason-button";
import { VoteSubject } from "../../components/sitting/vote-subject";
import { TallyBars } from "../../components/tally-bars";
import { PaperUrn, RecordBallot } from "./chair-ballots";
import { HandsForm } from "./hands-form";
import type { Send } from "./send";

function Controls({ vote, me, run }: { vote: ViewVote; me: MemberView | null; run: Send }) {
  const t = useTranslations("president");
  const open = vote.status === "open";
  const unvoted = open && !!me?.entitlements.some((e) => !e.voted);
  // Ballots the electorate has not cast yet (a show of hands is counted by the chair, not cast).
  const missing = open && vote.mode !== "show-of-hands" ? Math.max(0, vote.expected - vote.ballotsCast) : 0;
  return (
    <div className="flex flex-wrap gap-2" data-testid="vote-actions">
      {open ? (
        <ConfirmButton
          className="btn btn-danger py-3 text-lg"
          label={t("closeVote")}
          question={unvoted ? t("confirmCloseWithoutYou") : t("confirmClose")}
          details={missing ? [t("closeMissing", { missing })] : []}
          onConfirm={() => void run({ type: "vote:close", voteId: vote.id })}
        />
      ) : null}
      {vote.status === "closed" ? (
        <ConfirmButton
          className="btn btn-primary py-3 text-lg"
          label={t("proclaim")}
          question={t("confirmProclaim")}
          onConfirm={() => void run({ type: "vote:proclaim", voteId: vote.id })}
        />
      ) : null}
      {open || vote.status === "closed" ? (
        <ReasonButton
          className="btn btn-secondary py-3"
          label={t("cancelVote")}
          question={t("cancelVoteWhy")}
          onConfirm={(reason) => void run({ type: "vote:cancel", voteId: vote.id, reason })}
        />
      ) : null}
    </div>
  );
}

/** The president's own ballots: after everyone else, or once she chose to vote now (PRES-1, PRES-2). */
function OwnBallots({
  vote,
  me,
  run,
  send,
  timeZone,
}: {
  vote: ViewVote;
  me: MemberView;
  timeZone: string;
  run: Send;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}) {
  const t = useTranslations("president");
  const last = me.votesLast;
  if (last && !last.othersClosed && last.waiting > 0)
    return (
      <div className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-100 p-3" role="status" data-testid="votes-last">
        <p className="font-semibold">{t("votesLast", { n: last.waiting })}</p>
        <ConfirmButton
          className="btn btn-primary"
          label={t("voteNow")}
          question={t("voteNowConfirm", { n: last.waiting })}
          onConfirm={() => void run({ type: "vote:president-turn", voteId: vote.id })}
        />
      </div>
    );
  return (
    <div className="grid gap-3 xl:grid-cols-2">
      {me.entitlements.map((e) =>
        vote.nomination ? (
          <NominationBallot key={e.onBehalfOf || "own"} vote={vote} ent={e} send={send} />
        ) : (
          <BallotPanel key={e.onBehalfOf || "own"} vote={vote} ent={e} send={send} timeZone={timeZone} />
        ),
      )}
    </div>
  );
}

function LiveNomination({ vote, live }: { vote: ViewVote; live: { votes: number[]; blank: number } }) {
  const t = useTranslations("nomination");
  const candidates = vote.nomination?.candidates ?? [];
  const exprimes = live.votes.reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-1" data-testid="live-nomination">
      <p className="text-sm text-slate-200">
        {t("votants")} {exprimes + live.blank} · {t("blancs")} {live.blank} · {t("exprimes")} {exprimes}
      </p>
      <ul>
        {candidates.map((c, i) => (
          <li key={c.id} className="flex justify-between gap-3 text-lg font-bold">
            <span>{c.label}</span>
            <span className="tabular-nums">{t("votes", { n: live.votes[i] ?? 0 })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function VoteControl(props: {
  view: PublicView;
  item: ViewItem | null;
  vote: ViewVote;
  me: MemberView | null;
  chair: ChairView | null;
  run: Send;
  send: <C extends CommandBody>(command: C) => Promise<SendReply<C>>;
}) {
  const { view, vote, me, chair, run } = props;
  const t = useTranslations();
  const open = vote.status === "open";
  const nameOf = (id: string) => memberName(view, id);
  const figures = vote.nomination && vote.nomination.votes ? { votes: vote.nomination.votes, blank: vote.nomination.blank ?? 0 } : chair?.liveNomination;
  return (
    <div className="space-y-3 rounded-lg border-2 border-marianne p-3" data-testid="vote-control">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <VoteSubject vote={vote} item={props.item} className="font-bold text-marianne" />
          <p className="text-lg font-bold">
            {t(`mode.${vote.mode}`)} — {open ? t("itemStatus.voting") : vote.status === "cancelled" ? t("vote.cancelled") : t("vote.closed")} ·{" "}
            <span data-testid="ballots-cast">{t("public.ballotsCast", { cast: vote.ballotsCast, expected: vote.expected })}</span>
          </p>
        </div>
        <Controls vote={vote} me={me} run={run} />
      </div>
      {vote.othersClosed && open ? <p className="rounded bg-amber-100 p-2 font-semibold">{t("president.othersClosed")}</p> : null}
      <div className="rounded-lg bg-ink p-3 text-white">
        {vote.nomination ? (
          figures ? (
            <LiveNomination vote={vote} live={figures} />
          ) : (
            <p>🔒 {t("public.hiddenUntilClose")}</p>
          )
        ) : vote.tally ? (
          <TallyBars tally={vote.tally} size="md" />
        ) : (
          <p>🔒 {t("public.hiddenUntilClose")}</p>
        )}
      </div>
      {open && vote.mode === "show-of-hands" ? <HandsForm voteId={vote.id} send={run} /> : null}
      {open && me && me.entitlements.length ? <OwnBallots vote={vote} me={me} run={run} send={props.send} timeZone={view.debate.timeZone} /> : null}
      {open && chair && vote.mode !== "show-of-hands" ? (
        vote.mode === "secret" ? (
          <PaperUrn view={view} vote={vote} chair={chair} run={run} />
        ) : (
          <RecordBallot view={view} vote={vote} chair={chair} run={run} />
        )
      ) : null}
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
    </div>
  );
}
