"use client";
// Opening, suspending, resuming and closing the sitting from the console. Opening and closing are
// confirmed; the opening's confirmation says what the mayor should know first (the convened day not
// come, no convocation sent, no quorum, no secretary), and the sitting is not closed while a vote is open.
import { useLocale, useTranslations } from "next-intl";
import type { PublicView } from "@/core/sitting/projection";
import { councilDate } from "@/core/time";
import { useServerNow } from "@/lib/client/server-clock";
import { ConfirmButton } from "../../components/confirm-button";
import { formatDate } from "../../components/format";
import type { Send } from "./send";

/** What the mayor should know before opening, one sentence each (none when all is in order). */
function useOpeningWarnings(view: PublicView, clockOffset: number): string[] {
  const t = useTranslations("president");
  const locale = useLocale();
  // The day on the server's clock (with its measured offset), read again each minute.
  const now = useServerNow(clockOffset, true, 60_000);
  const today = now === null ? null : councilDate(new Date(now).toISOString(), view.debate.timeZone);
  const warnings: string[] = [];
  if (today && today < view.header.date) warnings.push(t("openEarly", { date: formatDate(view.header.date, locale) }));
  if (!view.convocation.sentOn && !view.secondConvocation) warnings.push(t("openNotConvened"));
  if (view.quorum && !view.quorum.reached) warnings.push(t("openNoQuorum", { counted: view.quorum.counted, required: view.quorum.required }));
  if (!view.secretaryIds.length) warnings.push(t("openNoSecretary"));
  return warnings;
}

export function LifecycleControls({ view, clockOffset, run }: { view: PublicView; clockOffset: number; run: Send }) {
  const t = useTranslations("president");
  const status = view.status;
  const warnings = useOpeningWarnings(view, clockOffset);
  const voteOpen = view.vote?.status === "open";
  return (
    <>
      {status === "convened" ? (
        <ConfirmButton
          className="btn bg-white text-marianne"
          label={t("open")}
          question={t("confirmOpen")}
          details={warnings}
          onConfirm={() => void run({ type: "sitting:open" })}
        />
      ) : null}
      {status === "opened" ? (
        <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:suspend" })}>
          {t("suspend")}
        </button>
      ) : null}
      {status === "suspended" ? (
        <button type="button" className="btn bg-white text-marianne" onClick={() => void run({ type: "sitting:resume" })}>
          {t("resume")}
        </button>
      ) : null}
      {status === "opened" || status === "suspended" ? (
        <ConfirmButton
          className="btn btn-danger"
          label={t("closeSitting")}
          question={t("confirmCloseSitting")}
          disabled={voteOpen}
          title={voteOpen ? t("closeSittingDuringVote") : undefined}
          onConfirm={() => void run({ type: "sitting:close" })}
        />
      ) : null}
    </>
  );
}
