"use client";
// Opening a vote on the called item — or on one of its amendments, or on a motion for huis clos: the
// ballot mode (fixed when the members asked for one, L2121-21) and whether the tally shows live.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { BallotMode } from "@/core/vocabulary";
import type { ViewItem } from "@/lib/client/selectors";
import type { Send } from "./send";

export function OpenVoteForm({
  item,
  run,
  amendmentId,
  label,
  motion,
}: {
  item: ViewItem;
  run: Send;
  amendmentId?: string;
  label?: string;
  motion?: "huis-clos";
}) {
  const t = useTranslations();
  const id = useId();
  const [mode, setMode] = useState<BallotMode>("public");
  const [reveal, setReveal] = useState<"live" | "at-close">("live");
  const fixed = amendmentId || motion ? null : item.decidedMode;
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3">
      <label className="flex flex-col text-sm font-semibold" htmlFor={`${id}-mode`}>
        {t("president.mode")}
        <select
          id={`${id}-mode`}
          value={fixed ?? mode}
          disabled={!!fixed}
          onChange={(e) => setMode(e.target.value as BallotMode)}
          className="rounded border border-slate-400 p-2"
        >
          {(["public", "show-of-hands", "secret"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`mode.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-sm font-semibold" htmlFor={`${id}-reveal`}>
        {t("president.reveal")}
        <select
          id={`${id}-reveal`}
          value={reveal}
          onChange={(e) => setReveal(e.target.value as "live" | "at-close")}
          className="rounded border border-slate-400 p-2"
        >
          <option value="live">{t("president.revealLive")}</option>
          <option value="at-close">{t("president.revealAtClose")}</option>
        </select>
      </label>
      <button
        type="button"
        className="btn btn-primary py-3 text-lg"
        onClick={() =>
          void run({
            type: "vote:open",
            itemId: item.id,
            mode: fixed ?? mode,
            reveal,
            ...(amendmentId ? { amendmentId } : {}),
            ...(motion ? { motion } : {}),
          })
        }
      >
        {label ?? t("president.openVote")}
      </button>
    </div>
  );
}
