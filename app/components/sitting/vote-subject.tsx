"use client";
// What a vote decides, in words: the item, one of its amendments, a motion for huis clos, or a
// nomination's round — so a phone, the console and the wall never show a bare "vote".
import { useTranslations } from "next-intl";
import type { ViewItem, ViewVote } from "@/lib/client/selectors";

export function voteSubjectText(vote: ViewVote, item: ViewItem | null, t: ReturnType<typeof useTranslations>): string | null {
  const s = vote.subject;
  if (s?.kind === "amendment") {
    const a = item?.amendments.find((x) => x.id === s.amendmentId);
    return a ? t("subject.amendment", { n: a.number, text: a.text }) : t("subject.amendmentUnknown");
  }
  if (s?.kind === "huis-clos") return t("subject.huisClos");
  if (vote.nomination) return t("subject.round", { round: vote.nomination.round, seat: vote.nomination.seat });
  return null;
}

export function VoteSubject({ vote, item, className }: { vote: ViewVote; item: ViewItem | null; className?: string }) {
  const t = useTranslations("vote");
  const text = voteSubjectText(vote, item, t);
  return text ? (
    <p className={className ?? "font-semibold"} data-testid="vote-subject">
      {text}
    </p>
  ) : null;
}
