"use client";
// Opening the vote on the called item: the ballot mode (fixed when the members asked for one, L2121-21)
// and whether the tally shows live.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { BallotMode } from "@/core/vocabulary";
import type { ViewItem } from "@/lib/client/selectors";
import type { Send } from "./send";

export function OpenVoteForm({ item, run }: { item: ViewItem; run: Send }) {
  const t = useTranslations();
  const [mode, setMode] = useState<BallotMode>("public");
  const [reveal, setReveal] = useState<"live" | "at-close">("live");
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3">
      <label className="flex flex-col text-sm font-semibold">
        {t("president.mode")}
        <select
          value={item.decidedMode ?? mode}
          disabled={!!item.decidedMode}
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
      <label className="flex flex-col text-sm font-semibold">
        {t("president.reveal")}
        <select value={reveal} onChange={(e) => setReveal(e.target.value as "live" | "at-close")} className="rounded border border-slate-400 p-2">
          <option value="live">{t("president.revealLive")}</option>
          <option value="at-close">{t("president.revealAtClose")}</option>
        </select>
      </label>
      <button
        type="button"
        className="btn btn-primary py-3 text-lg"
        onClick={() => void run({ type: "vote:open", itemId: item.id, mode: item.decidedMode ?? mode, reveal })}
      >
        {t("president.openVote")}
      </button>
    </div>
  );
}
